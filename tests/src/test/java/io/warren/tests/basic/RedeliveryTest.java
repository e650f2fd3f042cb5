package io.warren.tests.basic;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.impl.AMQImpl;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unacked messages going back to their queue: when the channel or connection closes, and on
 * basic.recover. Requeued messages keep their order and come back with redelivered=true.
 */
class RedeliveryTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    @Test
    void closingTheChannelRequeuesItsUnackedMessages() throws Exception {
        String queue = fixture.queue("requeue-channel-close");
        fixture.publish(queue, "1", "2", "3");
        Channel channel = fixture.channel();
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, false, consumer);
        consumer.next(3);

        channel.close();

        fixture.awaitReady(queue, 3);
        assertRedeliveredInOrder(queue, "1", "2", "3");
    }

    @Test
    void closingTheConnectionRequeuesItsUnackedMessages() throws Exception {
        String queue = fixture.queue("requeue-connection-close");
        fixture.publish(queue, "1", "2");
        Connection connection = fixture.connect();
        Channel channel = connection.createChannel();
        channel.basicGet(queue, false);
        channel.basicGet(queue, false);

        connection.close();

        fixture.awaitReady(queue, 2);
        assertRedeliveredInOrder(queue, "1", "2");
    }

    @Test
    void abortedConnectionRequeuesItsUnackedMessages() throws Exception {
        String queue = fixture.queue("requeue-connection-abort");
        fixture.publish(queue, "1");
        Connection connection = fixture.connect();
        connection.createChannel().basicGet(queue, false);

        // Closes the socket without connection.close, as a crashed client would.
        connection.abort(0);

        fixture.awaitReady(queue, 1);
        assertRedeliveredInOrder(queue, "1");
    }

    @Test
    void recoverRedeliversUnackedMessagesToTheConsumer() throws Exception {
        String queue = fixture.queue("recover");
        fixture.publish(queue, "1", "2");
        Channel channel = fixture.channel();
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, false, consumer);
        List<ReceivedMessage> first = consumer.next(2);
        assertFalse(first.get(0).redelivered());

        channel.basicRecover(true);

        List<ReceivedMessage> again = consumer.next(2);
        assertEquals(List.of("1", "2"), again.stream().map(ReceivedMessage::text).toList());
        assertTrue(again.stream().allMatch(ReceivedMessage::redelivered));
        assertEquals(List.of(3L, 4L), again.stream().map(ReceivedMessage::deliveryTag).toList(),
                "redeliveries get new delivery tags");
    }

    @Test
    void recoverAsyncRedeliversWithoutAReply() throws Exception {
        String queue = fixture.queue("recover-async");
        fixture.publish(queue, "1");
        Channel channel = fixture.channel();
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, false, consumer);
        consumer.next();

        // The Java client has no call for the deprecated basic.recover-async, so send the method itself.
        channel.asyncRpc(new AMQImpl.Basic.RecoverAsync(true));

        ReceivedMessage again = consumer.next();
        assertEquals("1", again.text());
        assertTrue(again.redelivered());
        assertTrue(channel.isOpen());
    }

    @Test
    void recoverWithoutRequeueIsNotImplemented() throws Exception {
        Channel channel = fixture.channel();

        ProtocolError error = ProtocolError.raisedBy(channel, () -> channel.basicRecover(false));

        assertEquals(ProtocolError.connection(540, "NOT_IMPLEMENTED - requeue=false"), error);
    }

    @Test
    void oldTagsAreUnknownAfterRecover() throws Exception {
        String queue = fixture.queue("recover-old-tag");
        fixture.publish(queue, "1");
        Channel channel = fixture.channel();
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, false, consumer);
        long oldTag = consumer.next().deliveryTag();
        channel.basicRecover(true);
        consumer.next();

        ProtocolError error = ProtocolError.raisedBy(channel, () -> channel.basicAck(oldTag, false));

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - unknown delivery tag " + oldTag), error);
    }

    private void assertRedeliveredInOrder(String queue, String... bodies) throws Exception {
        Channel channel = fixture.channel();
        for (String body : bodies) {
            ReceivedMessage message = ReceivedMessage.of(channel.basicGet(queue, true));
            assertEquals(body, message.text());
            assertTrue(message.redelivered(), "message " + body + " should be marked redelivered");
        }
    }
}
