package io.warren.broker.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON-shaped values (Map, List, String, Number, Boolean, null) to JSON text and back, which is
 * how the journal keeps parameter values, policy definitions and limits: the text round-trips
 * exactly whatever the value holds. Thread-safe.
 */
public final class JsonValues {
    private static final String EMPTY_OBJECT = "{}";

    /** Made on first use, so that a node whose values are all empty never starts Jackson. */
    private static final class Lazy {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private JsonValues() {}

    public static String write(Object value) {
        // "No limits", the value of nearly every user and vhost: written without Jackson, whose
        // start-up would otherwise be a fifth of an embedded node's first start.
        if (value instanceof java.util.Map<?, ?> m && m.isEmpty()) {
            return EMPTY_OBJECT;
        }
        try {
            return Lazy.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + value, e);
        }
    }

    public static Object read(String json) {
        if (EMPTY_OBJECT.equals(json)) {
            return new java.util.LinkedHashMap<String, Object>();
        }
        try {
            return Lazy.MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("corrupt JSON value: " + json, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> readMap(String json) {
        return (java.util.Map<String, Object>) read(json);
    }
}
