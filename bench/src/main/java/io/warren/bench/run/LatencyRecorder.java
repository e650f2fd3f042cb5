package io.warren.bench.run;

import io.warren.bench.report.LatencySummary;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;

/**
 * Collects publish-to-deliver latencies. Any number of consumer threads may {@link #record}
 * concurrently without waiting on each other; the runner thread resets and reads the window.
 */
final class LatencyRecorder {
    /** Three significant digits: 0.1% resolution, far finer than run-to-run noise. */
    private static final int SIGNIFICANT_DIGITS = 3;

    // Auto-resizing, so a multi-second outlier is recorded rather than thrown out.
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);

    void record(long publishNanos, long deliverNanos) {
        recorder.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(deliverNanos - publishNanos)));
    }

    /** Starts a new measurement window, dropping what was recorded so far (the warmup). */
    void reset() {
        recorder.reset();
    }

    /** Summarises everything recorded since the last reset or summary. */
    LatencySummary summarizeWindow() {
        return LatencySummary.ofMicros(recorder.getIntervalHistogram());
    }
}
