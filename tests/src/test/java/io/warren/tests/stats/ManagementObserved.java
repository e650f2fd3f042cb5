package io.warren.tests.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.tests.support.TestBroker;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link Observed} through a real RabbitMQ's management HTTP API on port 15672 of the broker's host. */
final class ManagementObserved implements Observed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String auth;

    ManagementObserved(TestBroker broker) {
        var f = broker.factory();
        this.base = "http://" + f.getHost() + ":15672/api";
        this.auth = "Basic " + Base64.getEncoder().encodeToString(
                (f.getUsername() + ":" + f.getPassword()).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    private static Map<String, Long> numbers(JsonNode stats) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (stats != null) {
            stats.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    m.put(e.getKey(), e.getValue().asLong());
                }
            });
        }
        return m;
    }

    @Override
    public Map<String, Long> queueMessageStats(String queue) throws Exception {
        JsonNode q = get("/queues/%2F/" + URLEncoder.encode(queue, StandardCharsets.UTF_8));
        return q == null ? Map.of() : numbers(q.get("message_stats"));
    }

    @Override
    public Map<String, Long> channelMessageStats(int clientPort, int number) throws Exception {
        JsonNode channels = get("/channels");
        for (JsonNode c : channels) {
            JsonNode details = c.get("connection_details");
            if (details != null && details.path("peer_port").asInt() == clientPort && c.path("number").asInt() == number) {
                return numbers(c.get("message_stats"));
            }
        }
        return Map.of();
    }

    private JsonNode findConnection(int clientPort) throws Exception {
        for (JsonNode c : get("/connections")) {
            if (c.path("peer_port").asInt() == clientPort) {
                return c;
            }
        }
        return null;
    }

    @Override
    public Map<String, Object> connection(int clientPort) throws Exception {
        JsonNode c = findConnection(clientPort);
        if (c == null) {
            return null;
        }
        Map<String, Object> m = JSON.convertValue(c, JSON.getTypeFactory().constructMapType(Map.class, String.class,
                Object.class));
        m.replaceAll((k, v) -> v instanceof Integer i ? (Object) i.longValue() : v);
        return m;
    }

    @Override
    public void forceClose(int clientPort, String reason) throws Exception {
        JsonNode c = findConnection(clientPort);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/connections/"
                        + URLEncoder.encode(c.get("name").asText(), StandardCharsets.UTF_8).replace("+", "%20")))
                .header("Authorization", auth).DELETE();
        if (reason != null) {
            b.header("X-Reason", reason);
        }
        http.send(b.build(), HttpResponse.BodyHandlers.discarding());
    }
}
