package io.warren.broker.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The sizes of the message bodies received from publishers, as a histogram with RabbitMQ's buckets
 * (rabbit_msg_size_metrics, RabbitMQ 4: 100 B, 1 kB, 10 kB, 100 kB, 1 MB, 10 MB, 50 MB, 100 MB and
 * more). Any thread observes and reads; counts are per bucket, cumulated when read.
 */
public final class MessageSizes {
    /** The buckets' upper bounds in bytes (inclusive); a last bucket takes every larger size. */
    public static final long[] BOUNDS = {100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 50_000_000, 100_000_000};

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
    private final LongAdder sum = new LongAdder();

    public MessageSizes() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** A message of {@code bytes} was received. */
    public void observe(long bytes) {
        int i = 0;
        while (i < BOUNDS.length && bytes > BOUNDS[i]) {
            i++;
        }
        counts[i].increment();
        sum.add(bytes);
    }

    /**
     * The cumulative counts, one per bound of {@link #BOUNDS} and a last one for every message
     * (Prometheus's {@code le} buckets, the last being {@code +Inf}).
     */
    public long[] cumulativeCounts() {
        long[] out = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i].sum();
            out[i] = running;
        }
        return out;
    }

    /** The bytes of every message observed. */
    public long sum() {
        return sum.sum();
    }
}
