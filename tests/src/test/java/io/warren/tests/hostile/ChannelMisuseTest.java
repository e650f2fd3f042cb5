package io.warren.tests.hostile;

import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.warren.tests.hostile.Methods.BASIC;
import static io.warren.tests.hostile.Methods.CHANNEL;
import static io.warren.tests.hostile.Methods.CONNECTION;
import static io.warren.tests.hostile.Methods.QUEUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Well-formed frames in the wrong place: content without a publish, methods on channels that are
 * not open, a second channel.open. Each is a connection error; the reply RabbitMQ 3.10 sends is
 * the expected value of each case.
 */
class ChannelMisuseTest {
    private static final String EXPECTED_METHOD = "UNEXPECTED_FRAME - expected method frame, got non method frame instead";

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

    static Stream<Arguments> misuses() {
        return Stream.of(
                arguments("content header with no publish",
                        attack(raw -> raw.writeFrame(Frame.HEADER, 1, Methods.contentHeader(BASIC, 3))),
                        new CloseMethod(505, EXPECTED_METHOD, 0, 0)),
                arguments("body with no publish",
                        attack(raw -> raw.writeFrame(Frame.BODY, 1, new byte[]{1, 2, 3})),
                        new CloseMethod(505, EXPECTED_METHOD, 0, 0)),
                arguments("body on a channel that was never opened",
                        attack(raw -> raw.writeFrame(Frame.BODY, 5, new byte[]{1, 2, 3})),
                        new CloseMethod(505, EXPECTED_METHOD, 0, 0)),
                arguments("content header on a channel that was never opened",
                        attack(raw -> raw.writeFrame(Frame.HEADER, 5, Methods.contentHeader(BASIC, 3))),
                        new CloseMethod(505, EXPECTED_METHOD, 0, 0)),
                arguments("body on another channel than its publish",
                        attack(raw -> {
                            raw.openChannel(2);
                            raw.writeMethod(1, Methods.basicPublish("", "nowhere"));
                            raw.writeFrame(Frame.HEADER, 1, Methods.contentHeader(BASIC, 3));
                            raw.writeFrame(Frame.BODY, 2, new byte[3]);
                        }),
                        new CloseMethod(505, EXPECTED_METHOD, 0, 0)),
                arguments("content header of another class after basic.publish",
                        attack(raw -> {
                            raw.writeMethod(1, Methods.basicPublish("", "nowhere"));
                            raw.writeFrame(Frame.HEADER, 1, Methods.contentHeader(QUEUE, 3));
                        }),
                        new CloseMethod(505, "UNEXPECTED_FRAME - expected content header for class 60, got one for"
                                + " class 50 instead", BASIC, 40)),
                arguments("method where the content header belongs",
                        attack(raw -> {
                            raw.writeMethod(1, Methods.basicPublish("", "nowhere"));
                            raw.writeMethod(1, Methods.basicPublish("", "nowhere"));
                        }),
                        new CloseMethod(505, "UNEXPECTED_FRAME - expected content header for class 60, got non content"
                                + " header frame instead", BASIC, 40)),
                arguments("method where the body belongs",
                        attack(raw -> {
                            raw.writeMethod(1, Methods.basicPublish("", "nowhere"));
                            raw.writeFrame(Frame.HEADER, 1, Methods.contentHeader(BASIC, 3));
                            raw.writeMethod(1, Methods.queueDeclare());
                        }),
                        new CloseMethod(505, "UNEXPECTED_FRAME - expected content body, got non content body frame"
                                + " instead", BASIC, 40)),
                arguments("method on a channel that was never opened",
                        attack(raw -> raw.writeMethod(5, Methods.queueDeclare())),
                        new CloseMethod(504, "CHANNEL_ERROR - expected 'channel.open'", QUEUE, 10)),
                arguments("second channel.open on an open channel",
                        attack(raw -> raw.writeMethod(1, Methods.channelOpen())),
                        new CloseMethod(504, "CHANNEL_ERROR - second 'channel.open' seen", CHANNEL, 10)),
                arguments("channel.open on channel 0",
                        attack(raw -> raw.writeMethod(0, Methods.channelOpen())),
                        new CloseMethod(504, "CHANNEL_ERROR - unexpected method in connection state running", CHANNEL, 10)),
                arguments("basic.publish on channel 0",
                        attack(raw -> raw.writeMethod(0, Methods.basicPublish("", "nowhere"))),
                        new CloseMethod(504, "CHANNEL_ERROR - unexpected method in connection state running", BASIC, 40)),
                arguments("connection.tune-ok after the handshake",
                        attack(raw -> raw.writeMethod(0, PayloadBuilder.method(CONNECTION, 31)
                                .shortInt(0).longInt(raw.frameMax()).shortInt(0).build())),
                        new CloseMethod(504, "CHANNEL_ERROR - unexpected method in connection state running", CONNECTION, 31)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuses")
    void misplacedFrameClosesTheConnection(String description, Attack attack, CloseMethod expected) throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.openHandshaken(broker)) {
            raw.openChannel(1);

            attack.perform(raw);

            assertEquals(expected, raw.awaitConnectionClose());
        }
        bystander.assertStillPublishesAndConsumes();
    }

    private static Attack attack(Attack attack) {
        return attack;
    }
}
