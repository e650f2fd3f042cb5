package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel-wide prefetch (basic.qos with global=true) as RabbitMQ's channel limiter keeps it:
 * no-ack consumers on the channel wait while it is full but do not count, a new limit counts
 * what is already unacked, the channel's queues take turns, and it combines with the
 * per-consumer limit. The queues' ready counts show exactly what the broker handed out.
 */
class GlobalPrefetchTest {
    /** How long "nothing more arrives" is watched for. */
    private static final long QUIET_MILLIS = 300;

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    @Test
    void aNoAckConsumerWaitsWhileTheChannelIsFullButDoesNotCount() throws Exception {
        String acked = fixture.queue("global-acked");
        String noAck = fixture.queue("global-no-ack");
        fixture.publishNumbered(acked, 2);
        fixture.publishNumbered(noAck, 5);
        Channel channel = fixture.channel();
        channel.basicQos(2, true);
        DeliveryRecorder holding = new DeliveryRecorder(channel);
        channel.basicConsume(acked, false, holding);
        List<ReceivedMessage> held = holding.next(2);

        DeliveryRecorder free = new DeliveryRecorder(channel);
        channel.basicConsume(noAck, true, free);
        free.consumeOkTag();
        Thread.sleep(QUIET_MILLIS);
        assertEquals(0, free.waiting(), "no-ack deliveries while 2 of 2 are unacked");
        assertEquals(5, fixture.ready(noAck));

        channel.basicAck(held.get(0).deliveryTag(), false);

        // One unit is free, and no-ack deliveries do not use it up: all five come.
        assertEquals(List.of("1", "2", "3", "4", "5"), free.nextBodies(5));
        assertEquals(0, fixture.ready(noAck));
    }

    @Test
    void aNewChannelLimitCountsWhatIsAlreadyUnacked() throws Exception {
        String queue = fixture.queue("global-counts-unacked");
        fixture.publishNumbered(queue, 5);
        Channel channel = fixture.channel();
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, false, consumer);
        List<ReceivedMessage> unacked = consumer.next(5);

        channel.basicQos(2, true);
        fixture.publish(queue, "6", "7", "8", "9", "10");
        for (int i = 0; i < 3; i++) {
            channel.basicAck(unacked.get(i).deliveryTag(), false);
        }
        Thread.sleep(QUIET_MILLIS);
        assertEquals(0, consumer.waiting(), "2 still unacked of a limit of 2");
        assertEquals(5, fixture.ready(queue));

        channel.basicAck(unacked.get(3).deliveryTag(), false);

