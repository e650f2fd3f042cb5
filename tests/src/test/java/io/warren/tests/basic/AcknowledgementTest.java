package io.warren.tests.basic;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * basic.ack, basic.nack and basic.reject, single and multiple, with and without requeue. What is
 * left unacked is checked with basic.recover, which requeues exactly those messages.
 */
class AcknowledgementTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    @Test
    void singleAckSettlesOnlyThatMessage() throws Exception {
        String queue = fixture.queue("ack-single");
        fixture.publish(queue, "1", "2", "3");
        Channel channel = fixture.channel();
        List<ReceivedMessage> got = get(channel, queue, 3);

        channel.basicAck(got.get(1).deliveryTag(), false);

        assertEquals(List.of("1", "3"), UnackedMessages.recoverAndTake(channel, queue));
    }

    @Test
    void multipleAckSettlesEverythingUpToTheTag() throws Exception {
        String queue = fixture.queue("ack-multiple");
        fixture.publish(queue, "1", "2", "3", "4", "5");
        Channel channel = fixture.channel();
        List<ReceivedMessage> got = get(channel, queue, 5);

        channel.basicAck(got.get(2).deliveryTag(), true);

        assertEquals(List.of("4", "5"), UnackedMessages.recoverAndTake(channel, queue));
    }

    @Test
    void multipleAckWithTagZeroSettlesEverything() throws Exception {
        String queue = fixture.queue("ack-all");
        fixture.publish(queue, "1", "2", "3");
        Channel channel = fixture.channel();
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        String tag = channel.basicConsume(queue, false, consumer);
        consumer.next(3);

        channel.basicAck(0, true);
        channel.basicCancel(tag);

        assertEquals(List.of(), UnackedMessages.recoverAndTake(channel, queue));
    }

    @Test
    void rejectWithRequeuePutsTheMessageBackAtItsOriginalPlace() throws Exception {
        String queue = fixture.queue("reject-position");
        fixture.publish(queue, "1", "2", "3");
        Channel channel = fixture.channel();
        GetResponse first = channel.basicGet(queue, false);
        channel.basicGet(queue, false);

        channel.basicReject(first.getEnvelope().getDeliveryTag(), true);

        GetResponse again = channel.basicGet(queue, false);
        assertEquals("1", ReceivedMessage.of(again).text());
        assertTrue(again.getEnvelope().isRedeliver());
        assertEquals(1, again.getMessageCount(), "message 3 is still waiting behind it");
        GetResponse third = channel.basicGet(queue, false);
        assertEquals("3", ReceivedMessage.of(third).text());
        assertFalse(third.getEnvelope().isRedeliver());
    }

    @Test
    void rejectWithoutRequeueDropsTheMessage() throws Exception {
        String queue = fixture.queue("reject-drop");
        fixture.publish(queue, "1", "2");
        Channel channel = fixture.channel();
        List<ReceivedMessage> got = get(channel, queue, 2);

        channel.basicReject(got.get(0).deliveryTag(), false);

        assertEquals(List.of("2"), UnackedMessages.recoverAndTake(channel, queue));
    }

    @Test
    void multipleNackWithRequeueReturnsAllInOrder() throws Exception {
        String queue = fixture.queue("nack-multiple");
        fixture.publish(queue, "1", "2", "3", "4");
        Channel channel = fixture.channel();
        List<ReceivedMessage> got = get(channel, queue, 3);

        channel.basicNack(got.get(2).deliveryTag(), true, true);

        List<ReceivedMessage> again = get(channel, queue, 4);
        assertEquals(List.of("1", "2", "3", "4"), again.stream().map(ReceivedMessage::text).toList());
        assertEquals(List.of(true, true, true, false), again.stream().map(ReceivedMessage::redelivered).toList());
    }

    @Test
    void singleNackWithoutRequeueDropsOnlyThatMessage() throws Exception {
        String queue = fixture.queue("nack-single-drop");
        fixture.publish(queue, "1", "2");
        Channel channel = fixture.channel();
        List<ReceivedMessage> got = get(channel, queue, 2);

        channel.basicNack(got.get(0).deliveryTag(), false, false);

        assertEquals(List.of("2"), UnackedMessages.recoverAndTake(channel, queue));
    }

    @Test
    void unknownDeliveryTagClosesTheChannelWith406() throws Exception {
        Channel channel = fixture.channel();

        ProtocolError error = ProtocolError.raisedBy(channel, () -> channel.basicAck(42, false));

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - unknown delivery tag 42"), error);
    }

    @Test
    void ackingTwiceIsAnUnknownDeliveryTag() throws Exception {
        String queue = fixture.queue("ack-twice");
        fixture.publish(queue, "1");
        Channel channel = fixture.channel();
        long tag = channel.basicGet(queue, false).getEnvelope().getDeliveryTag();
        channel.basicAck(tag, false);

        ProtocolError error = ProtocolError.raisedBy(channel, () -> channel.basicAck(tag, false));

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - unknown delivery tag " + tag), error);
    }

    @Test
    void rejectOfAnUnknownTagIsAlsoRefused() throws Exception {
        Channel channel = fixture.channel();

        ProtocolError error = ProtocolError.raisedBy(channel, () -> channel.basicReject(7, true));

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - unknown delivery tag 7"), error);
    }

    @Test
    void ackingANoAckDeliveryIsAnUnknownDeliveryTag() throws Exception {
        String queue = fixture.queue("ack-no-ack");
        fixture.publish(queue, "1");
        Channel channel = fixture.channel();
        long tag = channel.basicGet(queue, true).getEnvelope().getDeliveryTag();

        ProtocolError error = ProtocolError.raisedBy(channel, () -> channel.basicAck(tag, false));

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - unknown delivery tag " + tag), error);
    }

    @Test
    void deliveryTagsAreCountedPerChannel() throws Exception {
        String queue = fixture.queue("tags-per-channel");
        fixture.publish(queue, "1", "2");
        Channel one = fixture.channel();
        Channel two = one.getConnection().createChannel();

        assertEquals(1, one.basicGet(queue, false).getEnvelope().getDeliveryTag());
        assertEquals(1, two.basicGet(queue, false).getEnvelope().getDeliveryTag());
    }

    private static List<ReceivedMessage> get(Channel channel, String queue, int count) throws IOException {
        List<ReceivedMessage> got = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            got.add(ReceivedMessage.of(channel.basicGet(queue, false)));
        }
        return got;
    }
}
