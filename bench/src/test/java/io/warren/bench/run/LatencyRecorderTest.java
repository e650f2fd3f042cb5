package io.warren.bench.run;

import io.warren.bench.report.LatencySummary;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyRecorderTest {
    private static final long MS = 1_000_000;
    private final LatencyRecorder recorder = new LatencyRecorder();

    @Test
    void percentilesOfAUniformSpreadAreWithinATenthOfAPercent() {
        for (int ms = 1; ms <= 1_000; ms++) {
            recorder.record(5_000 * MS, (5_000 + ms) * MS);
        }

        LatencySummary summary = recorder.summarizeWindow();

        assertEquals(1_000, summary.samples());
        assertEquals(500.0, summary.p50Ms(), 0.5);
        assertEquals(950.0, summary.p95Ms(), 0.95);
        assertEquals(990.0, summary.p99Ms(), 0.99);
        assertEquals(1_000.0, summary.maxMs(), 1.0);
    }

    @Test
    void subMillisecondLatenciesKeepMicrosecondDetail() {
        recorder.record(0, 250_000);

        assertEquals(0.25, recorder.summarizeWindow().p50Ms(), 0.001);
    }

    @Test
    void aSlowTailShowsInP99ButNotP50() {
        for (int i = 0; i < 980; i++) {
            recorder.record(0, 2 * MS);
        }
        for (int i = 0; i < 20; i++) {
            recorder.record(0, 3_000 * MS);
        }

        LatencySummary summary = recorder.summarizeWindow();

        assertEquals(2.0, summary.p50Ms(), 0.01);
        assertEquals(2.0, summary.p95Ms(), 0.01);
        assertEquals(3_000.0, summary.p99Ms(), 3.0);
    }

    @Test
    void resetDropsTheWarmup() {
        recorder.record(0, 900 * MS);
        recorder.reset();
        recorder.record(0, 3 * MS);

        LatencySummary summary = recorder.summarizeWindow();

        assertEquals(1, summary.samples());
        assertEquals(3.0, summary.maxMs(), 0.01);
    }

    @Test
    void anEmptyWindowHasNoPercentiles() {
        LatencySummary summary = recorder.summarizeWindow();

        assertEquals(LatencySummary.EMPTY, summary);
        assertEquals(Double.NaN, summary.p99Ms());
    }

    @Test
    void eachSummaryStartsAFreshWindow() {
        recorder.record(0, 4 * MS);
        recorder.summarizeWindow();

        assertEquals(0, recorder.summarizeWindow().samples());
    }
}
