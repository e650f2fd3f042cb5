package io.warren.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static io.warren.bench.report.JsonLines.required;

/**
 * The {@code --json} form of a result: one object per line, which compare.sh collects and
 * {@link #read} parses back. Field names are part of the tool's interface. Thread-safe.
 */
public final class ResultJson {
    private ResultJson() {}

    public static String write(ScenarioResult r) {
        ObjectNode root = JsonLines.MAPPER.createObjectNode()
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
        JsonLines.putLatency(root, r.latency());
        root.put("tls", r.tls());
        return root.toString();
    }

    /** @throws IllegalArgumentException if the line is not a result this class wrote */
    public static ScenarioResult read(String line) {
        JsonNode root = JsonLines.parse(line);
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
                JsonLines.latency(root),
                // Lines written before TLS was measured have no such field: plain AMQP.
                root.path("tls").asText(""));
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
