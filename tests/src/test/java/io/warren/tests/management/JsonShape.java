package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares two JSON documents by shape, not by value: the same field names, and the same JSON
 * type (string, number, boolean, object, array, null) for each, recursing into objects and into
 * the first element of arrays when both arrays have one. Every difference is reported with its
 * path ({@link ShapePattern} describes the path syntax), all at once.
 *
 * <p>Fields listed in {@link WarrenShapeGaps} may be missing. The {@code ignoring} patterns of a
 * call skip paths entirely, for values that depend on timing or on which client is connected.
 */
public final class JsonShape {
    private JsonShape() {
    }

    /** Fails listing every shape difference between {@code expected} (a fixture) and {@code actual}. */
    public static void assertSameShape(JsonNode expected, JsonNode actual, String... ignoring) {
        List<String> differences = differences(expected, actual, ignoring);
        if (!differences.isEmpty()) {
            fail(differences.size() + " shape difference(s):\n  " + String.join("\n  ", differences));
        }
    }

    /** The shape differences, one line each, in document order. */
    public static List<String> differences(JsonNode expected, JsonNode actual, String... ignoring) {
        List<ShapePattern> ignored = Arrays.stream(ignoring).map(ShapePattern::of).toList();
        List<String> out = new ArrayList<>();
        compare("", expected, actual, ignored, out);
        return out;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<ShapePattern> ignored,
                                List<String> out) {
        if (!path.isEmpty() && ignored.stream().anyMatch(p -> p.matches(path))) {
            return;
        }
        String expectedType = typeOf(expected);
        String actualType = typeOf(actual);
        if (!expectedType.equals(actualType)) {
            out.add("type of " + shown(path) + ": expected " + expectedType + ", was " + actualType);
            return;
        }
        if (expected.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = path.isEmpty() ? name : path + "." + name;
                if (ignored.stream().anyMatch(p -> p.matches(child))) {
                    continue;
                }
                if (!actual.has(name)) {
                    if (!WarrenShapeGaps.allowsMissing(child)) {
                        out.add("missing " + shown(child) + " (" + typeOf(expected.get(name)) + ")");
                    }
                } else if (!expected.has(name)) {
                    out.add("extra " + shown(child) + " (" + typeOf(actual.get(name)) + ")");
                } else {
                    compare(child, expected.get(name), actual.get(name), ignored, out);
                }
            }
        } else if (expected.isArray() && !expected.isEmpty() && !actual.isEmpty()) {
            Iterator<JsonNode> first = actual.elements();
            compare(path + "[]", expected.get(0), first.next(), ignored, out);
        }
    }

    private static String shown(String path) {
        return path.isEmpty() ? "$" : "$." + path;
    }

    /** The JSON type name of a node; a missing node (Java null) counts as "absent". */
    public static String typeOf(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "absent";
        }
        return switch (node.getNodeType()) {
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case NULL, MISSING -> "null";
        };
    }
}
