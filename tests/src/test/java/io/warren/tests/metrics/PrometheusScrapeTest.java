package io.warren.tests.metrics;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.tests.connection.Names;
import io.warren.tests.management.ManagementRig;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Prometheus endpoint of a running node (Warren's, or RabbitMQ's rabbitmq_prometheus on port
 * 15692 of the broker's host): the global counters move with traffic, and a queue gets its own
 * series at /metrics/per-object, and /metrics/detailed answers only the families asked for, the
 * queue families only for the vhosts asked for. The reference broker is shared, so counters are
 * compared by how much they grew, not by their values, and other objects' series are expected.
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

    /** Scrapes until the page satisfies {@code ready}; RabbitMQ's per-object figures trail by up to one statistics interval. */
    private String scrapeUntil(TestBroker broker, String path, Predicate<String> ready, String what)
            throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            String body = scrape(broker, path);
            if (ready.test(body)) {
                return body;
            }
            if (System.nanoTime() > deadline) {
                fail("no " + what + " at " + path + ":\n" + body);
            }
            Thread.sleep(250);
        }
    }

    private static List<String> lines(String body, String prefix) {
        return body.lines().filter(l -> l.startsWith(prefix)).toList();
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

    @Test
    void detailedFamiliesAreFilteredByVhost(TestBroker broker) throws Exception {
        String queue = Names.unique("prom-detailed");
        String rootQueue = Names.unique("prom-detailed-root");
        String exchange = Names.unique("prom-detailed-x");
        try (ManagementRig rig = ManagementRig.open(broker)) {
            String vhost = rig.vhost();
            ConnectionFactory f = broker.factory();
            f.setVirtualHost(vhost);
            try (Connection conn = f.newConnection(); Connection root = broker.connect()) {
                Channel ch = conn.createChannel();
                ch.exchangeDeclare(exchange, "direct", false, true, null);
                ch.queueDeclare(queue, false, false, true, null);
                ch.queueBind(queue, exchange, "k");
                ch.confirmSelect();
                ch.basicPublish(exchange, "k", null, new byte[] {1});
                ch.basicPublish(exchange, "k", null, new byte[] {2});
                ch.waitForConfirmsOrDie(5000);
                Channel rootChannel = root.createChannel();
                rootChannel.queueDeclare(rootQueue, false, false, true, null);
                rootChannel.basicPublish("", rootQueue, null, new byte[] {3});

                String labels = "{vhost=\"" + vhost + "\",queue=\"" + queue + "\"}";
                String rootLabels = "{vhost=\"/\",queue=\"" + rootQueue + "\"}";
                String filtered = scrapeUntil(broker, "/metrics/detailed?family=queue_coarse_metrics"
                                + "&family=queue_consumer_count&family=vhost_status&family=exchange_names"
                                + "&family=no_such_family&vhost=" + vhost,
                        b -> b.contains("rabbitmq_detailed_queue_messages_ready" + labels + " 2"), "ready series");
                assertTrue(lines(filtered, "# TYPE ").containsAll(List.of(
                        "# TYPE rabbitmq_detailed_queue_messages_ready gauge",
                        "# TYPE rabbitmq_detailed_queue_messages_unacked gauge",
                        "# TYPE rabbitmq_detailed_queue_messages gauge",
                        "# TYPE rabbitmq_detailed_queue_consumers gauge",
                        "# TYPE rabbitmq_cluster_vhost_status gauge",
                        "# TYPE rabbitmq_cluster_exchange_name gauge",
                        "# TYPE rabbitmq_build_info untyped",
                        "# TYPE rabbitmq_identity_info untyped")), filtered);
                assertTrue(filtered.contains("# HELP rabbitmq_detailed_queue_messages_ready "
                        + "Messages ready to be delivered to consumers\n"), filtered);
                assertTrue(filtered.contains("rabbitmq_detailed_queue_messages" + labels + " 2\n"), filtered);
                assertTrue(filtered.contains("rabbitmq_detailed_queue_consumers" + labels + " 0\n"), filtered);
                assertEquals(List.of(), lines(filtered, "rabbitmq_detailed_").stream()
                        .filter(l -> !l.contains("vhost=\"" + vhost + "\"")).toList(), "other vhosts' queues");
                assertTrue(lines(filtered, "rabbitmq_").stream().noneMatch(l -> l.startsWith("rabbitmq_queue_")
                        || l.startsWith("rabbitmq_global_")), "nothing but the families asked for");
                assertTrue(filtered.contains("rabbitmq_cluster_vhost_status{vhost=\"/\"} 1\n"),
                        "vhost_status is not filtered");
                assertTrue(filtered.contains("rabbitmq_cluster_exchange_name{vhost=\"" + vhost + "\",exchange=\""
                        + exchange + "\",type=\"direct\"} 1\n"), filtered);

                String all = scrapeUntil(broker, "/metrics/detailed?family=queue_coarse_metrics",
                        b -> b.contains("rabbitmq_detailed_queue_messages_ready" + rootLabels + " 1"), "root queue");
                assertTrue(all.contains("rabbitmq_detailed_queue_messages_ready" + labels + " 2\n"), all);

                String both = scrape(broker, "/metrics/detailed?family=queue_consumer_count&family=queue_metrics"
                        + "&vhost=" + vhost);
                assertEquals(1, lines(both, "# TYPE rabbitmq_detailed_queue_consumers ").size(),
                        "queue_metrics supersedes queue_consumer_count");
                assertTrue(both.contains("# TYPE rabbitmq_detailed_queue_messages_ready_bytes gauge\n"), both);
                ch.queueDelete(queue);
                rootChannel.queueDelete(rootQueue);
            }
        }
    }
}
