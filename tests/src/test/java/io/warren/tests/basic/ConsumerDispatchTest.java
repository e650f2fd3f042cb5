package io.warren.tests.basic;

import com.rabbitmq.client.Channel;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which consumer of a queue gets each message: round robin, and x-priority. */
class ConsumerDispatchTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    @Test
    void consumersOfOneQueueTakeTurns() throws Exception {
        String queue = fixture.queue("round-robin");
        Channel channel = fixture.channel();
        DeliveryRecorder first = new DeliveryRecorder(channel);
        DeliveryRecorder second = new DeliveryRecorder(channel);
        DeliveryRecorder third = new DeliveryRecorder(channel);
        channel.basicConsume(queue, true, first);
        channel.basicConsume(queue, true, second);
        channel.basicConsume(queue, true, third);

        fixture.publish(queue, "1", "2", "3", "4", "5", "6");

        assertEquals(List.of("1", "4"), first.nextBodies(2));
        assertEquals(List.of("2", "5"), second.nextBodies(2));
        assertEquals(List.of("3", "6"), third.nextBodies(2));
    }

    @Test
    void consumersOnDifferentConnectionsTakeTurns() throws Exception {
        String queue = fixture.queue("round-robin-connections");
        Channel one = fixture.channel();
        Channel two = fixture.channel();
        DeliveryRecorder first = new DeliveryRecorder(one);
        DeliveryRecorder second = new DeliveryRecorder(two);
        one.basicConsume(queue, true, first);
        two.basicConsume(queue, true, second);

        fixture.publish(queue, "1", "2", "3", "4");

        assertEquals(List.of("1", "3"), first.nextBodies(2));
        assertEquals(List.of("2", "4"), second.nextBodies(2));
    }

    @Test
    void higherPriorityConsumerGetsMessagesWhileItHasCredit() throws Exception {
        String queue = fixture.queue("consumer-priority");
        Channel lowChannel = fixture.channel();
        Channel highChannel = fixture.channel();
        lowChannel.basicQos(2);
        highChannel.basicQos(2);
        DeliveryRecorder low = new DeliveryRecorder(lowChannel);
        DeliveryRecorder high = new DeliveryRecorder(highChannel);
        // The low one subscribes first, so arrival order alone would favour it.
        lowChannel.basicConsume(queue, false, "low", false, false, Map.of("x-priority", 1), low);
        highChannel.basicConsume(queue, false, "high", false, false, Map.of("x-priority", 10), high);

        fixture.publish(queue, "1", "2", "3", "4", "5");

        assertEquals(List.of("1", "2"), high.nextBodies(2));
        assertEquals(List.of("3", "4"), low.nextBodies(2));
        assertEquals(1, fixture.ready(queue), "both consumers are out of credit");

        highChannel.basicAck(0, true);

        assertEquals(List.of("5"), high.nextBodies(1));
    }

    @Test
    void consumersOfEqualPriorityStillTakeTurns() throws Exception {
        String queue = fixture.queue("equal-priority");
        Channel channel = fixture.channel();
        DeliveryRecorder background = new DeliveryRecorder(channel);
        DeliveryRecorder first = new DeliveryRecorder(channel);
        DeliveryRecorder second = new DeliveryRecorder(channel);
        channel.basicConsume(queue, true, "background", false, false, Map.of("x-priority", -5), background);
        channel.basicConsume(queue, true, "first", false, false, Map.of("x-priority", 3), first);
        channel.basicConsume(queue, true, "second", false, false, Map.of("x-priority", 3), second);

        fixture.publish(queue, "1", "2", "3", "4");

        assertEquals(List.of("1", "3"), first.nextBodies(2));
        assertEquals(List.of("2", "4"), second.nextBodies(2));
        assertEquals(0, background.waiting(), "the low-priority consumer never had a turn");
    }
}
