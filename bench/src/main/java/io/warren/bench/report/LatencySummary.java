package io.warren.bench.report;

import org.HdrHistogram.Histogram;

/**
 * Publish-to-deliver latency of one measurement window, in milliseconds. With no samples the
 * percentiles are {@code NaN}; reports print those as missing.
 */
public record LatencySummary(long samples, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    private static final double MICROS_PER_MILLI = 1_000.0;

    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Summarises a histogram whose values are microseconds. */
    public static LatencySummary ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                micros.getTotalCount(),
                millis(micros.getValueAtPercentile(50)),
                millis(micros.getValueAtPercentile(95)),
                millis(micros.getValueAtPercentile(99)),
                millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / MICROS_PER_MILLI;
    }
}
