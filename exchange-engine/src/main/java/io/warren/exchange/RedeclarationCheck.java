package io.warren.exchange;

import java.util.Map;

/**
 * RabbitMQ's {@code rabbit_exchange:assert_equivalence/6}, producing its explanation: type,
 * durable, auto_delete and internal must match, and of the arguments only
 * {@value Exchange#ALTERNATE_EXCHANGE}, compared as {@code rabbit_misc:assert_args_equivalence/4}
 * does. Texts checked against RabbitMQ 3.10.8.
 */
final class RedeclarationCheck {
    private final Exchange exchange;
    private final String vhost;

    RedeclarationCheck(Exchange exchange, String vhost) {
        this.exchange = exchange;
        this.vhost = vhost;
    }

    /** Null when equivalent, else the explanation for the first property that differs. */
    String firstDifference(ExchangeType type, boolean durable, boolean autoDelete, boolean internal,
                           Map<String, Object> arguments) {
        if (type != exchange.type()) {
            return inequivalent("type", quoted(type.wireName()), quoted(exchange.type().wireName()));
        } else if (durable != exchange.durable()) {
            return inequivalent("durable", quoted(durable), quoted(exchange.durable()));
        } else if (autoDelete != exchange.autoDelete()) {
            return inequivalent("auto_delete", quoted(autoDelete), quoted(exchange.autoDelete()));
        } else if (internal != exchange.internal()) {
            return inequivalent("internal", quoted(internal), quoted(exchange.internal()));
        }
        return alternateExchangeDifference(arguments);
    }

    private String alternateExchangeDifference(Map<String, Object> requested) {
        String key = Exchange.ALTERNATE_EXCHANGE;
        boolean had = exchange.arguments().containsKey(key);
        boolean has = requested.containsKey(key);
        Object current = exchange.arguments().get(key);
        Object received = requested.get(key);
        if (!had && !has) {
            return null;
        } else if (had && has) {
            // Same type class and ==, or else =:= on the bare values: so a byte array spelling the
            // current long string is accepted (checked on RabbitMQ 3.10.8).
            boolean sameClass = typeClass(current).equals(typeClass(received));
            if ((sameClass && FieldValues.looselyEqual(current, received))
                    || FieldValues.exactlyEqual(current, received)) {
                return null;
            }
            return inequivalent(key, value(received), value(current));
        }
        return inequivalent(key, has ? typedValue(received) : "none", had ? typedValue(current) : "none");
    }

    /** {@code rabbit_misc:type_class/1}: the integer types, decimal among them, are one class. */
    private static String typeClass(Object value) {
        return switch (FieldValues.kindOf(value)) {
            case INTEGER, DECIMAL -> "int";
            case FLOAT -> "float";
            default -> FieldValues.typeName(value);
        };
    }

    /** {@code rabbit_misc:val/1} of a bare value: void reads as none, like an absent argument. */
    private static String value(Object value) {
        return value == null ? "none" : quoted(ErlangFormat.plain(value));
    }

    /** {@code rabbit_misc:val/1} of a typed value. */
    private static String typedValue(Object value) {
        return "the value " + quoted(ErlangFormat.plain(value)) + " of type '" + FieldValues.typeName(value) + "'";
    }

    private String inequivalent(String key, String received, String current) {
        return "inequivalent arg '" + key + "' for exchange '" + exchange.name() + "' in vhost '" + vhost
                + "': received " + received + " but current is " + current;
    }

    private static String quoted(Object value) {
        return "'" + value + "'";
    }
}
