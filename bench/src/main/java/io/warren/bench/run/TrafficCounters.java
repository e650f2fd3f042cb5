package io.warren.bench.run;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals for one scenario. Producers, consumers and confirm listeners add from their own
 * threads without contending; any thread may take a {@link #snapshot}.
 */
final class TrafficCounters {
    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder nacked = new LongAdder();

    void recordSent() {
        sent.increment();
    }

    void recordReceived() {
        received.increment();
    }

    /** The adder confirm listeners count nacked publishes into. */
    LongAdder nacked() {
        return nacked;
    }

    long sent() {
        return sent.sum();
    }

    long received() {
        return received.sum();
    }

    TrafficSnapshot snapshot() {
        // Received is read first so that every delivery counted has its publish counted too.
        long receivedNow = received.sum();
        return new TrafficSnapshot(System.nanoTime(), sent.sum(), receivedNow, nacked.sum());
    }
}
