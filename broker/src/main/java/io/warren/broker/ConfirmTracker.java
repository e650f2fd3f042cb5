package io.warren.broker;

import java.util.TreeSet;

/**
 * Publisher-confirm bookkeeping for one channel. Every publish takes the next sequence number; a
 * transient one may be confirmed at once, a persistent one routed to durable queues only when
 * the store has it on disk. Confirms go out in order: the highest number below every outstanding
 * one is acked with {@code multiple} set when it covers more than one publish, so a slow fsync
 * holds back later confirms rather than reordering them. Channel thread only.
 */
final class ConfirmTracker {
    /** Where {@link #flush} sends confirms. */
    interface Sink {
        void ack(long tag, boolean multiple);

        void nack(long tag, boolean multiple);
    }

    private final TreeSet<Long> outstanding = new TreeSet<>();
    // Settled publishes that a queue refused: each gets its own basic.nack, in order.
    private final TreeSet<Long> nacked = new TreeSet<>();
    private long published;
    private long confirmedUpTo;

    /** Numbers the next publish; it is confirmable as soon as {@link #confirmable()} is asked. */
    long publish() {
        return ++published;
    }

    /** Numbers the next publish and holds its confirm until {@link #settled} is called for it. */
    long publishDeferred() {
        long seq = ++published;
        outstanding.add(seq);
        return seq;
    }

    void settled(long seq) {
        settled(seq, false);
    }

    /** @param refused a queue refused the message (reject-publish): it is nacked, not acked */
    void settled(long seq, boolean refused) {
        outstanding.remove(seq);
        if (refused) {
            nacked.add(seq);
        }
    }

    /**
     * Sends every confirm due: acks with {@code multiple} where they cover several publishes, and
     * a basic.nack for each refused one, never covered by an ack.
     */
    void flush(Sink sink) {
        long upTo = confirmable();
        if (upTo == 0) {
            return;
        }
        while (!nacked.isEmpty() && nacked.first() <= upTo) {
            long refused = nacked.pollFirst();
            if (refused - 1 > confirmedUpTo) {
                sink.ack(refused - 1, confirm(refused - 1));
            }
            confirm(refused);
            sink.nack(refused, false);
        }
        if (upTo > confirmedUpTo) {
            sink.ack(upTo, confirm(upTo));
        }
    }

    /** The delivery tag to ack up to now, or 0 when there is nothing new to confirm. */
    long confirmable() {
        long upTo = outstanding.isEmpty() ? published : outstanding.first() - 1;
        return upTo > confirmedUpTo ? upTo : 0;
    }

    /** The highest publish confirmed (acked or nacked) so far. */
    long confirmedUpTo() {
        return confirmedUpTo;
    }

    /** Publishes numbered so far. */
    long published() {
        return published;
    }

    /** Records that everything up to {@code tag} was acked; returns whether that ack covers several. */
    boolean confirm(long tag) {
        boolean multiple = tag - confirmedUpTo > 1;
        confirmedUpTo = tag;
        return multiple;
    }
}
