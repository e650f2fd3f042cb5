package io.warren.broker.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.warren.amqp.types.LongStr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON trees to Java values, in two flavours: JSON-shaped (String, Long, Double, Boolean, List,
 * Map, null), for parameters and policy definitions; and field-table values, for arguments.
 */
public final class JsonValues {
    private JsonValues() {}

    public static Object toJava(JsonNode node) {
        if (node.isObject()) {
            return toJavaObject(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(toJava(element)));
            return list;
        }
        return scalar(node, node.isTextual() ? node.textValue() : null);
    }

    public static Map<String, Object> toJavaObject(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
        return map;
    }

    /**
     * An object as an AMQP field table, converted as RabbitMQ's {@code rabbit_misc:to_amqp_table}
     * does: strings to longstr ({@link LongStr}, what the codec gives for client arguments, so a
     * later queue.declare compares equal), integers to long, other numbers to double, objects to
     * tables, arrays to arrays. The caller has refused nulls.
     */
    public static Map<String, Object> toFieldTable(JsonNode node) {
        Map<String, Object> table = new LinkedHashMap<>();
        node.properties().forEach(e -> table.put(e.getKey(), fieldValue(e.getValue())));
        return table;
    }

    private static Object fieldValue(JsonNode node) {
        if (node.isObject()) {
            return toFieldTable(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(fieldValue(element)));
            return list;
        }
        return scalar(node, node.isTextual() ? LongStr.of(node.textValue()) : null);
    }

    private static Object scalar(JsonNode node, Object text) {
        if (node.isTextual()) {
            return text;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return null;
    }

    /** Paths (dotted, from {@code prefix}) of the nulls inside {@code node}. */
    static List<String> nullPaths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isNull()) {
            paths.add(prefix);
        } else if (node.isObject()) {
            node.properties().forEach(e -> paths.addAll(nullPaths(e.getValue(), prefix + "." + e.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.addAll(nullPaths(node.get(i), prefix + "[" + i + "]"));
            }
        }
        return paths;
    }

    /** A string as a JSON literal, for messages. */
    static String quote(String s) {
        return new TextNode(s).toString();
    }
}
