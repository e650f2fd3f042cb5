package io.warren.bench.handshake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.bench.report.JsonLines;
import io.warren.bench.report.LatencySummary;

import static io.warren.bench.report.JsonLines.required;

/**
 * The {@code --json} form of a handshake result: one object per line, which
 * handshake-compare.sh collects and {@link #read} parses back. Field names are part of the
 * tool's interface. Thread-safe.
 */
public final class HandshakeResultJson {
    static final String KIND = "handshakes";

    private HandshakeResultJson() {}

    public static String write(HandshakeResult r) {
        ObjectNode root = JsonLines.MAPPER.createObjectNode()
                .put("kind", KIND)
                .put("label", r.label())
                .put("broker", r.broker())
                .put("tls", r.tls())
                .put("resumed", r.resumed())
                .put("clients", r.clients())
                .put("seconds", Math.round(r.seconds() * 1_000) / 1_000.0)
                .put("handshakes", r.handshakes())
                .put("failed", r.failed())
                .put("handshakesPerSecond", Math.round(r.handshakesPerSecond() * 10) / 10.0)
                .put("firstFailure", r.firstFailure());
        JsonLines.putLatency(root.putObject("open"), r.open());
        JsonLines.putLatency(root.putObject("close"), r.close());
        return root.toString();
    }

    /** @throws IllegalArgumentException if the line is not a result this class wrote */
    public static HandshakeResult read(String line) {
        JsonNode root = JsonLines.parse(line);
        if (!KIND.equals(required(root, "kind").asText())) {
            throw new IllegalArgumentException("not a handshake result: " + line);
        }
        return new HandshakeResult(
                required(root, "label").asText(),
                required(root, "broker").asText(),
                required(root, "tls").asText(),
                required(root, "resumed").asBoolean(),
                required(root, "clients").asInt(),
                required(root, "seconds").asDouble(),
                required(root, "handshakes").asLong(),
                required(root, "failed").asLong(),
                required(root, "handshakesPerSecond").asDouble(),
                latency(root, "open"),
                latency(root, "close"),
                required(root, "firstFailure").asText());
    }

    private static LatencySummary latency(JsonNode root, String field) {
        return JsonLines.latency(required(root, field));
    }
}
