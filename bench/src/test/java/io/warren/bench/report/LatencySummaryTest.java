package io.warren.bench.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencySummaryTest {

    @Test
    void convertsMicrosecondsToMilliseconds() {
        Histogram micros = new Histogram(3);
        micros.recordValue(1_000);
        micros.recordValue(1_000);
        micros.recordValue(20_000);

        LatencySummary summary = LatencySummary.ofMicros(micros);

        assertEquals(3, summary.samples());
        assertEquals(1.0, summary.p50Ms(), 0.001);
        assertEquals(20.0, summary.p95Ms(), 0.02);
        assertEquals(20.0, summary.maxMs(), 0.02);
    }

    @Test
    void anEmptyHistogramIsEmpty() {
        assertEquals(LatencySummary.EMPTY, LatencySummary.ofMicros(new Histogram(3)));
    }
}
