package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    @Test
    void declaringThePseudoQueueAnswersDeclareOkWithOneConsumer() throws Exception {
        Channel channel = fixture.channel();

        // Every declare of it is passive in effect, whatever the flags: nothing is created.
        assertDeclareOk(REPLY_TO, channel.queueDeclarePassive(REPLY_TO));
        assertDeclareOk(REPLY_TO, channel.queueDeclare(REPLY_TO, false, false, false, null));
        assertDeclareOk(REPLY_TO, channel.queueDeclare(REPLY_TO, true, true, true, null));
        assertDeclareOk(REPLY_TO, channel.queueDeclarePassive(REPLY_TO + "\r\n"));
    }

    @Test
    void passiveDeclareOfALiveAddressAnswersDeclareOkUntilItsConsumerGoes() throws Exception {
        String requests = fixture.queue("rpc-address");
        Channel client = fixture.channel();
        String tag = client.basicConsume(REPLY_TO, true, new DeliveryRecorder(client));
        client.basicPublish("", requests, new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).build(), bytes("hi"));
        String address = ReceivedMessage.of(awaitGet(requests)).properties().getReplyTo();
        Channel other = fixture.channel();

        assertDeclareOk(address, other.queueDeclarePassive(address));

        client.basicCancel(tag);
        ProtocolError error = ProtocolError.raisedBy(other, () -> other.queueDeclarePassive(address));
        assertEquals(ProtocolError.channel(404, "NOT_FOUND - no queue '" + address + "' in vhost '/'"), error);
    }

    @Test
    void anAddressNoChannelHoldsIsNotFound() {
        Channel channel = fixture.channel();
        String address = REPLY_TO + ".no-such-token";

        ProtocolError error = ProtocolError.raisedBy(channel,
                () -> channel.queueDeclare(address, false, false, false, null));

        assertEquals(ProtocolError.channel(404, "NOT_FOUND - no queue '" + address + "' in vhost '/'"), error);
    }

    /**
     * What Spring AMQP's RabbitTemplate does: a passive declare of the pseudo-queue decides whether
     * direct reply-to is available (a failure makes it fall back to a temporary queue per call);
     * then each call consumes it without acks on a fresh channel and publishes the request with
     * reply_to set to it.
     */
    @Test
    void rabbitTemplateStyleProbeThenCallGetsTheReply() throws Exception {
        String requests = fixture.queue("rpc-template");
        Channel server = fixture.channel();
        server.basicConsume(requests, true, (tag, delivery) -> server.basicPublish("", delivery.getProperties().getReplyTo(),
                new AMQP.BasicProperties.Builder().correlationId(delivery.getProperties().getCorrelationId()).build(),
                ("re: " + new String(delivery.getBody(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)),
                tag -> { });
        Connection connection = fixture.connect();
        Channel probe = connection.createChannel();
        assertDeclareOk(REPLY_TO, probe.queueDeclarePassive(REPLY_TO));
        probe.close();

        Channel call = connection.createChannel();
        DeliveryRecorder replies = new DeliveryRecorder(call);
        call.basicConsume(REPLY_TO, true, replies);
        call.basicPublish("", requests, new AMQP.BasicProperties.Builder()
                .replyTo(REPLY_TO).correlationId("1").build(), bytes("question"));

        ReceivedMessage answer = replies.next();
        assertEquals("re: question", answer.text());
        assertEquals("1", answer.properties().getCorrelationId());
        assertTrue(answer.envelope().getRoutingKey().startsWith(REPLY_TO + "."), answer.envelope().getRoutingKey());
    }

    private static void assertDeclareOk(String name, AMQP.Queue.DeclareOk ok) {
        assertEquals(name.replace("\r", "").replace("\n", ""), ok.getQueue());
        assertEquals(0, ok.getMessageCount(), "messages");
        assertEquals(1, ok.getConsumerCount(), "consumers");
    }

    private GetResponse awaitGet(String queue) throws Exception {
        Channel channel = fixture.channel();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        GetResponse response = channel.basicGet(queue, true);
        while (response == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
            response = channel.basicGet(queue, true);
        }
        assertNotNull(response, "no message in " + queue);
        return response;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
