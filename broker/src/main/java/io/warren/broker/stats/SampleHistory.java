package io.warren.broker.stats;

import java.util.List;

/**
 * The recent samples of one object's fields, in a ring of fixed capacity. The sampler appends;
 * management threads read, so both are synchronized on the history (neither is on a message's
 * path). An object that has only ever sampled zeros holds no ring at all, which keeps thousands
 * of idle queues cheap.
 */
public final class SampleHistory {
    private final List<String> fields;
    private final int capacity;
    private final long intervalMs;
    private long[] times;
    private long[] values; // capacity rows of fields.size() values
    private int count;
    private int next;
    private long firstZeroAt = -1;
    private long lastZeroAt = -1;
    /** True once the ring overwrote its oldest sample: what came before is then unknown. */
    private boolean dropped;

    SampleHistory(List<String> fields, int capacity, long intervalMs) {
        this.fields = fields;
        this.capacity = capacity;
        this.intervalMs = intervalMs;
    }

    public List<String> fields() {
        return fields;
    }

    /**
     * Sampler thread: the values of every field, in {@link #fields()} order, at {@code timestamp},
     * which is the start of the interval the sample belongs to.
     */
    synchronized void record(long timestamp, long[] sample) {
        if (times == null) {
            if (allZero(sample)) {
                if (firstZeroAt < 0) {
                    firstZeroAt = timestamp;
                }
                lastZeroAt = timestamp;
                return;
            }
            times = new long[capacity];
            values = new long[capacity * fields.size()];
            if (lastZeroAt >= 0) {
                append(lastZeroAt, new long[sample.length]);
            }
        }
        append(timestamp, sample);
    }

    private void append(long timestamp, long[] sample) {
        if (count > 0 && times[(next - 1 + capacity) % capacity] == timestamp) {
            // A second sample within one interval (one asked for between ticks) replaces the first.
            next = (next - 1 + capacity) % capacity;
            count--;
        }
        dropped |= count == capacity;
        times[next] = timestamp;
        System.arraycopy(sample, 0, values, next * fields.size(), fields.size());
        next = (next + 1) % capacity;
        count = Math.min(count + 1, capacity);
    }

    private static boolean allZero(long[] sample) {
        for (long v : sample) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** The current rate of {@code field} per second; any thread. */
    public double rate(String field) {
        return details(field, now(), 0, 0).rate();
    }

    /**
     * The {@code _details} of {@code field}: only the rate when {@code ageSeconds} is 0, else the
     * samples every {@code incrementSeconds} over the last {@code ageSeconds} too. Any thread.
     */
    public RateDetails details(String field, long ageSeconds, long incrementSeconds) {
        return details(field, now(), ageSeconds, incrementSeconds);
    }

    synchronized RateDetails details(String field, long now, long ageSeconds, long incrementSeconds) {
        int f = fields.indexOf(field);
        if (f < 0) {
            throw new IllegalArgumentException("no field " + field + " in " + fields);
        }
        int n = count;
        long[] t;
        long[] v;
        if (times == null) {
            // Nothing but zeros so far: the first and the latest of them stand for all.
            t = lastZeroAt < 0 ? new long[0]
                    : firstZeroAt == lastZeroAt ? new long[] {lastZeroAt} : new long[] {firstZeroAt, lastZeroAt};
            n = t.length;
            v = new long[n];
        } else {
            t = new long[n];
            v = new long[n];
            int first = (next - n + capacity) % capacity;
            for (int i = 0; i < n; i++) {
                int row = (first + i) % capacity;
                t[i] = times[row];
                v[i] = values[row * fields.size() + f];
            }
        }
        if (ageSeconds <= 0 || incrementSeconds <= 0) {
            return new RateDetails(RateMath.instantRate(t, v, n, now, intervalMs), null, Double.NaN, Double.NaN);
        }
        return RateMath.range(t, v, n, now, ageSeconds * 1000, incrementSeconds * 1000, intervalMs, !dropped);
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
