package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Command;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ending a subscription: basic.cancel from the client, and from the broker when the queue goes. */
class ConsumerCancelTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    @Test
    void afterCancelOkTheQueueKeepsNewMessages() throws Exception {
        String queue = fixture.queue("client-cancel");
        Channel channel = fixture.channel();
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        String tag = channel.basicConsume(queue, true, consumer);
        fixture.publish(queue, "before");
        assertEquals(List.of("before"), consumer.nextBodies(1));

        channel.basicCancel(tag);

        assertEquals(tag, consumer.cancelOkTag());
        assertEquals(0, fixture.consumers(queue));
        fixture.publish(queue, "after-1", "after-2");
        assertEquals(2, fixture.ready(queue));
        assertEquals(0, consumer.waiting());
    }

    @Test
    void cancellingOneConsumerLeavesTheOtherOnTheChannel() throws Exception {
        String queue = fixture.queue("cancel-one");
        Channel channel = fixture.channel();
        DeliveryRecorder cancelled = new DeliveryRecorder(channel);
        DeliveryRecorder remaining = new DeliveryRecorder(channel);
        channel.basicConsume(queue, true, "cancelled", cancelled);
        channel.basicConsume(queue, true, "remaining", remaining);

        channel.basicCancel("cancelled");
        fixture.publish(queue, "1", "2");

        assertEquals(List.of("1", "2"), remaining.nextBodies(2));
        assertEquals(0, cancelled.waiting());
    }

    @Test
    void cancellingAnUnknownTagIsAnsweredWithCancelOk() throws Exception {
        Channel channel = fixture.channel();
        String queue = fixture.queue("cancel-unknown");
        channel.basicConsume(queue, true, "registered", new DeliveryRecorder(channel));

        // The Java client refuses to cancel a tag it does not know, so send the method itself.
        Command reply = channel.asyncCompletableRpc(new AMQP.Basic.Cancel.Builder()
                .consumerTag("never-registered").build()).get(10, TimeUnit.SECONDS);

        assertEquals("never-registered", ((AMQP.Basic.CancelOk) reply.getMethod()).getConsumerTag());
        assertTrue(channel.isOpen());
        assertEquals(1, fixture.consumers(queue));
    }

    @Test
    void deletingTheQueueCancelsItsConsumers() throws Exception {
        String queue = fixture.queue("server-cancel");
        Channel channel = fixture.channel();
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        String tag = channel.basicConsume(queue, false, consumer);

        fixture.connect().createChannel().queueDelete(queue);

        assertEquals(tag, consumer.brokerCancelTag());
        assertTrue(channel.isOpen(), "a broker-sent cancel does not close the channel");
    }

    @Test
    void messagesOfACancelledConsumerCanStillBeAcked() throws Exception {
        String queue = fixture.queue("ack-after-cancel");
        Channel channel = fixture.channel();
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        String tag = channel.basicConsume(queue, false, consumer);
        fixture.publish(queue, "1", "2", "3");
        List<ReceivedMessage> received = consumer.next(3);

        channel.basicCancel(tag);
        consumer.cancelOkTag();
        channel.basicAck(received.get(0).deliveryTag(), false);
        channel.basicAck(received.get(2).deliveryTag(), false);
        channel.close();

        // Only the unacked middle message returns to the queue when the channel closes.
        fixture.awaitReady(queue, 1);
        assertEquals(List.of("2"), fixture.drain(queue));
    }
}
