package io.warren.broker;

import java.util.Map;

/**
 * The basic.consume arguments Warren acts on, validated as RabbitMQ's
 * {@code rabbit_amqqueue:check_consume_arguments/3} does: a broken value is a 406 that closes the
 * channel, with RabbitMQ's text.
 */
final class ConsumerArguments {
    private static final String PRIORITY = "x-priority";

    private ConsumerArguments() {}

    /**
     * The consumer's {@code x-priority}, 0 when the argument is absent.
     *
     * @throws ChannelException 406 when it is present but not an integer (void included)
     */
    static int priority(String queueName, String vhost, Map<String, Object> args) {
        if (args == null || !args.containsKey(PRIORITY)) {
            return 0;
        }
        Object value = args.get(PRIORITY);
        String error = QueueArguments.integerError(value);
        if (error != null) {
            throw ChannelException.preconditionFailed("invalid arg '" + PRIORITY + "' for queue '" + queueName
                    + "' in vhost '" + vhost + "': " + error);
        }
        return ((Number) value).intValue();
    }
}
