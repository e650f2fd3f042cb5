package io.warren.bench.run;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The stop flag and the first failure of one scenario run, shared by the runner, producers and
 * consumer callbacks. Safe from any thread.
 */
final class RunControl {
    private volatile boolean running = true;
    private final AtomicReference<String> failure = new AtomicReference<>();

    boolean isRunning() {
        return running;
    }

    void stop() {
        running = false;
    }

    /** Records the first failure and stops the run; failures reported after a stop are noise from teardown. */
    void fail(String where, Throwable cause) {
        fail(where + ": " + describe(cause));
    }

    void fail(String reason) {
        if (running) {
            failure.compareAndSet(null, reason);
            running = false;
        }
    }

    void throwIfFailed() throws ScenarioFailedException {
        String reason = failure.get();
        if (reason != null) {
            throw new ScenarioFailedException(reason);
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
