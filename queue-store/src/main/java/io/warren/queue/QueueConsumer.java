package io.warren.queue;

/**
 * A push consumer as a queue sees it. The broker's channel implements it. Every method is
 * called on the queue's owner thread; implementations hand the work over to their own thread.
 */
public interface QueueConsumer {
    /**
     * Takes one unit of credit if the consumer can accept a message now (prefetch not exhausted,
     * connection writable, flow on). When it returns false the queue stops offering to this
     * consumer until the consumer calls {@link MessageQueue#requestDrain()} from its side.
     */
    boolean tryAcquireCredit();

    /**
     * Hands a message over. With {@code autoAck} the queue has already forgotten the entry;
     * otherwise the consumer must later {@link MessageQueue#ack}, {@link MessageQueue#requeue} or
     * {@link MessageQueue#discard} it.
     */
    void deliver(MessageQueue queue, QueueEntry entry, boolean redelivered);

    /** End of a delivery pass in which {@link #deliver} was called at least once: flush now. */
    void endOfBatch();

    /** Higher first; the x-priority consume argument (0 by default). */
    int priority();

    /** True for no-ack consumers: entries are forgotten by the queue as soon as delivered. */
    boolean autoAck();

    /** The queue is going away (deleted); the consumer is already removed. */
    void cancelledByQueue(MessageQueue queue);
}
