package io.warren.tests.metrics;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Prometheus endpoint of a running node (Warren's, or RabbitMQ's rabbitmq_prometheus on port
 * 15692 of the broker's host): the global counters move with traffic, and a queue gets its own
 * series at /metrics/per-object. The reference broker is shared, so counters are compared by how
 * much they grew, not by their values.
 */
@ExtendWith(TestBroker.class)
class PrometheusScrapeTest {
    private static final Pattern RECEIVED =
            Pattern.compile("(?m)^rabbitmq_global_messages_received_total\\{protocol=\"amqp091\"} (\\d+)");

    private final HttpClient http = HttpClient.newHttpClient();

    private String scrape(TestBroker broker, String path) throws Exception {
        int port = broker.isExternal() ? 15692 : broker.server().prometheusPort();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://" + broker.host() + ":" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
        return r.body();
    }

    private static long received(String body) {
        Matcher m = RECEIVED.matcher(body);
        assertTrue(m.find(), "rabbitmq_global_messages_received_total is there");
        return Long.parseLong(m.group(1));
    }

    @Test
    void globalCountersAndPerQueueSeriesFollowTraffic(TestBroker broker) throws Exception {
        String queue = Names.unique("prom");
        long before = received(scrape(broker, "/metrics"));
        try (Connection conn = broker.connect()) {
            Channel ch = conn.createChannel();
            ch.queueDeclare(queue, false, false, true, null);
            ch.confirmSelect();
            for (int i = 0; i < 3; i++) {
                ch.basicPublish("", queue, null, new byte[] {7});
            }
            ch.waitForConfirmsOrDie(5000);
            String body = scrape(broker, "/metrics");
            assertTrue(body.contains("# TYPE rabbitmq_global_messages_received_total counter"), "typed as a counter");
            assertTrue(received(body) >= before + 3, "received grew by the 3 publishes");
            String series = "rabbitmq_queue_messages_ready{vhost=\"/\",queue=\"" + queue + "\"} 3";
            long deadline = System.nanoTime() + 20_000_000_000L;
            // RabbitMQ's per-object figures trail by up to one statistics interval.
            while (!scrape(broker, "/metrics/per-object").contains(series)) {
                if (System.nanoTime() > deadline) {
                    fail("no series " + series);
                }
                Thread.sleep(250);
            }
            ch.queueDelete(queue);
        }
    }
}
