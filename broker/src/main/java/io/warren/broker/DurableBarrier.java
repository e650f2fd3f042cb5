package io.warren.broker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits for a number of store writes known only as they are handed out: each {@link #expect()}
 * returns a callback for one write, and the action given to {@link #arm} runs once every
 * callback has fired and the barrier is armed. Callbacks may fire on any thread, before or after
 * arming; the action runs on whichever thread completes the barrier.
 */
final class DurableBarrier {
    // Starts at 1 for the arming itself, so the barrier cannot complete while still being filled.
    private final AtomicInteger pending = new AtomicInteger(1);
    private volatile Runnable action;
    private volatile boolean rejected;

    Runnable expect() {
        pending.incrementAndGet();
        return this::done;
    }

    /**
     * For a write that may instead be refused (a queue at its length limit with reject-publish):
     * call this instead of the callback {@link #expect()} returned for it.
     */
    void rejectOne() {
        rejected = true;
        done();
    }

    /** Whether any expected write was refused; read it in the armed action. */
    boolean rejected() {
        return rejected;
    }

    void arm(Runnable then) {
        action = then;
        done();
    }

    private void done() {
        if (pending.decrementAndGet() == 0) {
            action.run();
        }
    }
}
