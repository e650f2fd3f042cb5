package io.warren.broker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Permits to hand out messages: a consumer's prefetch, or the in-flight window of a consumer that
 * acks on write (the channel's global prefetch is {@link ChannelLimiter}'s). Taken by queue
 * threads, given back by the channel's thread; a compare-and-set, never a lock. A limit of 0
 * means unlimited.
 */
final class Credit {
    private final AtomicInteger available = new AtomicInteger();
    private volatile int limit;

    Credit(int limit) {
        setLimit(limit);
    }

    boolean unlimited() {
        return limit == 0;
    }

    /** Changes the limit, keeping what is out: available = new limit - in use. */
    void setLimit(int newLimit) {
        int old = limit;
        limit = newLimit;
        available.addAndGet(newLimit - old);
    }

    boolean tryAcquire() {
        if (limit == 0) {
            return true;
        }
        while (true) {
            int a = available.get();
            if (a <= 0) {
                return false;
            }
            if (available.compareAndSet(a, a - 1)) {
                return true;
            }
        }
    }

    void release(int n) {
        if (limit != 0) {
            available.addAndGet(n);
        }
    }
}