        assertEquals("6", consumer.next().text());
        Thread.sleep(QUIET_MILLIS);
        assertEquals(0, consumer.waiting());
        assertEquals(4, fixture.ready(queue));
    }

    @Test
    void theChannelsQueuesTakeTurns() throws Exception {
        String first = fixture.queue("global-turns-a");
        String second = fixture.queue("global-turns-b");
        fixture.publishNumbered(first, 100);
        fixture.publishNumbered(second, 100);
        Channel channel = fixture.channel();
        channel.basicQos(1, true);
        AckingConsumer consumer = new AckingConsumer(channel);

        channel.basicConsume(first, false, "a", consumer);
        channel.basicConsume(second, false, "b", consumer);

        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            order.append(consumer.nextTag());
        }
        long a = order.chars().filter(c -> c == 'a').count();
        long b = order.length() - a;
        // RabbitMQ wakes the waiting queues in a random order; Warren lets them take turns once
        // both consume (a may run ahead before b's consume arrives).
        assertTrue(a >= 15 && b >= 15, "deliveries from each queue of 60: " + order);
        if (!broker.isExternal()) {
            String bothConsuming = order.substring(order.indexOf("b"));
            assertTrue(!bothConsuming.contains("aaa") && !bothConsuming.contains("bbb"),
                    "one queue ran ahead of the other: " + order);
        }
        channel.basicCancel("a");
        channel.basicCancel("b");
    }

    @Test
    void perConsumerAndChannelLimitsBothHold() throws Exception {
        Channel channel = fixture.channel();
        channel.basicQos(2, false);
        channel.basicQos(3, true);

        TwoQueueConsumers two = TwoQueueConsumers.start(fixture, channel, "both-limits");

        List<ReceivedMessage> fromA = two.a().next(2);
        Thread.sleep(QUIET_MILLIS);
        assertEquals(1, two.b().waiting(), "the channel's third unit");
        assertEquals(3, fixture.ready(two.first()));
        assertEquals(4, fixture.ready(two.second()));

        channel.basicAck(fromA.get(0).deliveryTag(), false);

        // a is back under its own limit, b still at 1 of 2: either takes the freed unit, not both.
        Thread.sleep(QUIET_MILLIS);
        assertEquals(6, fixture.ready(two.first()) + fixture.ready(two.second()));
        assertEquals(2, two.a().waiting() + two.b().waiting());
    }

    @Test
    void aPerConsumerQosLiftsTheChannelLimit() throws Exception {
        // RabbitMQ's basic.qos with global=false clears the channel's limit (rabbit_channel
        // unlimits its limiter), so the order of the two calls matters.
        Channel channel = fixture.channel();
        channel.basicQos(3, true);
        channel.basicQos(2, false);

        TwoQueueConsumers two = TwoQueueConsumers.start(fixture, channel, "qos-order");

        two.a().next(2);
        two.b().next(2);
        Thread.sleep(QUIET_MILLIS);
        assertEquals(3, fixture.ready(two.first()));
        assertEquals(3, fixture.ready(two.second()));
    }

    @Test
    void basicGetIsNeitherHeldBackNorCounted() throws Exception {
        String queue = fixture.queue("global-get");
        String other = fixture.queue("global-get-other");
        fixture.publishNumbered(queue, 3);
        fixture.publishNumbered(other, 3);
        Channel channel = fixture.channel();
        channel.basicQos(1, true);
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, false, consumer);
        ReceivedMessage held = consumer.next();

        GetResponse got = channel.basicGet(other, false);

        assertNotNull(got, "basic.get is not limited by the channel's prefetch");
        assertEquals(2, fixture.ready(other));
        channel.basicAck(held.deliveryTag(), false);
        assertEquals("2", consumer.next().text());
    }

    @Test
    void liftingTheChannelLimitReleasesWaitingConsumers() throws Exception {
        String queue = fixture.queue("global-lift");
        fixture.publishNumbered(queue, 6);
        Channel channel = fixture.channel();
        channel.basicQos(2, true);
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, false, consumer);
        consumer.next(2);

        channel.basicQos(0, true);

        consumer.next(4);
        assertEquals(0, fixture.ready(queue));
    }

    @Test
    void aQuorumQueueRefusesAConsumerOnAChannelWithAGlobalLimit() throws Exception {
        String queue = UniqueNames.of("global-quorum");
        Channel admin = fixture.channel();
        admin.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
        try {
            Channel channel = fixture.channel();
            channel.basicQos(2, true);

            ProtocolError refused = ProtocolError.raisedBy(channel,
                    () -> channel.basicConsume(queue, false, new DeliveryRecorder(channel)));

            assertEquals(ProtocolError.connection(540, "NOT_IMPLEMENTED - queue '" + queue
                    + "' in vhost '/' does not support global qos"), refused);
        } finally {
            admin.queueDelete(queue);
        }
    }

    /** Acks each delivery as it arrives and keeps the consumer tags in arrival order. */
    private static final class AckingConsumer extends DefaultConsumer {
        private final BlockingQueue<String> tags = new LinkedBlockingQueue<>();

        AckingConsumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                   byte[] body) throws IOException {
            tags.add(consumerTag);
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }

        String nextTag() throws InterruptedException {
            String tag = tags.poll(10, TimeUnit.SECONDS);
            assertNotNull(tag, "no delivery within 10s");
            return tag;
        }
    }
}
