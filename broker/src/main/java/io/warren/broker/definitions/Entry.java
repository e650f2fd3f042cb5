package io.warren.broker.definitions;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One object of a section, read field by field. A missing or mistyped field is recorded as a
 * problem naming this entry and the field, and the getter returns null (or the default), so
 * that reading goes on and every problem of the document is found. Fields the format does not
 * know are ignored, as RabbitMQ's import ignores them.
 */
final class Entry {
    private final String label;
    private final JsonNode node;
    private final Problems problems;
    private final String vhostOverride;
    private final String fieldPrefix;

    private Entry(String label, JsonNode node, Problems problems, String vhostOverride, String fieldPrefix) {
        this.label = label;
        this.node = node;
        this.problems = problems;
        this.vhostOverride = vhostOverride;
        this.fieldPrefix = fieldPrefix;
    }

    /**
     * The entry at {@code section[index]}, labelled with the string values of {@code labelKeys}
     * it has (e.g. {@code queues[3] (vhost '/', name 'orders')}).
     *
     * @param vhostOverride the vhost of a per-vhost document, which replaces any {@code vhost}
     *                      key of the entry; null for a whole document
     */
    static Entry of(String section, int index, JsonNode node, Problems problems, String vhostOverride,
                    String... labelKeys) {
        List<String> parts = new ArrayList<>();
        for (String key : labelKeys) {
            String value = key.equals("vhost") && vhostOverride != null ? vhostOverride
                    : node.path(key).isTextual() ? node.path(key).textValue() : null;
            if (value != null) {
                parts.add(key + " '" + value + "'");
            }
        }
        String label = section + "[" + index + "]" + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
        return new Entry(label, node, problems, vhostOverride, "");
    }

    /** The object in {@code field}, read as part of this entry; its fields are named {@code field.x}. */
    Entry nested(String field) {
        return new Entry(label, node.get(field), problems, vhostOverride, fieldPrefix + field + ".");
    }

    String label() {
        return label;
    }

    void problem(String field, String message) {
        problems.add(label, fieldPrefix + field, message);
    }

    boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    JsonNode get(String field) {
        return node.get(field);
    }

    /** The entry's vhost: the per-vhost document's, else its required {@code vhost} field. */
    String vhost() {
        return vhostOverride != null ? vhostOverride : string("vhost");
    }

    String string(String field) {
        if (!has(field)) {
            problem(field, "missing");
            return null;
        }
        return optionalString(field);
    }

    String optionalString(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            problem(field, "expected a string, got " + value);
            return null;
        }
        return value.textValue();
    }

    Boolean bool(String field) {
        if (!has(field)) {
            problem(field, "missing");
            return null;
        }
        return optionalBool(field, null);
    }

    Boolean optionalBool(String field, Boolean absent) {
        if (!has(field)) {
            return absent;
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            problem(field, "expected a boolean, got " + value);
            return null;
        }
        return value.booleanValue();
    }

    /** An optional integer that must fit an int, e.g. a policy's priority. */
    Integer optionalInt(String field, int absent) {
        if (!has(field)) {
            return absent;
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problem(field, "expected an integer, got " + value);
            return null;
        }
        return value.intValue();
    }

    /** A required JSON value of any type but null, as Java values (see {@link JsonValues}). */
    Object value(String field) {
        if (!has(field)) {
            problem(field, "missing");
            return null;
        }
        return JsonValues.toJava(node.get(field));
    }

    /** A required JSON object as Java values. */
    Map<String, Object> object(String field) {
        if (!has(field)) {
            problem(field, "missing");
            return null;
        }
        return optionalObject(field);
    }

    Map<String, Object> optionalObject(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            problem(field, "expected an object, got " + value);
            return null;
        }
        return JsonValues.toJavaObject(value);
    }

    /**
     * A field-table such as queue arguments: absent or {@code []} (old files) means empty; values
     * convert as RabbitMQ's {@code rabbit_misc:to_amqp_table} converts them, and null is refused
     * as it refuses it.
     */
    Map<String, Object> arguments(String field) {
        if (!has(field) || isEmptyArray(node.get(field))) {
            return Map.of();
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            problem(field, "expected an object, got " + value);
            return null;
        }
        List<String> nulls = JsonValues.nullPaths(value, field);
        nulls.forEach(path -> problem(path, "null is not allowed in arguments"));
        return nulls.isEmpty() ? JsonValues.toFieldTable(value) : null;
    }

    /**
     * Limits such as {@code max-connections}: an object of integers; {@code []} (as older
     * RabbitMQ versions write an empty one) is empty; absent is null.
     */
    Map<String, Long> limits(String field) {
        if (!has(field)) {
            return null;
        }
        return limitsOf(node.get(field), field);
    }

    Map<String, Long> limitsOf(JsonNode value, String field) {
        if (isEmptyArray(value)) {
            return Map.of();
        }
        if (!value.isObject()) {
            problem(field, "expected an object, got " + value);
            return null;
        }
        Map<String, Long> limits = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToLong()) {
                problem(field + "." + e.getKey(), "expected an integer, got " + e.getValue());
                ok = false;
            } else {
                limits.put(e.getKey(), e.getValue().longValue());
            }
        }
        return ok ? limits : null;
    }

    /** Tags as a list of strings, or RabbitMQ's older comma-separated string; absent is null. */
    List<String> tags(String field) {
        if (!has(field)) {
            return null;
        }
        return tagsOf(node.get(field), field);
    }

    List<String> tagsOf(JsonNode value, String field) {
        List<String> tags = new ArrayList<>();
        if (value.isTextual()) {
            for (String tag : value.textValue().split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            }
            return tags;
        }
        if (!value.isArray()) {
            problem(field, "expected a list of strings, got " + value);
            return null;
        }
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                problem(field, "expected a list of strings, got " + value);
                return null;
            }
            tags.add(tag.textValue());
        }
        return tags;
    }

    /** A regular expression field: required, a string, and one that compiles. */
    String regex(String field) {
        String value = string(field);
        if (value != null) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                problem(field, "invalid regular expression " + JsonValues.quote(value) + ": " + e.getDescription());
                return null;
            }
        }
        return value;
    }

    private static boolean isEmptyArray(JsonNode value) {
        return value.isArray() && value.isEmpty();
    }
}
