package io.warren.tests.basic;

import com.rabbitmq.client.LongString;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns field-table values as the Java client decodes them into values that compare with
 * {@code equals}: the client reads every string back as a {@link LongString}, and byte arrays
 * have identity equality. Everything else the client decodes (numbers, booleans, dates,
 * decimals, null) already compares by value and is returned as it is.
 */
final class FieldValues {
    private FieldValues() {
    }

    /** A byte-array field value ('x'), kept apart from strings so a type change is caught. */
    record Binary(String hex) {
        static Binary of(byte[] bytes) {
            return new Binary(HexFormat.of().formatHex(bytes));
        }
    }

    static Object plain(Object value) {
        if (value instanceof LongString s) {
            return s.toString();
        }
        if (value instanceof byte[] bytes) {
            return Binary.of(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FieldValues::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        return value;
    }
}
