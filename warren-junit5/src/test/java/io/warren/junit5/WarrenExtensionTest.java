package io.warren.junit5;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.warren.server.WarrenServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One broker for the class, loaded with definitions and configured, reached the ways a test can:
 * its URIs with the Java client and plain HTTP, parameters, a field, the extension's own methods.
 */
class WarrenExtensionTest {
    private static final long TIMEOUT_MS = 10_000;

    @RegisterExtension
    static WarrenExtension warren = WarrenExtension.builder()
            .definitionsResource("orders-definitions.json")
            .config("channel_max", "64")
            .config("max_message_size", "4096")
            .configure(b -> b.heartbeatSeconds(30))
            .build();

    /** Set by the extension. */
    static EmbeddedWarren injected;

    /** Set by the extension too: the node itself. */
    static WarrenServer injectedServer;

    @Test
    void theAmqpUriLogsInAsTheAdminOnTheDefaultVhost(EmbeddedWarren broker) throws Exception {
        assertEquals("amqp://guest:guest@127.0.0.1:" + broker.amqpPort() + "/%2F", broker.amqpUri());
        assertEquals("guest", broker.adminUsername());
        assertEquals("guest", broker.adminPassword());
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.amqpUri());
        try (Connection c = f.newConnection()) {
            assertEquals("/", f.getVirtualHost());
            assertTrue(c.createChannel().isOpen());
        }
    }

    @Test
    void theConfigurationSettingsApply(ConnectionFactory factory) throws Exception {
        factory.setRequestedChannelMax(0);
        factory.setRequestedHeartbeat(0);
        try (Connection c = factory.newConnection()) {
            // Negotiated from what the server offered in connection.tune.
            assertEquals(64, c.getChannelMax());
            assertEquals(30, c.getHeartbeat());
        }
        assertEquals(4096, injected.server().config().maxMessageSize());
    }

    @Test
    void theManagementUrlAnswersTheAdmin() throws Exception {
        String auth = Base64.getEncoder().encodeToString(
                (warren.adminUsername() + ":" + warren.adminPassword()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(warren.managementUrl() + "/api/queues/%2F/orders.eu"))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofMillis(TIMEOUT_MS)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, r.statusCode(), r::body);
        assertTrue(r.body().contains("\"x-max-length\":100"), r.body());
    }

    @Test
    void theDefinitionsAreLoadedBesideTheDefaultUserAndVhost() throws Exception {
        assertTrue(injected.queue("orders.eu").exists());
        assertTrue(injected.queue("shop", "baskets").exists());
        assertTrue(injected.exchangeExists("orders"));
        assertFalse(injected.exchangeExists("no.such.exchange"));

        // The definitions' binding routes; guest still logs in, and has the definitions' permissions.
        try (Connection c = warren.connectionFactory().newConnection()) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.basicPublish("orders", "eu.de.berlin", null, "order".getBytes(StandardCharsets.UTF_8));
            ch.basicPublish("orders", "us.ny", null, "elsewhere".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(TIMEOUT_MS);
            assertEquals(1, warren.queue("orders.eu").messages());
            assertNotNull(ch.basicGet("orders.eu", true));
            assertEquals(0, warren.queue("orders.eu").messages());
        }
        ConnectionFactory shop = warren.connectionFactory();
        shop.setVirtualHost("shop");
        try (Connection c = shop.newConnection()) {
            assertEquals(0, c.createChannel().queueDeclarePassive("baskets").getMessageCount());
        }
    }

    @Test
    void queueViewCountsReadyUnackedAndConsumers(EmbeddedWarren broker) throws Exception {
        QueueView q = broker.queue("inspected");
        assertFalse(q.exists());
        assertThrows(IllegalStateException.class, q::messages);

        try (Connection c = broker.connectionFactory().newConnection()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("inspected", false, false, false, null);
            ch.confirmSelect();
            for (int i = 0; i < 3; i++) {
                ch.basicPublish("", "inspected", null, new byte[] {(byte) i});
            }
            ch.waitForConfirmsOrDie(TIMEOUT_MS);
            assertTrue(q.exists());
            assertEquals(3, q.messagesReady());
            assertEquals(0, q.messagesUnacknowledged());
            assertEquals(3, q.messages());
            assertEquals(0, q.consumers());

            Channel consumer = c.createChannel();
            consumer.basicQos(2);
            BlockingQueue<Long> tags = new LinkedBlockingQueue<>();
            consumer.basicConsume("inspected", false, new DefaultConsumer(consumer) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties p, byte[] body) {
                    tags.add(envelope.getDeliveryTag());
                }
            });
            assertNotNull(tags.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            assertNotNull(tags.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            assertEquals(1, q.consumers());
            assertEquals(1, q.messagesReady());
            assertEquals(2, q.messagesUnacknowledged());
            assertEquals(3, q.messages());

            consumer.basicAck(2, true);
            // The ack travels to the queue on its own; the third message is delivered in its place.
            awaitEquals(1, q::messagesUnacknowledged);
            awaitEquals(0, q::messagesReady);
            consumer.close();
            awaitEquals(0, q::consumers);
            assertEquals(1, q.messagesReady(), "the unacked message is back");
            ch.queueDelete("inspected");
        }
        assertFalse(q.exists());
    }

    @Test
    void theExtensionFieldAndTheInjectedFieldAreTheParametersBroker(EmbeddedWarren broker, WarrenServer server) {
        assertSame(broker, injected);
        assertSame(broker.server(), server);
        assertSame(server, injectedServer);
        assertSame(broker, warren.warren());
        assertEquals(broker.amqpUri(), warren.amqpUri());
        assertEquals(broker.amqpPort(), warren.amqpPort());
        assertTrue(broker.managementUrl().startsWith("http://127.0.0.1:"), broker.managementUrl());
        assertThrows(IllegalStateException.class, broker::prometheusUrl, "Prometheus is off unless configured");
    }

    private static void awaitEquals(int expected, IntSupplier actual) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        int last = actual.getAsInt();
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            last = actual.getAsInt();
        }
        assertEquals(expected, last);
    }
}
