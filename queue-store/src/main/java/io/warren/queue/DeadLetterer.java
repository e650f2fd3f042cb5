package io.warren.queue;

import java.util.function.Consumer;

/**
 * Publishes dead letters on a queue's behalf: the broker implements it, stamping the message and
 * routing it through the queue's dead-letter exchange.
 *
 * <p>Dead-lettering is at-least-once: the source queue keeps the message until {@code done} says
 * the targets have it (persistent messages on disk where the target stores them), so a dead letter
 * is never lost on the way.
 */
public interface DeadLetterer {
    /** What became of a dead letter. */
    enum Outcome {
        /** Every target queue has it. */
        TAKEN,
        /** The dead-letter exchange is missing or routed it nowhere: the source keeps it and retries. */
        UNROUTABLE,
        /** Dropped by rule (RabbitMQ's dead-letter cycle rule): the source forgets it. */
        DROPPED
    }

    /**
     * Called on the source queue's owner thread. {@code done} may be called on any thread, once.
     *
     * @param settings the source queue's settings at the time (dead-letter exchange and routing key)
     */
    void deadLetter(MessageQueue source, QueueSettings settings, Message message, DeadLetterReason reason,
                    Consumer<Outcome> done);
}
