package io.warren.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code --json} form of a result: one object per line, which compare.sh collects and
 * {@link #read} parses back. Field names are part of the tool's interface. Thread-safe.
 */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultJson() {}

    public static String write(ScenarioResult r) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("scenario", r.scenario())
                .put("number", r.number())
                .put("label", r.label())
                .put("broker", r.broker())
                .put("persistent", r.persistent())
                .put("confirm", r.confirmWindow())
                .put("seconds", round(r.seconds(), 1_000))
                .put("sent", r.sent())
                .put("received", r.received())
                .put("nacked", r.nacked())
                .put("sentPerSecond", round(r.sentPerSecond(), 10))
                .put("receivedPerSecond", round(r.receivedPerSecond(), 10));
        LatencySummary latency = r.latency();
        ObjectNode ms = root.putObject("latencyMs").put("samples", latency.samples());
        putMillis(ms, "p50", latency.p50Ms());
        putMillis(ms, "p95", latency.p95Ms());
        putMillis(ms, "p99", latency.p99Ms());
        putMillis(ms, "max", latency.maxMs());
        return root.toString();
    }

    /** @throws IllegalArgumentException if the line is not a result this class wrote */
    public static ScenarioResult read(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode ms = required(root, "latencyMs");
        return new ScenarioResult(
                required(root, "scenario").asText(),
                required(root, "number").asInt(),
                required(root, "label").asText(),
                required(root, "broker").asText(),
                required(root, "persistent").asBoolean(),
                required(root, "confirm").asInt(),
                required(root, "seconds").asDouble(),
                required(root, "sent").asLong(),
                required(root, "received").asLong(),
                required(root, "nacked").asLong(),
                required(root, "sentPerSecond").asDouble(),
                required(root, "receivedPerSecond").asDouble(),
                new LatencySummary(required(ms, "samples").asLong(), millis(ms, "p50"), millis(ms, "p95"),
                        millis(ms, "p99"), millis(ms, "max")));
    }

    private static void putMillis(ObjectNode node, String field, double value) {
        // JSON has no NaN; a window without samples has no percentiles.
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, round(value, 1_000));
        }
    }

    private static double millis(JsonNode node, String field) {
        JsonNode value = required(node, field);
        return value.isNull() ? Double.NaN : value.asDouble();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("result has no '" + field + "': " + node);
        }
        return value;
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
