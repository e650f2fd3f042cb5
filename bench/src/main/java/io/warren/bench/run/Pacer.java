package io.warren.bench.run;

import java.util.concurrent.TimeUnit;

/**
 * A fixed-rate schedule for one producer: send slot {@code n} falls at {@code start + n / rate}.
 * Not thread-safe; each producer owns one.
 */
final class Pacer {
    /**
     * How far behind schedule a producer may fall before the schedule restarts from now. Within
     * this the producer catches up in a burst so the average rate holds; beyond it (a broker
     * stall, a long GC) a burst would measure the catch-up rather than the broker.
     */
    static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long intervalNanos;
    private long nextSlot;

    /** @param ratePerSecond messages per second, or 0 for no pacing */
    Pacer(int ratePerSecond, long startNanos) {
        this.intervalNanos = ratePerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        this.nextSlot = startNanos;
    }

    /** Claims the next send slot and returns the nanoTime at which it may be used. */
    long claimSlot(long nowNanos) {
        if (intervalNanos == 0) {
            return nowNanos;
        }
        if (nowNanos - nextSlot > MAX_LAG_NANOS) {
            nextSlot = nowNanos;
        }
        long slot = nextSlot;
        nextSlot += intervalNanos;
        return slot;
    }
}
