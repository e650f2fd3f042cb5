package io.warren.tests.basic;

import com.rabbitmq.client.Channel;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * basic.qos with RabbitMQ's meaning: global=false limits each consumer created afterwards on the
 * channel, global=true limits all the channel's consumers together, and 0 means no limit.
 * The queue's ready count shows exactly how many messages the broker handed out.
 */
class PrefetchTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = {1, 3, 10})
    void withoutAcksExactlyPrefetchMessagesArrive(int prefetch) throws Exception {
        String queue = fixture.queue("prefetch-" + prefetch);
        fixture.publishNumbered(queue, prefetch + 5);
        Channel channel = fixture.channel();
        channel.basicQos(prefetch);
        DeliveryRecorder consumer = new DeliveryRecorder(channel);

        channel.basicConsume(queue, false, consumer);

        consumer.next(prefetch);
        assertEquals(5, fixture.ready(queue));
        assertEquals(0, consumer.waiting());
    }

    @Test
    void eachAckLetsOneMoreMessageThrough() throws Exception {
        String queue = fixture.queue("prefetch-ack");
        fixture.publish(queue, "1", "2", "3", "4");
        Channel channel = fixture.channel();
        channel.basicQos(2);
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, false, consumer);
        List<ReceivedMessage> window = consumer.next(2);

        channel.basicAck(window.get(0).deliveryTag(), false);

        assertEquals("3", consumer.next().text());
        assertEquals(1, fixture.ready(queue));
    }

    @Test
    void perConsumerLimitAppliesToEveryConsumerOnTheChannel() throws Exception {
        Channel channel = fixture.channel();
        channel.basicQos(2, false);

        TwoQueueConsumers two = TwoQueueConsumers.start(fixture, channel, "per-consumer");

        two.a().next(2);
        two.b().next(2);
        assertEquals(3, fixture.ready(two.first()));
        assertEquals(3, fixture.ready(two.second()));
    }

    @Test
    void globalLimitIsSharedByTheChannelsConsumers() throws Exception {
        String first = fixture.queue("global-a");
        String second = fixture.queue("global-b");
        fixture.publishNumbered(first, 5);
        fixture.publishNumbered(second, 5);
        Channel channel = fixture.channel();
        channel.basicQos(3, true);
        DeliveryRecorder both = new DeliveryRecorder(channel);

        channel.basicConsume(first, false, both);
        channel.basicConsume(second, false, both);

        // How the three are split between the queues is up to the broker; the total is not.
        both.next(3);
        assertEquals(7, fixture.ready(first) + fixture.ready(second));
        assertEquals(0, both.waiting());
    }

    @Test
    void zeroPrefetchMeansUnlimited() throws Exception {
        String queue = fixture.queue("prefetch-zero");
        fixture.publishNumbered(queue, 20);
        Channel channel = fixture.channel();
        channel.basicQos(0);
        DeliveryRecorder consumer = new DeliveryRecorder(channel);

        channel.basicConsume(queue, false, consumer);

        consumer.next(20);
        assertEquals(0, fixture.ready(queue));
    }

    @Test
    void raisingThePerConsumerLimitLeavesExistingConsumersAlone() throws Exception {
        String queue = fixture.queue("qos-change-existing");
        String later = fixture.queue("qos-change-new");
        fixture.publishNumbered(queue, 6);
        fixture.publishNumbered(later, 6);
        Channel channel = fixture.channel();
        channel.basicQos(1);
        DeliveryRecorder existing = new DeliveryRecorder(channel);
        channel.basicConsume(queue, false, existing);
        existing.next(1);

        channel.basicQos(3);
        DeliveryRecorder created = new DeliveryRecorder(channel);
        channel.basicConsume(later, false, created);

        created.next(3);
        assertEquals(3, fixture.ready(later));
        assertEquals(5, fixture.ready(queue));
        channel.basicAck(1, false);
        existing.next(1);
        assertEquals(4, fixture.ready(queue));
    }

    @Test
    void raisingTheGlobalLimitReleasesMoreToExistingConsumers() throws Exception {
        String queue = fixture.queue("global-change");
        fixture.publishNumbered(queue, 6);
        Channel channel = fixture.channel();
        channel.basicQos(1, true);
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, false, consumer);
        consumer.next(1);

        channel.basicQos(4, true);

        consumer.next(3);
        assertEquals(2, fixture.ready(queue));
    }
}
