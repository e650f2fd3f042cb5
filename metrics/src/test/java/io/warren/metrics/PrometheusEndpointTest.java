package io.warren.metrics;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.warren.broker.Broker;
import io.warren.broker.BrokerSettings;
import io.warren.broker.PasswordHash;
import io.warren.broker.User;
import io.warren.broker.access.Permission;
import io.warren.broker.access.VhostMetadata;
import io.warren.broker.alarm.DiskMonitor;
import io.warren.broker.alarm.MemoryMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An embedded broker and the endpoint on free ports, some AMQP traffic, then scrapes over HTTP:
 * rabbitmq_prometheus's names, types, labels and values, aggregated and per object.
 */
class PrometheusEndpointTest {
    private static final String QUEUE = "metrics-test-queue";
    private static final String OTHER_VHOST = "metrics-other";
    private static final String OTHER_QUEUE = "metrics-other-queue";
    private static final String OTHER_EXCHANGE = "metrics-other-exchange";

    private static Path dataDir;
    private static Broker broker;
    private static PrometheusEndpoint endpoint;
    private static Connection connection;
    private static Connection otherConnection;
    private static Channel publisher;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBrokerAndTraffic() throws Exception {
        dataDir = Files.createTempDirectory("warren-metrics");
        broker = new Broker(new BrokerSettings(List.of(new InetSocketAddress("127.0.0.1", 0)), 131072, 2047, 60,
                16 * 1024 * 1024, "warren@metrics-test", Set.of(), MemoryMonitor.relativeWatermark(0.4),
                DiskMonitor.DEFAULT_FREE_LIMIT, dataDir, 200), null);
        broker.start(b -> {
            b.addVhost("/", VhostMetadata.NONE).join();
            b.users().put(new User("guest", PasswordHash.sha256("guest"), Set.of("administrator"))).join();
            b.permissions().set(new Permission("guest", "/", ".*", ".*", ".*")).join();
            b.addVhost(OTHER_VHOST, VhostMetadata.NONE).join();
            b.permissions().set(new Permission("guest", OTHER_VHOST, ".*", ".*", ".*")).join();
        });
        endpoint = PrometheusEndpoint.start(broker, "127.0.0.1", 0, "warren@metrics-node");

        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(broker.port());
        connection = f.newConnection();
        publisher = connection.createChannel();
        publisher.queueDeclare(QUEUE, false, false, false, null);
        publisher.confirmSelect();
        for (int i = 0; i < 5; i++) {
            publisher.basicPublish("", QUEUE, null, new byte[] {1, 2, 3});
        }
        publisher.waitForConfirmsOrDie(5000);
        Channel consumer = connection.createChannel();
        for (int i = 0; i < 2; i++) {
            GetResponse r = consumer.basicGet(QUEUE, false);
            consumer.basicAck(r.getEnvelope().getDeliveryTag(), false);
        }
        f.setVirtualHost(OTHER_VHOST);
        otherConnection = f.newConnection();
        Channel ch = otherConnection.createChannel();
        ch.queueDeclare(OTHER_QUEUE, false, false, false, null);
        ch.exchangeDeclare(OTHER_EXCHANGE, "fanout");
        ch.queueBind(OTHER_QUEUE, OTHER_EXCHANGE, "");
        ch.confirmSelect();
        ch.basicPublish(OTHER_EXCHANGE, "", null, new byte[] {1});
        ch.waitForConfirmsOrDie(5000);
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        otherConnection.close();
        endpoint.close();
        broker.close();
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private ScrapeResult scrape(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + endpoint.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path);
        return ScrapeResult.parse(r.body(), r.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void aggregatedMetricsSumOverObjects() throws Exception {
        ScrapeResult s = scrape("/metrics");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", s.contentType());
        assertEquals(2.0, s.value("rabbitmq_connections"));
        assertEquals(3.0, s.value("rabbitmq_channels"));
        assertEquals(2.0, s.value("rabbitmq_queues"));
        assertEquals("gauge", s.types().get("rabbitmq_queue_messages_ready"));
        assertEquals(4.0, s.value("rabbitmq_queue_messages_ready"));
        assertEquals(4.0, s.value("rabbitmq_queue_messages"));
        assertEquals(10.0, s.value("rabbitmq_queue_messages_bytes"));
        assertEquals("counter", s.types().get("rabbitmq_channel_messages_published_total"));
        assertEquals(6.0, s.value("rabbitmq_channel_messages_published_total"));
        assertEquals(2.0, s.value("rabbitmq_channel_get_ack_total"));
        assertEquals(2.0, s.value("rabbitmq_connections_opened_total"));
        assertTrue(s.value("rabbitmq_connection_incoming_bytes_total") > 0);
        assertEquals("untyped", s.types().get("rabbitmq_build_info"));
        assertEquals("gauge", s.types().get("jvm_memory_used_bytes"));
        assertEquals("gauge", s.types().get("jvm_threads_live_threads"));
    }

    @Test
    void globalCountersFollowRabbitmqPrometheus() throws Exception {
        ScrapeResult s = scrape("/metrics");
        assertEquals("counter", s.types().get("rabbitmq_global_messages_received_total"));
        assertEquals(6.0, s.value("rabbitmq_global_messages_received_total{protocol=\"amqp091\"}"));
        assertEquals(6.0, s.value("rabbitmq_global_messages_received_confirm_total{protocol=\"amqp091\"}"));
        assertEquals(6.0, s.value("rabbitmq_global_messages_confirmed_total{protocol=\"amqp091\"}"));
        assertEquals(6.0, s.value("rabbitmq_global_messages_routed_total{protocol=\"amqp091\"}"));
        assertEquals(2.0, s.value("rabbitmq_global_messages_delivered_get_manual_ack_total"
                + "{protocol=\"amqp091\",queue_type=\"rabbit_classic_queue\"}"));
        assertEquals(2.0, s.value("rabbitmq_global_messages_acknowledged_total"
                + "{protocol=\"amqp091\",queue_type=\"rabbit_classic_queue\"}"));
        assertEquals(0.0, s.value("rabbitmq_global_messages_dead_lettered_rejected_total"
                + "{queue_type=\"rabbit_classic_queue\",dead_letter_strategy=\"disabled\"}"));
    }

    @Test
    void perObjectMetricsHaveOneSeriesPerQueueAndChannel() throws Exception {
        ScrapeResult s = scrape("/metrics/per-object");
        String queue = "{vhost=\"/\",queue=\"" + QUEUE + "\"}";
        assertEquals(3.0, s.value("rabbitmq_queue_messages_ready" + queue));
        assertEquals(0.0, s.value("rabbitmq_queue_messages_unacked" + queue));
        assertEquals(5.0, s.value("rabbitmq_queue_messages_published_total" + queue));
        assertEquals(null, s.value("rabbitmq_queue_messages_ready"), "no aggregated series per object");
        String channelName = broker.statistics().channels().stream()
                .filter(c -> c.vhost().equals("/") && c.number() == publisher.getChannelNumber())
                .findFirst().orElseThrow().name();
        assertEquals(5.0, s.value("rabbitmq_channel_messages_published_total{channel=\"" + channelName + "\"}"));
        assertEquals(2.0, s.value("rabbitmq_queues"));
    }

    @Test
    void detailedWithoutFamiliesHasTheIdentityOnly() throws Exception {
        ScrapeResult s = scrape("/metrics/detailed");
        assertEquals(2, s.series().size(), s.series().toString());
        assertTrue(s.series().keySet().stream().anyMatch(k -> k.startsWith(
                "rabbitmq_identity_info{rabbitmq_node=\"warren@metrics-node\",rabbitmq_cluster=\"warren@metrics-test\"")));
    }

    @Test
    void detailedUnknownFamiliesAreIgnored() throws Exception {
        ScrapeResult s = scrape("/metrics/detailed?family=no_such_metrics&family=channel_process_metrics");
        assertEquals(Set.of("rabbitmq_build_info", "rabbitmq_identity_info"), s.types().keySet());
    }

    @Test
    void detailedQueueFamiliesHaveOneSeriesPerQueue() throws Exception {
        ScrapeResult s = scrape("/metrics/detailed?family=queue_coarse_metrics&family=queue_metrics"
                + "&family=queue_consumer_count&family=queue_delivery_metrics");
        String queue = "{vhost=\"/\",queue=\"" + QUEUE + "\"}";
        String other = "{vhost=\"" + OTHER_VHOST + "\",queue=\"" + OTHER_QUEUE + "\"}";
        assertEquals("gauge", s.types().get("rabbitmq_detailed_queue_messages_ready"));
        assertEquals(3.0, s.value("rabbitmq_detailed_queue_messages_ready" + queue));
        assertEquals(1.0, s.value("rabbitmq_detailed_queue_messages_ready" + other));
        assertEquals(3.0, s.value("rabbitmq_detailed_queue_messages" + queue));
        assertEquals(0.0, s.value("rabbitmq_detailed_queue_consumers" + queue));
        assertEquals(9.0, s.value("rabbitmq_detailed_queue_messages_bytes" + queue));
        assertEquals(3.0, s.value("rabbitmq_detailed_queue_messages_ram" + queue));
        assertEquals("counter", s.types().get("rabbitmq_detailed_queue_get_ack_total"));
        assertEquals(2.0, s.value("rabbitmq_detailed_queue_get_ack_total" + queue));
        assertEquals(2.0, s.value("rabbitmq_detailed_queue_messages_acked_total" + queue));
        assertEquals(null, s.value("rabbitmq_queue_messages_ready" + queue), "only rabbitmq_detailed_ names");
    }

    @Test
    void detailedFamiliesFollowRabbitmqOrderAndQueueMetricsSupersedesConsumerCount() throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port()
                        + "/metrics/detailed?family=queue_metrics&family=queue_consumer_count"
                        + "&family=connection_churn_metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> types = body.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
        assertEquals("rabbitmq_detailed_connections_opened_total", types.get(0));
        assertEquals(1, types.stream().filter("rabbitmq_detailed_queue_consumers"::equals).count(), types::toString);
        assertTrue(types.indexOf("rabbitmq_detailed_queue_consumers")
                < types.indexOf("rabbitmq_detailed_queue_messages_bytes"), types::toString);
        assertEquals("rabbitmq_identity_info", types.get(types.size() - 1));
    }

    @Test
    void detailedVhostFilterNarrowsQueueAndExchangeFamiliesOnly() throws Exception {
        ScrapeResult s = scrape("/metrics/detailed?family=queue_coarse_metrics&family=exchange_metrics"
                + "&family=vhost_status&family=exchange_names&family=exchange_bindings&family=channel_metrics"
                + "&vhost=" + OTHER_VHOST + "&vhost=no-such-vhost");
        assertEquals(1.0, s.value("rabbitmq_detailed_queue_messages_ready{vhost=\"" + OTHER_VHOST
                + "\",queue=\"" + OTHER_QUEUE + "\"}"));
        assertEquals(1.0, s.value("rabbitmq_detailed_exchange_messages_published_total{vhost=\"" + OTHER_VHOST
                + "\",exchange=\"" + OTHER_EXCHANGE + "\"}"));
        assertTrue(s.series().keySet().stream().filter(k -> k.startsWith("rabbitmq_detailed_queue_")
                || k.startsWith("rabbitmq_detailed_exchange_")).noneMatch(k -> k.contains("vhost=\"/\"")),
                s.series().toString());
        assertEquals(1.0, s.value("rabbitmq_cluster_vhost_status{vhost=\"/\"}"), "cluster families are not filtered");
        assertEquals(1.0, s.value("rabbitmq_cluster_exchange_name{vhost=\"/\",exchange=\"amq.direct\",type=\"direct\"}"));
        assertEquals(1.0, s.value("rabbitmq_cluster_exchange_bindings{vhost=\"" + OTHER_VHOST + "\",exchange=\""
                + OTHER_EXCHANGE + "\",type=\"fanout\"}"));
        assertEquals(null, s.value("rabbitmq_cluster_exchange_name{vhost=\"/\",exchange=\"\",type=\"direct\"}"),
                "the default exchange is not enumerated");
        assertEquals(3L, s.series().keySet().stream().filter(k -> k.startsWith("rabbitmq_detailed_channel_consumers{"))
                .count(), "channel families are not filtered");
    }

    @Test
    void detailedFamiliesAskedForButEmptyKeepTheirHeaders() throws Exception {
        ScrapeResult s = scrape("/metrics/detailed?family=queue_coarse_metrics&vhost=no-such-vhost");
        assertEquals("gauge", s.types().get("rabbitmq_detailed_queue_messages_ready"));
        assertTrue(s.series().keySet().stream().noneMatch(k -> k.startsWith("rabbitmq_detailed_")),
                s.series().toString());
    }

    @Test
    void unknownPathsAreNotFound() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + endpoint.port() + "/nothing")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
    }
}
