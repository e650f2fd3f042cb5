package io.warren.broker.definitions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, order-keeping, unmodifiable copies of JSON-shaped and field-table values. */
final class Values {
    private Values() {}

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> copyOf(Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, (V) copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    static Object copyOf(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copyOf((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copyOf(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
