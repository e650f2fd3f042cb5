package io.warren.tests.basic;

import com.rabbitmq.client.Channel;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tx.select, tx.commit and tx.rollback over publishes and acks. */
class TransactionTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    @Test
    void publishesAreInvisibleUntilCommit() throws Exception {
        String queue = fixture.queue("tx-commit");
        Channel channel = fixture.channel();
        channel.txSelect();

        publish(channel, queue, "1");
        publish(channel, queue, "2");
        assertEquals(0, fixture.ready(queue));
        channel.txCommit();

        assertEquals(List.of("1", "2"), fixture.drain(queue));
    }

    @Test
    void rollbackDiscardsPublishes() throws Exception {
        String queue = fixture.queue("tx-rollback");
        Channel channel = fixture.channel();
        channel.txSelect();

        publish(channel, queue, "discarded");
        channel.txRollback();
        channel.txCommit();

        assertEquals(0, fixture.ready(queue));
    }

    @Test
    void eachCommitPublishesOnlyItsOwnWork() throws Exception {
        String queue = fixture.queue("tx-several");
        Channel channel = fixture.channel();
        channel.txSelect();

        publish(channel, queue, "a");
        channel.txCommit();
        publish(channel, queue, "b");
        channel.txCommit();
        publish(channel, queue, "c");
        channel.txRollback();
        publish(channel, queue, "d");
        channel.txCommit();
        channel.txCommit();

        assertEquals(List.of("a", "b", "d"), fixture.drain(queue));
    }

    @Test
    void rolledBackAcksLeaveTheMessagesUnacked() throws Exception {
        String queue = fixture.queue("tx-ack-rollback");
        fixture.publish(queue, "1", "2");
        Channel channel = fixture.channel();
        channel.txSelect();
        long first = channel.basicGet(queue, false).getEnvelope().getDeliveryTag();
        long second = channel.basicGet(queue, false).getEnvelope().getDeliveryTag();

        channel.basicAck(first, false);
        channel.txRollback();
        channel.basicAck(second, false);
        channel.txCommit();
        channel.close();

        // The rolled-back ack did not count, so message 1 was still unacked when the channel closed.
        fixture.awaitReady(queue, 1);
        assertEquals(List.of("1"), fixture.drain(queue));
    }

    @Test
    void committedAcksSettleTheMessages() throws Exception {
        String queue = fixture.queue("tx-ack-commit");
        fixture.publish(queue, "1", "2");
        Channel channel = fixture.channel();
        channel.txSelect();
        channel.basicGet(queue, false);
        long last = channel.basicGet(queue, false).getEnvelope().getDeliveryTag();

        channel.basicAck(last, true);
        channel.txCommit();

        assertEquals(List.of(), UnackedMessages.recoverAndTake(channel, queue));
    }

    @Test
    void ackedButUncommittedMessagesAreRequeuedWhenTheChannelCloses() throws Exception {
        String queue = fixture.queue("tx-ack-pending");
        fixture.publish(queue, "1");
        Channel channel = fixture.channel();
        channel.txSelect();
        channel.basicAck(channel.basicGet(queue, false).getEnvelope().getDeliveryTag(), false);

        channel.close();

        fixture.awaitReady(queue, 1);
    }

    @Test
    void commitWithoutSelectIs406() {
        Channel channel = fixture.channel();

        ProtocolError error = ProtocolError.raisedBy(channel, channel::txCommit);

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - channel is not transactional"), error);
    }

    @Test
    void rollbackWithoutSelectIs406() {
        Channel channel = fixture.channel();

        ProtocolError error = ProtocolError.raisedBy(channel, channel::txRollback);

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - channel is not transactional"), error);
    }

    @Test
    void selectingTwiceIsAllowed() throws Exception {
        Channel channel = fixture.channel();

        channel.txSelect();
        channel.txSelect();

        assertTrue(channel.isOpen());
    }

    private static void publish(Channel channel, String queue, String body) throws Exception {
        channel.basicPublish("", queue, null, body.getBytes(StandardCharsets.UTF_8));
    }
}
