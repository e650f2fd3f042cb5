package io.warren.bench.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.bench.report.LatencySummary;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --json} form of a management-scale result: one object on one line, with
 * {@code "scenario": "management"} so it is told apart from the traffic scenarios' lines.
 * management-compare.sh collects these and {@link #read} parses them back. Thread-safe.
 */
public final class ManagementResultJson {
    static final String SCENARIO = "management";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ManagementResultJson() {}

    public static String write(ManagementResult r) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("scenario", SCENARIO)
                .put("label", r.label())
                .put("broker", r.broker())
                .put("queues", r.queues())
                .put("connections", r.connections())
                .put("concurrency", r.concurrency())
                .put("rssBeforeBytes", r.rssBeforeBytes())
                .put("rssBytes", r.rssBytes())
                .put("heapAfterGcBytes", r.heapAfterGcBytes());
        ArrayNode queries = root.putArray("queries");
        for (QueryResult q : r.queries()) {
            ObjectNode node = queries.addObject().put("query", q.query()).put("path", q.path()).put("bytes", q.bytes());
            LatencySummary latency = q.latency();
            ObjectNode ms = node.putObject("latencyMs").put("samples", latency.samples());
            putMillis(ms, "p50", latency.p50Ms());
            putMillis(ms, "p95", latency.p95Ms());
            putMillis(ms, "p99", latency.p99Ms());
            putMillis(ms, "max", latency.maxMs());
        }
        return root.toString();
    }

    /** @throws IllegalArgumentException if the line is not a result this class wrote */
    public static ManagementResult read(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (!SCENARIO.equals(required(root, "scenario").asText())) {
            throw new IllegalArgumentException("not a management result: " + line);
        }
        List<QueryResult> queries = new ArrayList<>();
        for (JsonNode q : required(root, "queries")) {
            JsonNode ms = required(q, "latencyMs");
            queries.add(new QueryResult(required(q, "query").asText(), required(q, "path").asText(),
                    new LatencySummary(required(ms, "samples").asLong(), millis(ms, "p50"), millis(ms, "p95"),
                            millis(ms, "p99"), millis(ms, "max")),
                    required(q, "bytes").asLong()));
        }
        return new ManagementResult(required(root, "label").asText(), required(root, "broker").asText(),
                required(root, "queues").asInt(), required(root, "connections").asInt(),
                required(root, "concurrency").asInt(), required(root, "rssBeforeBytes").asLong(),
                required(root, "rssBytes").asLong(), required(root, "heapAfterGcBytes").asLong(), queries);
    }

    private static void putMillis(ObjectNode node, String field, double value) {
        // JSON has no NaN; a query without samples has no percentiles.
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

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("result has no '" + field + "': " + node);
        }
        return value;
    }
}
