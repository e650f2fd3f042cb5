package io.warren.tests.hostile;

import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Spec section 4.2.2: a server that does not accept the protocol header answers with the header it
 * does support, AMQP 0-9-1, and closes the socket. RabbitMQ 3.x does so for anything that is not a
 * 0-9-1, 0-9 or 0-8 header (it then resets the socket, which is why it is read up to a reset).
 */
class ProtocolHeaderTest {
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

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                arguments("garbage", ascii("GARBAGE!")),
                arguments("HTTP version", ascii("HTTP/1.1")),
                arguments("HTTP request", ascii("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")),
                arguments("AMQP 0-8 as version 0.0.8.0", new byte[]{'A', 'M', 'Q', 'P', 0, 0, 8, 0}),
                arguments("AMQP 0-10", new byte[]{'A', 'M', 'Q', 'P', 1, 1, 0, 10}),
                arguments("AMQP 0-9-2", new byte[]{'A', 'M', 'Q', 'P', 0, 0, 9, 2}),
                arguments("binary noise", new byte[]{(byte) 0xCE, 0, 1, 2, (byte) 0xFF, 0x7F, 3, 4}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void unacceptableHeaderIsAnsweredWithTheSupportedHeaderAndClosed(String description, byte[] header)
            throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            raw.write(header);

            assertArrayEquals(RawAmqpSocket.PROTOCOL_HEADER, raw.readUntilClosed());
        }
        bystander.assertStillPublishesAndConsumes();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
