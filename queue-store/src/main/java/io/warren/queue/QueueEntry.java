package io.warren.queue;

import io.warren.queue.store.SegmentPosition;

/**
 * One message's place in one queue. {@link #sequence()} is the order it was enqueued in, so a
 * requeued entry goes back to its original position. Mutable state is touched only by the
 * queue's owner thread; a consumer reads {@code redelivered} from the value passed to
 * {@link QueueConsumer#deliver} rather than from here.
 */
public final class QueueEntry {
    private final Message message;
    private final long sequence;
    private final SegmentPosition stored;
    private int deliveryCount;

    QueueEntry(Message message, long sequence, SegmentPosition stored) {
        this.message = message;
        this.sequence = sequence;
        this.stored = stored;
    }

    /** Where the message is in the queue's log, or null when it is not stored (transient). */
    SegmentPosition stored() { return stored; }

    public Message message() { return message; }

    public long sequence() { return sequence; }

    /** How many times this entry has been handed out (get or deliver) before. */
    public int deliveryCount() { return deliveryCount; }

    boolean redelivered() { return deliveryCount > 0; }

    void delivered() { deliveryCount++; }
}
