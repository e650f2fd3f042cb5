package io.warren.bench.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.bench.report.JsonLines;

import java.util.ArrayList;
import java.util.List;

import static io.warren.bench.report.JsonLines.required;

/**
 * The {@code --json} form of a management-scale result: one object on one line, with
 * {@code "scenario": "management"} so it is told apart from the traffic scenarios' lines.
 * management-compare.sh collects these and {@link #read} parses them back. Thread-safe.
 */
public final class ManagementResultJson {
    static final String SCENARIO = "management";

    private ManagementResultJson() {}

    public static String write(ManagementResult r) {
        ObjectNode root = JsonLines.MAPPER.createObjectNode()
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
            JsonLines.putLatency(node, q.latency());
        }
        return root.toString();
    }

    /** @throws IllegalArgumentException if the line is not a result this class wrote */
    public static ManagementResult read(String line) {
        JsonNode root = JsonLines.parse(line);
        if (!SCENARIO.equals(required(root, "scenario").asText())) {
            throw new IllegalArgumentException("not a management result: " + line);
        }
        List<QueryResult> queries = new ArrayList<>();
        for (JsonNode q : required(root, "queries")) {
            queries.add(new QueryResult(required(q, "query").asText(), required(q, "path").asText(),
                    JsonLines.latency(q), required(q, "bytes").asLong()));
        }
        return new ManagementResult(required(root, "label").asText(), required(root, "broker").asText(),
                required(root, "queues").asInt(), required(root, "connections").asInt(),
                required(root, "concurrency").asInt(), required(root, "rssBeforeBytes").asLong(),
                required(root, "rssBytes").asLong(), required(root, "heapAfterGcBytes").asLong(), queries);
    }
}
