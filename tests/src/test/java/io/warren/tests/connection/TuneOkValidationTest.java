package io.warren.tests.connection;

import io.warren.tests.hostile.CloseMethod;
import io.warren.tests.hostile.Methods;
import io.warren.tests.hostile.PayloadBuilder;
import io.warren.tests.hostile.RawAmqpSocket;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AMQP 0-9-1 section 1.4.2.6 (connection.tune-ok): values outside what connection.tune offered
 * close the connection with 530 NOT_ALLOWED and rabbit_reader's explanation, naming
 * connection.tune (10.30). The broker offers channel_max 2047 and frame_max 131072.
 *
 * <p>RabbitMQ 3.10 and 3.13 mean to send this close, but their reader wraps the error so that it
 * misses the clause that sends it: they log the same explanation and drop the socket 3 s later
 * without a word (checked against RabbitMQ 3.10.8 with a raw socket). Warren sends the close.
 */
class TuneOkValidationTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @ParameterizedTest(name = "channel_max {0}, frame_max {1}")
    @CsvSource(delimiter = '|', value = {
            "0    | 131072 | negotiated channel_max = 0 (no limit) is higher than the maximum allowed value (2047)",
            "2048 | 131072 | negotiated channel_max = 2048 is higher than the maximum allowed value (2047)",
            "2047 | 0      | negotiated frame_max = 0 is higher than the maximum allowed value (131072)",
            "2047 | 4095   | negotiated frame_max = 4095 is lower than the minimum allowed value (4096)",
            "2047 | 131073 | negotiated frame_max = 131073 is higher than the maximum allowed value (131072)",
            "2047 | 4294967295 | negotiated frame_max = 4294967295 is higher than the maximum allowed value (131072)",
    })
    void outOfRangeTuneOkClosesTheConnection(int channelMax, long frameMax, String explanation) throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            raw.start();
            raw.startOkPlain();
            assertTrue(raw.readFrame().isMethod(Methods.CONNECTION, 30), "connection.tune expected");
            raw.writeMethod(0, tuneOk(channelMax, frameMax, 0));

            CloseMethod close = raw.awaitConnectionClose();
            assertEquals(new CloseMethod(530, "NOT_ALLOWED - " + explanation, 10, 30), close);
            assertTrue(raw.closedByPeerWithoutData(), "socket still open after close-ok");
        }
    }

    @Test
    void valuesWithinTheOfferAndAnyHeartbeatAreAccepted() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            raw.start();
            raw.startOkPlain();
            assertTrue(raw.readFrame().isMethod(Methods.CONNECTION, 30), "connection.tune expected");
            // RabbitMQ takes any heartbeat the client asks for, larger than its offer too.
            raw.writeMethod(0, tuneOk(1, 4096, 65535));
            raw.openVhost(raw.virtualHost());
            raw.awaitOpenOk();
            raw.openChannel(1);
        }
    }

    private static byte[] tuneOk(int channelMax, long frameMax, int heartbeat) {
        return PayloadBuilder.method(Methods.CONNECTION, 31)
                .shortInt(channelMax).longInt((int) frameMax).shortInt(heartbeat).build();
    }
}
