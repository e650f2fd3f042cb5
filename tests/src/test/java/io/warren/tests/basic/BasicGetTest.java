package io.warren.tests.basic;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** basic.get: get-ok with the count of messages left, get-empty, and no-ack gets. */
class BasicGetTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    @Test
    void getOkCarriesTheNumberOfMessagesStillReady() throws Exception {
        String queue = fixture.queue("get-counts");
        fixture.publish(queue, "1", "2", "3");
        Channel channel = fixture.channel();

        GetResponse first = channel.basicGet(queue, false);
        GetResponse second = channel.basicGet(queue, false);
        GetResponse third = channel.basicGet(queue, false);

        assertEquals(2, first.getMessageCount());
        assertEquals(1, second.getMessageCount());
        assertEquals(0, third.getMessageCount());
        assertEquals("1", body(first));
        assertEquals("2", body(second));
        assertEquals("3", body(third));
        assertEquals(1, first.getEnvelope().getDeliveryTag());
        assertEquals(3, third.getEnvelope().getDeliveryTag());
        assertFalse(first.getEnvelope().isRedeliver());
        assertEquals("", first.getEnvelope().getExchange());
        assertEquals(queue, first.getEnvelope().getRoutingKey());
    }

    @Test
    void emptyQueueAnswersGetEmpty() throws Exception {
        String queue = fixture.queue("get-empty");
        Channel channel = fixture.channel();

        assertNull(channel.basicGet(queue, false));
        assertNull(channel.basicGet(queue, true));
    }

    @Test
    void unackedGetsAreNotCountedAsReady() throws Exception {
        String queue = fixture.queue("get-unacked");
        fixture.publish(queue, "1", "2");
        Channel channel = fixture.channel();

        channel.basicGet(queue, false);
        GetResponse second = channel.basicGet(queue, false);

        assertEquals(0, second.getMessageCount());
        assertNull(channel.basicGet(queue, false));
        assertEquals(0, fixture.ready(queue));
    }

    @Test
    void noAckGetRemovesTheMessageForGood() throws Exception {
        String queue = fixture.queue("get-no-ack");
        fixture.publish(queue, "only");
        Channel channel = fixture.channel();

        GetResponse response = channel.basicGet(queue, true);

        assertNotNull(response);
        assertEquals("only", body(response));
        assertEquals(0, response.getMessageCount());
        assertEquals(List.of(), UnackedMessages.recoverAndTake(channel, queue));
    }

    @Test
    void getFromAMissingQueueIs404() {
        Channel channel = fixture.channel();
        String missing = UniqueNames.of("missing-queue");

        ProtocolError error = ProtocolError.raisedBy(channel, () -> channel.basicGet(missing, true));

        assertEquals(ProtocolError.channel(404, "NOT_FOUND - no queue '" + missing + "' in vhost '/'"), error);
    }

    @Test
    void getAndConsumeShareTheChannelsDeliveryTags() throws Exception {
        String queue = fixture.queue("get-tags");
        String other = fixture.queue("get-tags-consumed");
        fixture.publish(queue, "got");
        Channel channel = fixture.channel();
        assertEquals(1, channel.basicGet(queue, false).getEnvelope().getDeliveryTag());
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(other, false, consumer);

        fixture.publish(other, "pushed");

        assertEquals(2, consumer.next().deliveryTag());
    }

    private static String body(GetResponse response) {
        return new String(response.getBody(), StandardCharsets.UTF_8);
    }
}
