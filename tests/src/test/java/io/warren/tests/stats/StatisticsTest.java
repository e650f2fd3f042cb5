package io.warren.tests.stats;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.NetworkConnection;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Message counters, connection details and forced closes as the management side sees them. Warren
 * is read through its statistics API; RabbitMQ through its management API, whose figures trail by
 * up to one statistics interval, hence the polling.
 */
@ExtendWith(TestBroker.class)
class StatisticsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void queueAndChannelsCountPublishesDeliveriesAndAcks(TestBroker broker) throws Exception {
        Observed observed = Observed.of(broker);
        String queue = Names.unique("stats");
        try (Connection conn = broker.connect()) {
            Channel publisher = conn.createChannel();
            publisher.queueDeclare(queue, false, false, true, null);
            publisher.confirmSelect();
            for (int i = 0; i < 10; i++) {
                publisher.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            publisher.basicPublish("", Names.unique("nowhere"), null, new byte[0]);
            publisher.waitForConfirmsOrDie(5000);
            Channel consumer = conn.createChannel();
            for (int i = 0; i < 10; i++) {
                GetResponse r = consumer.basicGet(queue, false);
                assertNotNull(r, "message " + i);
                consumer.basicAck(r.getEnvelope().getDeliveryTag(), false);
            }
            consumer.basicGet(queue, true);
            int port = clientPort(conn);

            awaitStats("queue", () -> observed.queueMessageStats(queue),
                    Map.of("publish", 10L, "get", 10L, "ack", 10L, "deliver_get", 10L));
            awaitStats("publishing channel", () -> observed.channelMessageStats(port, publisher.getChannelNumber()),
                    Map.of("publish", 11L, "confirm", 11L, "drop_unroutable", 1L));
            awaitStats("consuming channel", () -> observed.channelMessageStats(port, consumer.getChannelNumber()),
                    Map.of("get", 10L, "ack", 10L, "get_empty", 1L, "deliver_get", 10L));
            consumer.queueDelete(queue);
        }
    }

    @Test
    void consumersCountDeliveriesWithAndWithoutAcks(TestBroker broker) throws Exception {
        Observed observed = Observed.of(broker);
        String queue = Names.unique("stats");
        try (Connection conn = broker.connect()) {
            Channel ch = conn.createChannel();
            ch.queueDeclare(queue, false, false, true, null);
            for (int i = 0; i < 4; i++) {
                ch.basicPublish("", queue, null, new byte[] {(byte) i});
            }
            CompletableFuture<Long> lastTag = new CompletableFuture<>();
            ch.basicConsume(queue, false, (tag, delivery) -> {
                if (delivery.getBody()[0] == 3) {
                    lastTag.complete(delivery.getEnvelope().getDeliveryTag());
                }
            }, tag -> { });
            ch.basicAck(lastTag.get(5, TimeUnit.SECONDS), true);
            awaitStats("queue", () -> observed.queueMessageStats(queue),
                    Map.of("publish", 4L, "deliver", 4L, "ack", 4L, "deliver_get", 4L));
            awaitStats("channel", () -> observed.channelMessageStats(clientPort(conn), ch.getChannelNumber()),
                    Map.of("publish", 4L, "deliver", 4L, "ack", 4L, "deliver_get", 4L));
        }
    }

    @Test
    void connectionDetailsIncludeWhatTheClientSent(TestBroker broker) throws Exception {
        Observed observed = Observed.of(broker);
        ConnectionFactory f = broker.factory();
        f.setRequestedHeartbeat(30);
        try (Connection conn = f.newConnection("wt-stats-client")) {
            conn.createChannel();
            conn.createChannel();
            Map<String, Object> c = await("connection", () -> {
                Map<String, Object> m = observed.connection(clientPort(conn));
                return m != null && Long.valueOf(2).equals(m.get("channels")) ? m : null;
            });
            assertEquals("guest", c.get("user"));
            assertEquals("/", c.get("vhost"));
            assertEquals("AMQP 0-9-1", c.get("protocol"));
            assertEquals("running", c.get("state"));
            assertEquals(30L, c.get("timeout"));
            assertEquals((long) conn.getFrameMax(), c.get("frame_max"));
            assertEquals("PLAIN", c.get("auth_mechanism"));
            Map<?, ?> props = (Map<?, ?>) c.get("client_properties");
            assertEquals("wt-stats-client", String.valueOf(props.get("connection_name")));
            assertEquals("RabbitMQ", String.valueOf(props.get("product")));
            assertTrue(props.get("capabilities") instanceof Map<?, ?>, "capabilities is a table: " + props);
            await("bytes counted", () -> {
                Map<String, Object> m = observed.connection(clientPort(conn));
                return ((Long) m.get("recv_oct")) > 0 && ((Long) m.get("send_oct")) > 0 ? m : null;
            });
        }
    }

    @Test
    void aForcedCloseTellsTheClientWhy(TestBroker broker) throws Exception {
        assertForcedClose(broker, null, "CONNECTION_FORCED - Closed via management plugin");
        assertForcedClose(broker, "maintenance window", "CONNECTION_FORCED - maintenance window");
    }

    private static void assertForcedClose(TestBroker broker, String reason, String expectedText) throws Exception {
        Observed observed = Observed.of(broker);
        Connection conn = broker.connect();
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        conn.addShutdownListener(closed::complete);
        await("connection listed", () -> observed.connection(clientPort(conn)));
        observed.forceClose(clientPort(conn), reason);
        ShutdownSignalException e = closed.get(10, TimeUnit.SECONDS);
        AMQP.Connection.Close close = (AMQP.Connection.Close) e.getReason();
        assertEquals(320, close.getReplyCode());
        assertEquals(expectedText, close.getReplyText());
        assertTrue(e.isHardError() && !e.isInitiatedByApplication());
    }

    /** The client's end of the socket, which the broker reports as the connection's peer_port. */
    private static int clientPort(Connection conn) {
        return ((NetworkConnection) conn).getLocalPort();
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T await(String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                fail("not seen within " + PATIENCE + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    private static void awaitStats(String what, Probe<Map<String, Long>> probe, Map<String, Long> expected)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, Long> last = Map.of();
        while (System.nanoTime() < deadline) {
            last = probe.get();
            Map<String, Long> seen = last;
            if (expected.entrySet().stream().allMatch(e -> e.getValue().equals(seen.get(e.getKey())))) {
                return;
            }
            Thread.sleep(200);
        }
        fail(what + " message_stats: expected " + expected + " within " + PATIENCE + ", last seen " + last);
    }
}
