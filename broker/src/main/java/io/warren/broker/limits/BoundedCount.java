package io.warren.broker.limits;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of something are held (connections to a vhost, queues in it, a user's channels),
 * taken one at a time against a limit that may change between takes. Taking checks and counts
 * in one atomic step, so two event loops racing for the last place cannot both get it.
 * Thread-safe and lock-free.
 */
public final class BoundedCount {
    /** A limit that never refuses. */
    public static final long UNLIMITED = -1;

    private final AtomicInteger held = new AtomicInteger();

    /**
     * Takes one place unless {@code limit} are held already; a negative limit never refuses.
     * Returns whether the place was taken; whoever took it must {@link #release} it once.
     */
    public boolean tryAcquire(long limit) {
        while (true) {
            int now = held.get();
            if (limit >= 0 && now >= limit) {
                return false;
            }
            if (held.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back one place taken with {@link #tryAcquire}. */
    public void release() {
        held.decrementAndGet();
    }

    /** How many places are held now. */
    public int held() {
        return held.get();
    }

    @Override
    public String toString() {
        return Integer.toString(held.get());
    }
}
