package io.warren.bench.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Pauses producers while too many deliveries are published but not yet received. Without it an
 * unthrottled producer that outpaces its consumer grows the queue for the whole run, and the
 * figures measure a filling queue instead of a steady state. Producer threads call it.
 */
final class BacklogGate {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final TrafficCounters counters;
    private final int copiesPerMessage;
    private final long maxBacklog;

    BacklogGate(TrafficCounters counters, int copiesPerMessage, long maxBacklog) {
        this.counters = counters;
        this.copiesPerMessage = copiesPerMessage;
        this.maxBacklog = maxBacklog;
    }

    /** @return false if {@code control} stopped the run while waiting */
    boolean awaitRoom(RunControl control) {
        while (backlog() >= maxBacklog) {
            if (!control.isRunning()) {
                return false;
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        return true;
    }

    long backlog() {
        // Nacked messages were never enqueued, so they will never be received.
        long received = counters.received();
        return (counters.sent() - counters.nacked().sum()) * copiesPerMessage - received;
    }
}
