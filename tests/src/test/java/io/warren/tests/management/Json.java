package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/** Small helpers for the JSON documents the management API answers with. */
public final class Json {
    private Json() {
    }

    /** The element of array {@code list} whose {@code field} is the string {@code value}; fails when there is none. */
    public static JsonNode item(JsonNode list, String field, String value) {
        if (list != null && list.isArray()) {
            for (JsonNode element : list) {
                if (value.equals(element.path(field).asText(null))) {
                    return element;
                }
            }
        }
        return fail("no element with " + field + "=" + value + " in " + list);
    }

    /** The values of {@code field} of every element of array {@code list}, in order. */
    public static List<String> texts(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(element -> out.add(element.path(field).asText()));
        return out;
    }

    /** The field names of an object, sorted. */
    public static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        out.sort(null);
        return out;
    }

    /** A JSON object from alternating keys and values, in that order. */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
