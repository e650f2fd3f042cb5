package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Return;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** basic.publish: routing outcomes, mandatory returns and the publishes RabbitMQ refuses. */
class BasicPublishTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    private static final byte[] BODY = "payload".getBytes(StandardCharsets.UTF_8);

    @Test
    void publishToMissingExchangeClosesTheChannelWith404() {
        Channel channel = fixture.channel();
        String missing = UniqueNames.of("missing-exchange");

        ProtocolError error = ProtocolError.raisedBy(channel,
                () -> channel.basicPublish(missing, "key", null, BODY));

        assertEquals(ProtocolError.channel(404, "NOT_FOUND - no exchange '" + missing + "' in vhost '/'"), error);
        assertTrue(channel.getConnection().isOpen(), "a channel error leaves the connection open");
    }

    @Test
    void mandatoryUnroutableMessageComesBackAsBasicReturn() throws Exception {
        Channel channel = fixture.channel();
        String exchange = fixture.exchange("unroutable", BuiltinExchangeType.DIRECT);
        CompletableFuture<Return> returned = new CompletableFuture<>();
        channel.addReturnListener(returned::complete);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId("m-1").build();

        channel.basicPublish(exchange, "nobody-listens", true, properties, BODY);

        Return r = returned.get(10, TimeUnit.SECONDS);
        assertEquals(312, r.getReplyCode());
        assertEquals("NO_ROUTE", r.getReplyText());
        assertEquals(exchange, r.getExchange());
        assertEquals("nobody-listens", r.getRoutingKey());
        assertEquals("m-1", r.getProperties().getMessageId());
        assertEquals("payload", new String(r.getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void mandatoryUnroutableMessageOnDefaultExchangeIsReturned() throws Exception {
        Channel channel = fixture.channel();
        CompletableFuture<Return> returned = new CompletableFuture<>();
        channel.addReturnListener(returned::complete);
        String missingQueue = UniqueNames.of("no-such-queue");

        channel.basicPublish("", missingQueue, true, null, BODY);

        Return r = returned.get(10, TimeUnit.SECONDS);
        assertEquals(312, r.getReplyCode());
        assertEquals("NO_ROUTE", r.getReplyText());
        assertEquals("", r.getExchange());
        assertEquals(missingQueue, r.getRoutingKey());
    }

    @Test
    void underConfirmsTheReturnArrivesBeforeTheAck() throws Exception {
        Channel channel = fixture.channel();
        String exchange = fixture.exchange("return-then-ack", BuiltinExchangeType.DIRECT);
        // The client calls both listeners on its single frame-reading thread, in arrival order.
        List<String> events = new CopyOnWriteArrayList<>();
        channel.addReturnListener(r -> events.add("return " + r.getReplyCode()));
        channel.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long deliveryTag, boolean multiple) {
                events.add("ack " + deliveryTag);
            }

            @Override
            public void handleNack(long deliveryTag, boolean multiple) {
                events.add("nack " + deliveryTag);
            }
        });
        channel.confirmSelect();

        channel.basicPublish(exchange, "unroutable", true, null, BODY);

        assertTrue(channel.waitForConfirms(10_000), "an unroutable message is still acked, not nacked");
        assertEquals(List.of("return 312", "ack 1"), events);
    }

    @Test
    void nonMandatoryUnroutableMessageIsDroppedSilently() throws Exception {
        Channel channel = fixture.channel();
        String exchange = fixture.exchange("dropped", BuiltinExchangeType.DIRECT);
        List<Return> returns = new CopyOnWriteArrayList<>();
        channel.addReturnListener(returns::add);
        channel.confirmSelect();

        channel.basicPublish(exchange, "unroutable", false, null, BODY);

        assertTrue(channel.waitForConfirms(10_000));
        assertEquals(List.of(), returns, "the confirm comes after any return, so none is coming");
        assertTrue(channel.isOpen());
    }

    @Test
    void immediateIsRefusedWithConnectionError540() {
        Channel channel = fixture.channel();
        String queue = fixture.queue("immediate");

        ProtocolError error = ProtocolError.raisedBy(channel,
                () -> channel.basicPublish("", queue, false, true, null, BODY));

        assertEquals(ProtocolError.connection(540, "NOT_IMPLEMENTED - immediate=true"), error);
        assertEquals(0, fixture.ready(queue));
    }

    @Test
    void fanoutDeliversOneCopyToEveryBoundQueue() {
        String exchange = fixture.exchange("fanout", BuiltinExchangeType.FANOUT);
        List<String> queues = List.of(fixture.queue("fan-a"), fixture.queue("fan-b"), fixture.queue("fan-c"));
        queues.forEach(q -> fixture.bind(q, exchange, ""));

        fixture.publish(exchange, "ignored", new AMQP.BasicProperties(), BODY);

        for (String queue : queues) {
            assertEquals(List.of("payload"), fixture.drain(queue), queue);
        }
    }

    @Test
    void directExchangeDeliversToEveryQueueBoundWithTheKeyAndNoOther() {
        String exchange = fixture.exchange("direct", BuiltinExchangeType.DIRECT);
        String first = fixture.queue("direct-first");
        String second = fixture.queue("direct-second");
        String other = fixture.queue("direct-other");
        fixture.bind(first, exchange, "orders");
        fixture.bind(second, exchange, "orders");
        fixture.bind(other, exchange, "invoices");

        fixture.publish(exchange, "orders", new AMQP.BasicProperties(), BODY);

        assertEquals(List.of("payload"), fixture.drain(first));
        assertEquals(List.of("payload"), fixture.drain(second));
        assertEquals(List.of(), fixture.drain(other));
    }

    @Test
    void queueBoundTwiceToTheSameExchangeGetsOneCopy() {
        String queue = fixture.queue("bound-twice");
        String fanout = fixture.exchange("twice-fanout", BuiltinExchangeType.FANOUT);
        fixture.bind(queue, fanout, "x");
        fixture.bind(queue, fanout, "y");

        fixture.publish(fanout, "", new AMQP.BasicProperties(), BODY);

        assertEquals(List.of("payload"), fixture.drain(queue));
    }
}
