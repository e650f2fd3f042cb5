package io.warren.tests.basic;

import com.rabbitmq.client.Channel;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * basic.consume: consumer tags, no-ack and exclusive consumers, consumer arguments, and the
 * consumes RabbitMQ refuses.
 */
class BasicConsumeTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    @Test
    void brokerGeneratesDistinctAmqCtagTags() throws Exception {
        Channel channel = fixture.channel();
        String queue = fixture.queue("generated-tags");
        DeliveryRecorder first = new DeliveryRecorder(channel);
        DeliveryRecorder second = new DeliveryRecorder(channel);

        String firstTag = channel.basicConsume(queue, false, "", first);
        String secondTag = channel.basicConsume(queue, false, "", second);

        assertTrue(firstTag.startsWith("amq.ctag-") && firstTag.length() > "amq.ctag-".length(), firstTag);
        assertTrue(secondTag.startsWith("amq.ctag-"), secondTag);
        assertNotEquals(firstTag, secondTag);
        assertEquals(firstTag, first.consumeOkTag());
        assertEquals(2, fixture.consumers(queue));
    }

    @Test
    void clientChosenTagIsEchoedAndUsedOnDeliveries() throws Exception {
        Channel channel = fixture.channel();
        String queue = fixture.queue("client-tag");
        DeliveryRecorder consumer = new DeliveryRecorder(channel);

        String tag = channel.basicConsume(queue, false, "my-consumer", consumer);
        fixture.publish(queue, "hello");

        assertEquals("my-consumer", tag);
        assertEquals("my-consumer", consumer.consumeOkTag());
        ReceivedMessage delivery = consumer.next();
        assertEquals("my-consumer", delivery.consumerTag());
        assertEquals("hello", delivery.text());
        assertEquals(1, delivery.deliveryTag());
        assertFalse(delivery.redelivered());
        assertEquals("", delivery.envelope().getExchange());
        assertEquals(queue, delivery.envelope().getRoutingKey());
    }

    @Test
    void reusingATagOnTheSameChannelIsAConnectionError() throws Exception {
        Channel channel = fixture.channel();
        String queue = fixture.queue("duplicate-tag");
        String other = fixture.queue("duplicate-tag-other");
        channel.basicConsume(queue, true, "taken", new DeliveryRecorder(channel));

        ProtocolError error = ProtocolError.raisedBy(channel,
                () -> channel.basicConsume(other, true, "taken", new DeliveryRecorder(channel)));

        assertEquals(ProtocolError.connection(530, "NOT_ALLOWED - attempt to reuse consumer tag 'taken'"), error);
    }

    @Test
    void theSameTagOnAnotherChannelIsAllowed() throws Exception {
        String queue = fixture.queue("same-tag-two-channels");
        Channel first = fixture.channel();
        Channel second = first.getConnection().createChannel();

        first.basicConsume(queue, true, "shared-tag", new DeliveryRecorder(first));
        second.basicConsume(queue, true, "shared-tag", new DeliveryRecorder(second));

        assertEquals(2, fixture.consumers(queue));
    }

    @Test
    void noAckConsumerLeavesNothingUnacked() throws Exception {
        Channel channel = fixture.channel();
        String queue = fixture.queue("no-ack");
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        String tag = channel.basicConsume(queue, true, consumer);

        fixture.publish(queue, "a", "b");

        assertEquals(List.of("a", "b"), consumer.nextBodies(2));
        channel.basicCancel(tag);
        assertEquals(List.of(), UnackedMessages.recoverAndTake(channel, queue));
    }

    @Test
    void consumingFromAMissingQueueIs404() {
        Channel channel = fixture.channel();
        String missing = UniqueNames.of("missing-queue");

        ProtocolError error = ProtocolError.raisedBy(channel,
                () -> channel.basicConsume(missing, true, new DeliveryRecorder(channel)));

        assertEquals(ProtocolError.channel(404, "NOT_FOUND - no queue '" + missing + "' in vhost '/'"), error);
    }

    static Stream<Arguments> priorityArgumentsThatAreNotIntegers() {
        return Stream.of(
                arguments(null, "void"),
                arguments("10", "longstr"),
                arguments(1.5f, "float"),
                arguments(true, "bool"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("priorityArgumentsThatAreNotIntegers")
    void aConsumerPriorityThatIsNotAnIntegerClosesTheChannel(Object priority, String type) {
        String queue = fixture.queue("bad-priority");
        Channel channel = fixture.channel();
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-priority", priority);

        ProtocolError error = ProtocolError.raisedBy(channel,
                () -> channel.basicConsume(queue, true, "", false, false, arguments, new DeliveryRecorder(channel)));

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - invalid arg 'x-priority' for queue '" + queue
                + "' in vhost '/': \"expected integer, got " + type + "\""), error);
        assertEquals(0, fixture.consumers(queue));
    }

    @Test
    void exclusiveConsumerShutsOutOtherConsumers() throws Exception {
        String queue = fixture.queue("exclusive-consumer");
        Channel owner = fixture.channel();
        DeliveryRecorder exclusive = new DeliveryRecorder(owner);
        owner.basicConsume(queue, false, "owner", false, true, Map.of(), exclusive);
        Channel intruder = fixture.channel();

        ProtocolError error = ProtocolError.raisedBy(intruder,
                () -> intruder.basicConsume(queue, false, new DeliveryRecorder(intruder)));

        assertEquals(ProtocolError.channel(403,
                "ACCESS_REFUSED - queue '" + queue + "' in vhost '/' in exclusive use"), error);
        fixture.publish(queue, "only-for-owner");
        assertEquals("only-for-owner", exclusive.next().text());
    }

    @Test
    void exclusiveConsumeOnAQueueThatHasConsumersIsRefused() throws Exception {
        String queue = fixture.queue("exclusive-late");
        Channel first = fixture.channel();
        first.basicConsume(queue, false, new DeliveryRecorder(first));
        Channel late = fixture.channel();

        ProtocolError error = ProtocolError.raisedBy(late,
                () -> late.basicConsume(queue, false, "late", false, true, Map.of(), new DeliveryRecorder(late)));

        assertEquals(ProtocolError.channel(403,
                "ACCESS_REFUSED - queue '" + queue + "' in vhost '/' in exclusive use"), error);
        assertEquals(1, fixture.consumers(queue));
    }

    @Test
    void exclusiveConsumerReleasesTheQueueWhenCancelled() throws Exception {
        String queue = fixture.queue("exclusive-released");
        Channel owner = fixture.channel();
        owner.basicConsume(queue, false, "owner", false, true, Map.of(), new DeliveryRecorder(owner));
        owner.basicCancel("owner");
        Channel next = fixture.channel();

        next.basicConsume(queue, false, new DeliveryRecorder(next));

        assertEquals(1, fixture.consumers(queue));
    }
}
