package io.warren.broker.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON-shaped values (Map, List, String, Number, Boolean, null) to JSON text and back, which is
 * how the journal keeps parameter values, policy definitions and limits: the text round-trips
 * exactly whatever the value holds. Thread-safe.
 */
public final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + value, e);
        }
    }

    public static Object read(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("corrupt JSON value: " + json, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> readMap(String json) {
        return (java.util.Map<String, Object>) read(json);
    }
}
