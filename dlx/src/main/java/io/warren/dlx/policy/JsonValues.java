package io.warren.dlx.policy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads the JSON-shaped values of a policy definition (as Jackson produces them) strictly. */
final class JsonValues {
    private JsonValues() {
    }

    /**
     * Whether {@code value} is a JSON integer. Like RabbitMQ, a number written with a fraction or
     * an exponent is not one, even 10.0: Jackson turns those into Double or BigDecimal.
     */
    static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger b && b.bitLength() < 64;
    }

    /** The value of a JSON integer; check {@link #isInteger} first. */
    static long asLong(Object value) {
        return ((Number) value).longValue();
    }

    static boolean isIntegerAtLeast(Object value, long min) {
        return isInteger(value) && asLong(value) >= min;
    }

    /** The value as a person wrote it: strings quoted, lists and objects in JSON style. */
    static String describe(Object value) {
        if (value instanceof String s) {
            return '"' + s + '"';
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonValues::describe).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> describe(String.valueOf(e.getKey())) + ":" + describe(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        return String.valueOf(value);
    }
}
