package io.warren.broker.definitions;

import java.util.Map;

/**
 * A binding from exchange {@code source} to a queue or exchange.
 *
 * @param arguments field-table values, converted as for {@link QueueDefinition#arguments()}
 */
public record BindingDefinition(String vhost, String source, String destination, DestinationType destinationType,
                                String routingKey, Map<String, Object> arguments) {
    public BindingDefinition {
        arguments = Values.copyOf(arguments);
    }
}
