package io.warren.queue;

/**
 * A queue's effective lifecycle settings: what its x-arguments, its policy and its operator
 * policy come to once RabbitMQ's precedence rules have been applied (the dlx module resolves
 * them). They can change while the queue lives, when a policy does.
 *
 * @param messageTtl           ms a message may stay ready; -1 for no limit
 * @param expires              ms the queue may stay unused before it is deleted; -1 for never
 * @param maxLength            ready messages at most; -1 for no limit
 * @param maxLengthBytes       body bytes of ready messages at most; -1 for no limit
 * @param overflow             what happens at a length limit
 * @param deadLetterExchange   where dead letters go; null when none
 * @param deadLetterRoutingKey routing key for dead letters; null to keep the message's own keys
 * @param deliveryLimit        deliveries after which a returned message is dead-lettered
 *                             instead of requeued; -1 for no limit
 * @param maxPriority          highest message priority honoured; 0 for a queue without priorities
 * @param singleActiveConsumer only one consumer at a time receives messages
 * @param consumerTimeout      ms a delivery from this queue may stay unacknowledged before its
 *                             channel is closed; -1 for the broker's consumer_timeout
 */
public record QueueSettings(long messageTtl, long expires, long maxLength, long maxLengthBytes, Overflow overflow,
                            String deadLetterExchange, String deadLetterRoutingKey, long deliveryLimit,
                            int maxPriority, boolean singleActiveConsumer, long consumerTimeout) {
    public static final QueueSettings NONE =
            new QueueSettings(-1, -1, -1, -1, Overflow.DROP_HEAD, null, null, -1, 0, false, -1);

    /** Settings without a consumer timeout of the queue's own. */
    public QueueSettings(long messageTtl, long expires, long maxLength, long maxLengthBytes, Overflow overflow,
                         String deadLetterExchange, String deadLetterRoutingKey, long deliveryLimit,
                         int maxPriority, boolean singleActiveConsumer) {
        this(messageTtl, expires, maxLength, maxLengthBytes, overflow, deadLetterExchange, deadLetterRoutingKey,
                deliveryLimit, maxPriority, singleActiveConsumer, -1);
    }

    public QueueSettings {
        if (overflow == null) {
            throw new IllegalArgumentException("overflow must not be null");
        }
    }
}
