package io.warren.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the load tool's JSON result lines share, whatever they measured: parsing a line, required
 * fields, and a latency summary as a {@code latencyMs} object (percentiles in ms, null when
 * there were no samples, as JSON has no NaN).
 */
public final class JsonLines {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLines() {
    }

    /** @throws IllegalArgumentException if the line is not JSON */
    public static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException if {@code node} has no {@code field} */
    public static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("result has no '" + field + "': " + node);
        }
        return value;
    }

    public static void putLatency(ObjectNode parent, LatencySummary latency) {
        ObjectNode ms = parent.putObject("latencyMs").put("samples", latency.samples());
        putMillis(ms, "p50", latency.p50Ms());
        putMillis(ms, "p95", latency.p95Ms());
        putMillis(ms, "p99", latency.p99Ms());
        putMillis(ms, "max", latency.maxMs());
    }

    public static LatencySummary latency(JsonNode parent) {
        JsonNode ms = required(parent, "latencyMs");
        return new LatencySummary(required(ms, "samples").asLong(), millis(ms, "p50"), millis(ms, "p95"),
                millis(ms, "p99"), millis(ms, "max"));
    }

    private static void putMillis(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(value * 1_000) / 1_000.0);
        }
    }

    private static double millis(JsonNode node, String field) {
        JsonNode value = required(node, field);
        return value.isNull() ? Double.NaN : value.asDouble();
    }
}
