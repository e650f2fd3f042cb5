package io.warren.queue;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters a queue keeps for statistics and management. Written by the owner thread, read by
 * anyone: lengths are volatile snapshots taken at the end of each pass, totals are adders.
 */
public final class QueueStats {
    private final LongAdder published = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder redelivered = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private volatile int ready;
    private volatile int unacked;

    void recordPublish() {
        published.increment();
    }

    void recordDelivery(boolean redelivery) {
        delivered.increment();
        if (redelivery) {
            redelivered.increment();
        }
    }

    void recordAcks(int n) {
        acked.add(n);
    }

    void recordLengths(int ready, int unacked) {
        this.ready = ready;
        this.unacked = unacked;
    }

    public long published() { return published.sum(); }

    public long delivered() { return delivered.sum(); }

    public long redelivered() { return redelivered.sum(); }

    public long acked() { return acked.sum(); }

    /** Ready messages as of the end of the last pass. */
    public int readySnapshot() { return ready; }

    public int unackedSnapshot() { return unacked; }
}
