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
    private final TreeSet<Long> outstanding = new TreeSet<>();
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
        outstanding.remove(seq);
    }

    /** The delivery tag to ack up to now, or 0 when there is nothing new to confirm. */
    long confirmable() {
        long upTo = outstanding.isEmpty() ? published : outstanding.first() - 1;
        return upTo > confirmedUpTo ? upTo : 0;
    }

    /** Records that everything up to {@code tag} was acked; returns whether that ack covers several. */
    boolean confirm(long tag) {
        boolean multiple = tag - confirmedUpTo > 1;
        confirmedUpTo = tag;
        return multiple;
    }
}
