package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Direct reply-to: a requester consumes the pseudo-queue {@code amq.rabbitmq.reply-to} without
 * acks, the broker rewrites reply_to on its requests to a per-channel name, and replies published
 * to that name through the default exchange go straight to the requester.
 */
class DirectReplyToTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    private static final String REPLY_TO = "amq.rabbitmq.reply-to";

    @Test
    void replyToTheRewrittenAddressReachesTheRequester() throws Exception {
        String requests = fixture.queue("rpc-requests");
        Channel server = fixture.channel();
        DeliveryRecorder serverSide = new DeliveryRecorder(server);
        server.basicConsume(requests, true, serverSide);
        Channel client = fixture.channel();
        DeliveryRecorder replies = new DeliveryRecorder(client);
        client.basicConsume(REPLY_TO, true, replies);

        AMQP.BasicProperties request = new AMQP.BasicProperties.Builder()
                .replyTo(REPLY_TO).correlationId("call-1").build();
        client.basicPublish("", requests, request, bytes("ping"));

        ReceivedMessage received = serverSide.next();
        String address = received.properties().getReplyTo();
        assertTrue(address.startsWith(REPLY_TO + "."), address);
        assertTrue(address.length() > REPLY_TO.length() + 1, address);
        AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                .correlationId(received.properties().getCorrelationId()).build();
        server.basicPublish("", address, reply, bytes("pong"));

        ReceivedMessage answer = replies.next();
        assertEquals("pong", answer.text());
        assertEquals("call-1", answer.properties().getCorrelationId());
        assertEquals("", answer.envelope().getExchange());
        assertEquals(address, answer.envelope().getRoutingKey());
    }

    @Test
    void eachRequestingChannelGetsItsOwnAddress() throws Exception {
        String requests = fixture.queue("rpc-two-clients");
        Channel server = fixture.channel();
        DeliveryRecorder serverSide = new DeliveryRecorder(server);
        server.basicConsume(requests, true, serverSide);
        Channel first = fixture.channel();
        Channel second = first.getConnection().createChannel();
        first.basicConsume(REPLY_TO, true, new DeliveryRecorder(first));
        second.basicConsume(REPLY_TO, true, new DeliveryRecorder(second));
        AMQP.BasicProperties request = new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).build();

        first.basicPublish("", requests, request, bytes("from-first"));
        second.basicPublish("", requests, request, bytes("from-second"));

        assertNotEquals(serverSide.next().properties().getReplyTo(), serverSide.next().properties().getReplyTo());
    }

    @Test
    void consumingReplyToWithAcksIsRefused() {
        Channel channel = fixture.channel();

        ProtocolError error = ProtocolError.raisedBy(channel,
                () -> channel.basicConsume(REPLY_TO, false, new DeliveryRecorder(channel)));

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - reply consumer cannot acknowledge"), error);
    }

    @Test
    void consumingReplyToTwiceOnOneChannelIsRefused() throws Exception {
        Channel channel = fixture.channel();
        channel.basicConsume(REPLY_TO, true, new DeliveryRecorder(channel));

        ProtocolError error = ProtocolError.raisedBy(channel,
                () -> channel.basicConsume(REPLY_TO, true, new DeliveryRecorder(channel)));

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - reply consumer already set"), error);
    }

    @Test
    void requestFromAChannelThatIsNotConsumingReplyToIsRefused() {
        String requests = fixture.queue("rpc-no-consumer");
        Channel channel = fixture.channel();
        AMQP.BasicProperties request = new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).build();

        ProtocolError error = ProtocolError.raisedBy(channel,
                () -> channel.basicPublish("", requests, request, bytes("orphan")));

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - fast reply consumer does not exist"), error);
        assertEquals(0, fixture.ready(requests));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
