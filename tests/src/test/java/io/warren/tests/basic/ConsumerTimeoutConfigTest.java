package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.junit5.WarrenExtension;
import io.warren.tests.management.Api;
import io.warren.tests.management.ManagementTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.warren.tests.basic.ConsumerTimeoutTest.closeOf;
import static io.warren.tests.basic.ConsumerTimeoutTest.expectedText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code consumer_timeout} in the configuration file: a delivery left unacked that long closes its
 * channel, and a queue's own {@code x-consumer-timeout} replaces it, even when larger, as in
 * RabbitMQ 3.13; a policy set later applies to deliveries already out. Warren-only: it needs a
 * broker started with a short timeout.
 */
class ConsumerTimeoutConfigTest {
    private static final int TIMEOUT_MS = 1000;

    @RegisterExtension
    static final WarrenExtension warren = WarrenExtension.builder()
            .config("consumer_timeout", Integer.toString(TIMEOUT_MS)).build();

    @Test
    void theBrokersTimeoutClosesAChannelWithADeliveryLeftUnacked() throws Exception {
        assertTimesOutAfter(Map.of(), TIMEOUT_MS);
    }

    @Test
    void aQueuesOwnTimeoutReplacesTheBrokersEvenWhenLonger() throws Exception {
        assertTimesOutAfter(Map.of("x-consumer-timeout", 2 * TIMEOUT_MS), 2 * TIMEOUT_MS);
    }

    @Test
    void aPolicyChangeReachesDeliveriesAlreadyOut() throws Exception {
        ConnectionFactory f = warren.connectionFactory();
        Api api = new ManagementTarget(URI.create(warren.managementUrl()), "guest", "guest").api();
        try (Connection c = f.newConnection()) {
            Channel channel = c.createChannel();
            String queue = channel.queueDeclare("", false, true, false, null).getQueue();
            channel.basicPublish("", queue, null, "slow".getBytes());
            GetResponse got = channel.basicGet(queue, false);
            long start = System.nanoTime();

            assertEquals(201, api.send("PUT", "/api/policies/%2F/longer", "{\"pattern\":\"^" + queue
                    + "$\",\"definition\":{\"consumer-timeout\":600000},\"apply-to\":\"queues\"}").status());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Thread.sleep(Math.max(0, TIMEOUT_MS + 500 - waited));

            assertTrue(channel.isOpen(), "the policy's 10 minutes apply to the delivery made before it");
            channel.basicAck(got.getEnvelope().getDeliveryTag(), false);
            assertEquals(0, channel.queueDeclarePassive(queue).getMessageCount());
        } finally {
            api.delete("/api/policies/%2F/longer");
        }
    }

    private static void assertTimesOutAfter(Map<String, Object> arguments, int expectedMs) throws Exception {
        ConnectionFactory f = warren.connectionFactory();
        try (Connection c = f.newConnection()) {
            Channel admin = c.createChannel();
            String queue = admin.queueDeclare("", false, true, false, arguments).getQueue();
            admin.basicPublish("", queue, null, "late".getBytes());
            Channel channel = c.createChannel();
            CompletableFuture<ShutdownSignalException> closed = closeOf(channel);
            long start = System.nanoTime();

            assertEquals("late", new String(channel.basicGet(queue, false).getBody()));

            ShutdownSignalException signal = closed.get(10, TimeUnit.SECONDS);
            long elapsed = System.nanoTime() - start;
            AMQP.Channel.Close close = (AMQP.Channel.Close) signal.getReason();
            assertEquals(expectedText(channel.getChannelNumber(), expectedMs), close.getReplyText());
            assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(expectedMs), "closed after " + elapsed / 1_000_000 + " ms");
            assertTrue(c.isOpen(), "only the channel is closed");
            assertEquals(1, admin.queueDeclarePassive(queue).getMessageCount(), "the message is back in its queue");
        }
    }
}
