package io.warren.queue;

import io.warren.queue.store.SegmentPosition;

/**
 * One message's place in one queue. {@link #sequence()} is the order it was enqueued in, so a
 * requeued entry goes back to its original position. Mutable state is touched only by the
 * queue's owner thread; a consumer reads {@code redelivered} from the value passed to
 * {@link QueueConsumer#deliver} rather than from here.
 */
public final class QueueEntry {
    /** Where an entry is. */
    enum State {
        /** In the ready list, waiting for a consumer. */
        READY,
        /** Handed to a consumer or basic.get, not yet settled. */
        OUT,
        /** Being dead-lettered: kept until the dead-letter target has it. */
        DEAD_LETTERING,
        /** Paged out to the backlog: in memory only until its record is known to be written. */
        PAGED,
        /** Gone from the queue: acked, dropped, expired or dead-lettered. */
        GONE
    }

    private final Message message;
    private final long sequence;
    private SegmentPosition stored;
    private int deliveryCount;
    private State state = State.READY;
    // When the message expires in this queue (epoch ms), Long.MAX_VALUE for never; owner thread only.
    private long deadline = Long.MAX_VALUE;
    // Whether the queue's expiry index holds this entry.
    private boolean indexed;

    QueueEntry(Message message, long sequence, SegmentPosition stored) {
        this.message = message;
        this.sequence = sequence;
        this.stored = stored;
    }

    /** Where the message is in the queue's log, or null when it is not stored (transient). */
    SegmentPosition stored() { return stored; }

    /** The message was written to the log after all (paged out); set once, by the owner thread. */
    void stored(SegmentPosition position) { this.stored = position; }

    public Message message() { return message; }

    public long sequence() { return sequence; }

    /** How many times this entry has been handed out (get or deliver), this time included once out. */
    public int deliveryCount() { return deliveryCount; }

    boolean redelivered() { return deliveryCount > 0; }

    void delivered() { deliveryCount++; }

    State state() { return state; }

    void state(State state) { this.state = state; }

    long deadline() { return deadline; }

    void deadline(long deadline) { this.deadline = deadline; }

    boolean indexed() { return indexed; }

    void indexed(boolean indexed) { this.indexed = indexed; }
}
