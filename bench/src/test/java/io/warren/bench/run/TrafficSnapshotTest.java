package io.warren.bench.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrafficSnapshotTest {

    @Test
    void ratesAreCountsOverElapsedSeconds() {
        TrafficSnapshot start = new TrafficSnapshot(1_000_000_000L, 100, 50, 0);
        TrafficSnapshot end = new TrafficSnapshot(3_500_000_000L, 10_100, 5_050, 1);

        assertEquals(2.5, end.seconds(start), 1e-9);
        assertEquals(4_000.0, end.sentPerSecondSince(start), 1e-9);
        assertEquals(2_000.0, end.receivedPerSecondSince(start), 1e-9);
    }

    @Test
    void countersSnapshotTheirTotals() {
        TrafficCounters counters = new TrafficCounters();
        counters.recordSent();
        counters.recordSent();
        counters.recordReceived();
        counters.nacked().increment();

        TrafficSnapshot snapshot = counters.snapshot();

        assertEquals(2, snapshot.sent());
        assertEquals(1, snapshot.received());
        assertEquals(1, snapshot.nacked());
    }
}
