package io.warren.bench.run;

/** The totals of {@link TrafficCounters} at one instant; rates are taken between two of these. */
record TrafficSnapshot(long nanoTime, long sent, long received, long nacked) {

    double seconds(TrafficSnapshot earlier) {
        return (nanoTime - earlier.nanoTime) / 1e9;
    }

    double sentPerSecondSince(TrafficSnapshot earlier) {
        return (sent - earlier.sent) / seconds(earlier);
    }

    double receivedPerSecondSince(TrafficSnapshot earlier) {
        return (received - earlier.received) / seconds(earlier);
    }
}
