package io.warren.exchange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A binding from a source exchange to a queue or to another exchange. Immutable.
 *
 * <p>Two bindings are equal when source, kind, destination, routing key and arguments are equal.
 * Arguments compare as RabbitMQ compares them: by AMQP type and value, regardless of the order of
 * the keys, so a {@code byte[]} equals another {@code byte[]} with the same bytes, while an
 * {@code Integer 1} and a {@code Long 1} make two different bindings (RabbitMQ keeps the field
 * type in the binding's arguments). Binding the same thing twice is therefore a no-op.
 *
 * <p>The arguments map is an unmodifiable copy; a key mapped to null is a field of type void.
 */
public record Binding(String source, DestinationKind kind, String destination, String routingKey,
                      Map<String, Object> arguments) {

    public Binding {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(routingKey, "routingKey");
        // Map.copyOf would reject the nulls that stand for void fields.
        arguments = arguments == null || arguments.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** A binding from exchange {@code source} to queue {@code queue}. */
    public static Binding toQueue(String source, String queue, String routingKey,
                                  Map<String, Object> arguments) {
        return new Binding(source, DestinationKind.QUEUE, queue, routingKey, arguments);
    }

    /** An exchange-to-exchange binding: {@code destination} receives what {@code source} routes to it. */
    public static Binding toExchange(String source, String destination, String routingKey,
                                     Map<String, Object> arguments) {
        return new Binding(source, DestinationKind.EXCHANGE, destination, routingKey, arguments);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Binding that
                && source.equals(that.source)
                && kind == that.kind
                && destination.equals(that.destination)
                && routingKey.equals(that.routingKey)
                && FieldValues.sameArguments(arguments, that.arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, kind, destination, routingKey) * 31
                + FieldValues.argumentsHash(arguments);
    }
}
