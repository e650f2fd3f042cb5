package io.warren.tests.hostile;

import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import static io.warren.tests.hostile.Methods.BASIC;
import static io.warren.tests.hostile.Methods.CHANNEL;
import static io.warren.tests.hostile.Methods.QUEUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Frames that break the framing rules of spec section 4.2.3, sent after a correct handshake. Each
 * comment gives RabbitMQ 3.10's answer. After a fatal frame error RabbitMQ waits three seconds
 * before closing the socket, so these tests stop at the connection.close.
 */
class FrameErrorTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private Bystander bystander;

    @BeforeEach
    void connectBystander() throws Exception {
        bystander = Bystander.connect(broker);
    }

    @AfterEach
    void closeBystander() {
        bystander.close();
    }

    static Stream<Arguments> frameErrors() {
        return Stream.of(
                // connection.close 501 "FRAME_ERROR - type 1, all octets = <<>>: {frame_too_large,131073,131064}"
                arguments("frame larger than frame-max",
                        attack(raw -> raw.write(Arrays.copyOf(
                                RawAmqpSocket.frameBytes(Frame.METHOD, 1, new byte[raw.frameMax() + 1], Frame.FRAME_END), 7))),
                        (Expected) raw -> new CloseMethod(501, "FRAME_ERROR - type 1, all octets = <<>>: {frame_too_large,"
                                + (raw.frameMax() + 1) + "," + (raw.frameMax() - 8) + "}", 0, 0)),
                // connection.close 501 "FRAME_ERROR - type 1, all octets = <<0,20,0,10,0>>: {invalid_frame_end_marker,0}"
                arguments("bad frame-end octet",
                        attack(raw -> raw.writeFrame(Frame.METHOD, 2, Methods.channelOpen(), 0)),
                        expect(501, "FRAME_ERROR - type 1, all octets = <<0,20,0,10,0>>: {invalid_frame_end_marker,0}", 0, 0)),
                // connection.close 501 "FRAME_ERROR - type 9, all octets = <<1,2,3>>: unknown_frame"
                arguments("unknown frame type",
                        attack(raw -> raw.writeFrame(9, 1, new byte[]{1, 2, 3})),
                        expect(501, "FRAME_ERROR - type 9, all octets = <<1,2,3>>: unknown_frame", 0, 0)),
                // connection.close 501 "FRAME_ERROR - type 1, all octets = <<0,20>>: unknown_frame"
                arguments("method frame without a method id",
                        attack(raw -> raw.writeFrame(Frame.METHOD, 1, new byte[]{0, CHANNEL})),
                        expect(501, "FRAME_ERROR - type 1, all octets = <<0,20>>: unknown_frame", 0, 0)),
                // connection.close 501 "FRAME_ERROR - cannot decode <<0,0>>", failing method queue.declare
                arguments("method arguments cut short",
                        attack(raw -> raw.writeMethod(1, PayloadBuilder.method(QUEUE, 10).shortInt(0).build())),
                        expect(501, "FRAME_ERROR - cannot decode <<0,0>>", QUEUE, 10)),
                // connection.close 501 "FRAME_ERROR - type 2, all octets = <<0,60>>: unknown_frame"
                arguments("content header cut short",
                        attack(raw -> {
                            raw.writeMethod(1, Methods.basicPublish("", "nowhere"));
                            raw.writeFrame(Frame.HEADER, 1, new byte[]{0, BASIC});
                        }),
                        expect(501, "FRAME_ERROR - type 2, all octets = <<0,60>>: unknown_frame", 0, 0)),
                // connection.close 505 "UNEXPECTED_FRAME - type 8, all octets = <<>>"
                arguments("heartbeat on a channel other than 0",
                        attack(raw -> raw.writeFrame(Frame.HEARTBEAT, 1, new byte[0])),
                        expect(505, "UNEXPECTED_FRAME - type 8, all octets = <<>>", 0, 0)),
                // connection.close 505 "UNEXPECTED_FRAME - type 3, all octets = <<0,0,0>>"
                arguments("body frame on channel 0",
                        attack(raw -> raw.writeFrame(Frame.BODY, 0, new byte[3])),
                        expect(505, "UNEXPECTED_FRAME - type 3, all octets = <<0,0,0>>", 0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frameErrors")
    void frameErrorClosesTheConnection(String description, Attack attack, Expected expected) throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.openHandshaken(broker)) {
            raw.openChannel(1);

            attack.perform(raw);

            assertEquals(expected.close(raw), raw.awaitConnectionClose());
        }
        bystander.assertStillPublishesAndConsumes();
    }

    @Test
    void truncatedFrameFollowedByEndOfInputIsDroppedSilently() throws Exception {
        // RabbitMQ closes the socket without a word.
        try (RawAmqpSocket raw = RawAmqpSocket.openHandshaken(broker)) {
            byte[] frame = RawAmqpSocket.frameBytes(Frame.METHOD, 1, Methods.channelOpen(), Frame.FRAME_END);
            raw.write(Arrays.copyOf(frame, 6));

            raw.shutdownOutput();

            assertTrue(raw.closedByPeerWithoutData(), "broker kept the connection or sent something");
        }
        bystander.assertStillPublishesAndConsumes();
    }

    static Stream<Arguments> unknownMethods() {
        return Stream.of(
                arguments("unknown class id", 1, PayloadBuilder.method(99, 10).build()),
                arguments("unknown method id", 1, PayloadBuilder.method(QUEUE, 99).build()),
                arguments("unknown connection method id", 0, PayloadBuilder.method(Methods.CONNECTION, 99).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownMethods")
    void unknownMethodEndsTheConnection(String description, int channel, byte[] method) throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.openHandshaken(broker)) {
            raw.openChannel(1);

            raw.writeMethod(channel, method);

            // RabbitMQ 3.10 fails to look the method up, its connection process exits, and the socket
            // is reset without a connection.close. A broker that explains itself first must use a
            // connection-level code for a method it cannot even parse.
            Optional<CloseMethod> close = raw.awaitConnectionCloseOrDrop();
            close.ifPresent(c -> assertTrue(c.replyCode() == 503 || c.replyCode() == 540, c::toString));
        }
        bystander.assertStillPublishesAndConsumes();
    }

    private static Attack attack(Attack attack) {
        return attack;
    }

    private static Expected expect(int code, String text, int classId, int methodId) {
        return raw -> new CloseMethod(code, text, classId, methodId);
    }

    /** The connection.close expected, which may depend on the tuning of the connection. */
    @FunctionalInterface
    interface Expected {
        CloseMethod close(RawAmqpSocket raw);
    }
}
