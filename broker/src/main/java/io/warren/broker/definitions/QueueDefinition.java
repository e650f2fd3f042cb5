package io.warren.broker.definitions;

import io.warren.amqp.types.LongStr;
import io.warren.broker.queuetype.QueueTypes;

import java.util.Map;

/**
 * A queue.
 *
 * @param type      the 4.x {@code type} key (classic, quorum, stream); null when absent, as in
 *                  3.x files, where {@code x-queue-type} says it
 * @param arguments field-table values as the broker holds a client's queue.declare arguments:
 *                  JSON strings become {@link LongStr}, integers {@code Long}, other numbers
 *                  {@code Double}, objects tables and arrays lists (RabbitMQ's
 *                  {@code rabbit_misc:to_amqp_table})
 */
public record QueueDefinition(String vhost, String name, String type, boolean durable, boolean autoDelete,
                              Map<String, Object> arguments) {
    public QueueDefinition {
        arguments = Values.copyOf(arguments);
    }

    /** The queue type: {@code type} if set, else {@code x-queue-type}, else classic. */
    public String effectiveType() {
        if (type != null) {
            return type;
        }
        Object arg = arguments.get("x-queue-type");
        return arg == null ? QueueTypes.CLASSIC.name() : arg.toString();
    }
}
