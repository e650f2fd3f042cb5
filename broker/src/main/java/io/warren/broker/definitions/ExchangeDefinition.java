package io.warren.broker.definitions;

import java.util.Map;

/**
 * An exchange. RabbitMQ never exports the default exchange, {@code amq.*} exchanges or (in 4.x)
 * internal ones, and skips them on import; {@link #isReserved()} tells the importer which to skip.
 *
 * @param arguments field-table values, converted as for {@link QueueDefinition#arguments()}
 */
public record ExchangeDefinition(String vhost, String name, String type, boolean durable, boolean autoDelete,
                                 boolean internal, Map<String, Object> arguments) {
    public ExchangeDefinition {
        arguments = Values.copyOf(arguments);
    }

    /** The default exchange and the {@code amq.*} ones, which only the broker itself declares. */
    public boolean isReserved() {
        return name.isEmpty() || name.startsWith("amq.");
    }
}
