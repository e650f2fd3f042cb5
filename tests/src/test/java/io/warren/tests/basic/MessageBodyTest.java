package io.warren.tests.basic;

import com.rabbitmq.client.Channel;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies of every size that matters to framing arrive byte for byte, by push and by get. A body
 * frame carries at most frame-max minus 8 bytes (7 of header, 1 frame-end), so the sizes sit on
 * and just past those boundaries.
 */
class MessageBodyTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    /** A body size, as a function of the negotiated frame-max. */
    enum BodySize {
        EMPTY(frameMax -> 0),
        ONE_BYTE(frameMax -> 1),
        ONE_FULL_FRAME(frameMax -> frameMax - 8),
        ONE_FULL_FRAME_PLUS_ONE(frameMax -> frameMax - 7),
        THREE_FRAME_MAX_PLUS_ONE(frameMax -> frameMax * 3 + 1),
        FOUR_MIB(frameMax -> 4 * 1024 * 1024 + 3);

        private final IntUnaryOperator bytes;

        BodySize(IntUnaryOperator bytes) {
            this.bytes = bytes;
        }

        int bytes(int frameMax) {
            return bytes.applyAsInt(frameMax);
        }
    }

    @ParameterizedTest
    @EnumSource(BodySize.class)
    void bodyArrivesIntactThroughAConsumer(BodySize size) throws Exception {
        Channel channel = fixture.channel();
        String queue = fixture.queue("body-push");
        byte[] body = patterned(size.bytes(channel.getConnection().getFrameMax()));
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, true, consumer);

        channel.basicPublish("", queue, null, body);

        assertArrayEquals(body, consumer.next().body());
    }

    @ParameterizedTest
    @EnumSource(BodySize.class)
    void bodyArrivesIntactThroughGet(BodySize size) throws Exception {
        Channel channel = fixture.channel();
        int frameMax = channel.getConnection().getFrameMax();
        assertTrue(frameMax >= 4096, "frame-max " + frameMax);
        String queue = fixture.queue("body-get");
        byte[] body = patterned(size.bytes(frameMax));
        channel.confirmSelect();

        channel.basicPublish("", queue, null, body);
        channel.waitForConfirmsOrDie(10_000);

        ReceivedMessage received = ReceivedMessage.of(channel.basicGet(queue, true));
        assertEquals(body.length, received.body().length);
        assertArrayEquals(body, received.body());
    }

    /** Bytes that differ from their neighbours, so a lost, repeated or shifted chunk shows. */
    private static byte[] patterned(int length) {
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) (i * 31 + (i >>> 8) * 7);
        }
        return body;
    }
}
