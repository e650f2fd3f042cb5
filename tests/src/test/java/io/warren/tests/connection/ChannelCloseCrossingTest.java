package io.warren.tests.connection;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.tests.hostile.CloseMethod;
import io.warren.tests.hostile.Frame;
import io.warren.tests.hostile.Methods;
import io.warren.tests.hostile.PayloadBuilder;
import io.warren.tests.hostile.RawAmqpSocket;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

import static io.warren.tests.hostile.Methods.BASIC;
import static io.warren.tests.hostile.Methods.CHANNEL;
import static io.warren.tests.hostile.Methods.QUEUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both peers close a channel at once (AMQP 0-9-1 section 2.2.4: each answers the other's
 * channel.close with close-ok): the broker closes the channel for an error while the client's own
 * channel.close is on its way. The broker answers the client's close with close-ok, ends the
 * channel when its own close is answered, and the connection stays open, as rabbit_channel does in
 * its closing state.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChannelCloseCrossingTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @Test
    void crossingChannelClosesLeaveTheConnectionOpen() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.openHandshaken(broker)) {
            raw.openChannel(1);

            // An ack of a tag never delivered makes the broker close the channel; the client's
            // channel.close is in the same write, so the broker reads it after sending its own.
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            frames.writeBytes(RawAmqpSocket.frameBytes(Frame.METHOD, 1, basicAck(99), Frame.FRAME_END));
            frames.writeBytes(RawAmqpSocket.frameBytes(Frame.METHOD, 1, Methods.channelClose(), Frame.FRAME_END));
            raw.write(frames.toByteArray());

            assertEquals(new CloseMethod(406, "PRECONDITION_FAILED - unknown delivery tag 99", BASIC, 80),
                    CloseMethod.parse(raw.readFrame()));
            raw.writeMethod(1, PayloadBuilder.method(CHANNEL, 41).build());
            Frame answer = raw.readFrame();
            assertTrue(answer.channel() == 1 && answer.isMethod(CHANNEL, 41), () -> "expected channel.close-ok, got "
                    + answer + (answer.isMethod(Methods.CONNECTION, 50) ? " " + parse(answer) : ""));

            // The channel is gone and its number free again; the connection still works.
            raw.openChannel(1);
            // exclusive, so that it goes with the connection
            raw.writeMethod(1, PayloadBuilder.method(QUEUE, 10).shortInt(0).shortString("").octet(4).emptyTable().build());
            Frame declareOk = raw.readFrame();
            assertTrue(declareOk.channel() == 1 && declareOk.isMethod(QUEUE, 11), () -> "got " + declareOk);
        }
    }

    @Test
    void aDoubleAckFollowedByChannelCloseLeavesTheConnectionOpen() throws Exception {
        try (Connection connection = broker.connect()) {
            Channel setup = connection.createChannel();
            String queue = setup.queueDeclare().getQueue();
            // Repeated, since whether the two closes cross depends on timing; each round that
            // crosses would have closed the connection.
            for (int round = 0; round < 20; round++) {
                setup.basicPublish("", queue, null, ("m" + round).getBytes());
                // A number of its own each round: after crossing closes the Java client frees the
                // number at once, and a new channel on it would take the broker's late close-ok.
                Channel ch = connection.createChannel(100 + round);
                GetResponse got = ch.basicGet(queue, false);
                assertNotNull(got, "round " + round + ": message not there");
                long tag = got.getEnvelope().getDeliveryTag();
                ch.basicAck(tag, false);
                ch.basicAck(tag, false);
                try {
                    ch.close();
                } catch (ShutdownSignalException closedByBroker) {
                    // The broker's channel.close came in before the client sent its own
                    // (AlreadyClosedException), or while it waited for its close-ok (crossed).
                    assertFalse(closedByBroker.isHardError(), () -> "connection error: " + closedByBroker);
                    assertEquals("PRECONDITION_FAILED - unknown delivery tag " + tag,
                            ((AMQP.Channel.Close) closedByBroker.getReason()).getReplyText());
                }
                assertTrue(connection.isOpen(), "round " + round + ": connection closed: "
                        + connection.getCloseReason());
            }
            // Still usable, and no channel error spilled over.
            Channel check = connection.createChannel();
            assertEquals(0, check.queueDeclarePassive(queue).getMessageCount());
            assertNull(connection.getCloseReason());
        }
    }

    private static byte[] basicAck(long tag) {
        return PayloadBuilder.method(BASIC, 80).longInt((int) (tag >>> 32)).longInt((int) tag).octet(0).build();
    }

    private static CloseMethod parse(Frame frame) {
        try {
            return CloseMethod.parse(frame);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
