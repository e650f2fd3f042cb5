package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.tests.management.Api;
import io.warren.tests.management.ManagementTarget;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * RabbitMQ 3.13's consumer timeout per queue, through the {@code x-consumer-timeout} argument and
 * the {@code consumer-timeout} policy key (the smaller wins): a delivery, pushed or got, left
 * unacknowledged longer than that closes its channel with 406 and RabbitMQ's text, and its
 * message goes back to the queue. RabbitMQ checks once a minute, hence the long wait against an
 * external broker; Warren checks at the deadline.
 */
class ConsumerTimeoutTest {
    private static final int TIMEOUT_MS = 1000;

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    private static long closeWaitSeconds() {
        // RabbitMQ evaluates the timeout on its channel tick, every 60 s.
        return broker.isExternal() ? 75 : 10;
    }

    static String expectedText(int channel, long timeoutMs) {
        return "PRECONDITION_FAILED - delivery acknowledgement on channel " + channel + " timed out. Timeout value "
                + "used: " + timeoutMs + " ms. This timeout value can be configured, see consumers doc guide to "
                + "learn more";
    }

    @Test
    void anUnackedDeliveryPastTheQueuesTimeoutClosesTheChannel() throws Exception {
        broker.assumeRabbitMqAtLeast("3.12");
        String queue = fixture.queue("timeout-arg", Map.of("x-consumer-timeout", TIMEOUT_MS));
        fixture.publish(queue, "late");
        Channel channel = fixture.channel();
        CompletableFuture<ShutdownSignalException> closed = closeOf(channel);
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        long start = System.nanoTime();

        channel.basicConsume(queue, false, consumer);
        assertEquals("late", consumer.next().text());

        assertClosedByTheTimeout(channel, closed);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS), "closed before the timeout");
        fixture.awaitReady(queue, 1);
    }

    @Test
    void deliveriesAckedInTimeKeepTheChannelOpenLongAfterTheTimeout() throws Exception {
        broker.assumeRabbitMqAtLeast("3.12");
        assumeFalse(broker.isExternal(), "against RabbitMQ this would wait for several one-minute ticks");
        String queue = fixture.queue("timeout-in-time", Map.of("x-consumer-timeout", TIMEOUT_MS));
        fixture.publish(queue, "1", "2", "3", "4");
        Channel channel = fixture.channel();
        channel.basicQos(1);
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, false, consumer);

        // Each delivery is acked within the timeout; together they take twice as long.
        for (int i = 0; i < 4; i++) {
            ReceivedMessage m = consumer.next();
            Thread.sleep(TIMEOUT_MS / 2);
            channel.basicAck(m.deliveryTag(), false);
        }
        Thread.sleep(TIMEOUT_MS + 200);

        assertTrue(channel.isOpen(), "channel open: every delivery was acked in time");
        assertEquals(0, fixture.ready(queue));
    }

    @Test
    void theConsumerTimeoutPolicyAppliesAndTheSmallerOfPolicyAndArgumentWins() throws Exception {
        broker.assumeRabbitMqAtLeast("3.12");
        String queue = fixture.queue("timeout-policy", Map.of("x-consumer-timeout", 600_000));
        Api api = ManagementTarget.of(broker).api();
        String policy = "warren-consumer-timeout-" + queue.substring(queue.lastIndexOf('.') + 1);
        assertEquals(201, api.send("PUT", "/api/policies/%2F/" + policy, "{\"pattern\":\"^" + queue.replace(".", "\\\\.")
                + "$\",\"definition\":{\"consumer-timeout\":" + TIMEOUT_MS + "},\"apply-to\":\"queues\"}").status());
        try {
            awaitEffectivePolicy(api, queue);
            fixture.publish(queue, "late");
            Channel channel = fixture.channel();
            CompletableFuture<ShutdownSignalException> closed = closeOf(channel);
            channel.basicConsume(queue, false, new DeliveryRecorder(channel));

            assertClosedByTheTimeout(channel, closed);
        } finally {
            api.delete("/api/policies/%2F/" + policy);
        }
    }

    @Test
    void aShortTimeoutIsEnforcedBehindAnOlderDeliveryWithALongOne() throws Exception {
        // RabbitMQ looks only at the channel's oldest unacked delivery, so there the short timeout
        // of the second queue would wait for the first queue's ten minutes; Warren checks each.
        assumeFalse(broker.isExternal(), "RabbitMQ checks only the oldest delivery");
        String slow = fixture.queue("timeout-long", Map.of("x-consumer-timeout", 600_000));
        String quick = fixture.queue("timeout-short", Map.of("x-consumer-timeout", TIMEOUT_MS));
        fixture.publish(slow, "old");
        fixture.publish(quick, "new");
        Channel channel = fixture.channel();
        CompletableFuture<ShutdownSignalException> closed = closeOf(channel);
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(slow, false, consumer);
        assertEquals("old", consumer.next().text());

        channel.basicConsume(quick, false, consumer);
        assertEquals("new", consumer.next().text());

        assertClosedByTheTimeout(channel, closed);
        fixture.awaitReady(slow, 1);
        fixture.awaitReady(quick, 1);
    }

    @Test
    void aBasicGetLeftUnackedTimesOutToo() throws Exception {
        broker.assumeRabbitMqAtLeast("3.12");
        String queue = fixture.queue("timeout-get", Map.of("x-consumer-timeout", TIMEOUT_MS));
        fixture.publish(queue, "got");
        Channel channel = fixture.channel();
        CompletableFuture<ShutdownSignalException> closed = closeOf(channel);

        GetResponse got = channel.basicGet(queue, false);
        assertNotNull(got);

        assertClosedByTheTimeout(channel, closed);
        fixture.awaitReady(queue, 1);
    }

    @Test
    void noAckDeliveriesNeverTimeOut() throws Exception {
        broker.assumeRabbitMqAtLeast("3.12");
        assumeFalse(broker.isExternal(), "against RabbitMQ this would wait for a one-minute tick");
        String queue = fixture.queue("timeout-no-ack", Map.of("x-consumer-timeout", 100));
        fixture.publish(queue, "1", "2");
        Channel channel = fixture.channel();
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, true, consumer);
        consumer.next(2);

        Thread.sleep(500);

        assertTrue(channel.isOpen());
    }

    @Test
    void anInvalidTimeoutArgumentIsRefused() throws Exception {
        // RabbitMQ 4 checks x-consumer-timeout as a non-negative integer; 3.10 to 3.13 took any
        // value (a string turned the timeout off, a negative one timed out every delivery).
        assumeFalse(broker.isExternal(), "RabbitMQ before 4.0 accepts any x-consumer-timeout");
        String name = UniqueNames.of("bad-timeout");
        Channel channel = fixture.channel();
        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - invalid arg 'x-consumer-timeout' for queue '"
                        + name + "' in vhost '/': {value_negative,-1}"),
                ProtocolError.raisedBy(channel, () -> channel.queueDeclare(name, false, true, true,
                        Map.of("x-consumer-timeout", -1))));

        Channel next = fixture.channel();
        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - invalid arg 'x-consumer-timeout' for queue '"
                        + name + "' in vhost '/': \"expected integer, got longstr\""),
                ProtocolError.raisedBy(next, () -> next.queueDeclare(name, false, true, true,
                        Map.of("x-consumer-timeout", "soon"))));
    }

    private static void awaitEffectivePolicy(Api api, String queue) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            var shown = api.get("/api/queues/%2F/" + Api.segment(queue)).json();
            var definition = shown.get("effective_policy_definition");
            if (definition != null && definition.has("consumer-timeout")) {
                assertEquals(TIMEOUT_MS, definition.get("consumer-timeout").asInt());
                return;
            }
            assertFalse(System.nanoTime() > deadline, "no consumer-timeout in the effective policy: " + shown);
            Thread.sleep(200);
        }
    }

    static CompletableFuture<ShutdownSignalException> closeOf(Channel channel) {
        CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
        channel.addShutdownListener(closed::complete);
        return closed;
    }

    /** Waits for the channel's close and checks it is the consumer timeout's: 406, RabbitMQ's text, {@link #TIMEOUT_MS}. */
    private static void assertClosedByTheTimeout(Channel channel, CompletableFuture<ShutdownSignalException> closed) throws Exception {
        AMQP.Channel.Close close = closeReason(closed);
        assertEquals(406, close.getReplyCode());
        assertEquals(expectedText(channel.getChannelNumber(), TIMEOUT_MS), close.getReplyText());
    }

    private static AMQP.Channel.Close closeReason(CompletableFuture<ShutdownSignalException> closed) throws Exception {
        ShutdownSignalException signal;
        try {
            signal = closed.get(closeWaitSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("channel not closed within " + closeWaitSeconds() + "s", e);
        }
        assertFalse(signal.isHardError(), "a channel error, not a connection error: " + signal);
        return (AMQP.Channel.Close) signal.getReason();
    }
}
