package io.warren.tests.connection;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.warren.tests.hostile.Frame;
import io.warren.tests.hostile.Methods;
import io.warren.tests.hostile.RawAmqpSocket;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection tuning: what connection.tune offers, what a client ends up with when it asks for less
 * or more, and heartbeats. The Java client takes the lower of its request and the broker's offer,
 * where 0 means "no limit" on either side.
 */
class TuningTest {
    private static final int CHANNEL_MAX = 2047;
    private static final int FRAME_MAX = 131072;
    private static final int HEARTBEAT = 60;

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final Topology topology = new Topology(broker);

    @Test
    void tuneOffersRabbitMqDefaults() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            raw.start();
            raw.startOkPlain();
            Frame tune = raw.readFrame();
            assertTrue(tune.isMethod(Methods.CONNECTION, 30), tune::toString);
            DataInputStream arguments = tune.arguments();
            assertEquals(CHANNEL_MAX, arguments.readUnsignedShort(), "channel-max");
            assertEquals(FRAME_MAX, arguments.readInt(), "frame-max");
            assertEquals(HEARTBEAT, arguments.readUnsignedShort(), "heartbeat");
        }
    }

    @ParameterizedTest(name = "client asks {0}/{1}/{2}, gets {3}/{4}/{5}")
    @CsvSource({
            // channel-max, frame-max, heartbeat asked; then negotiated
            "0,    0,       0,   2047, 131072, 60",
            "10,   8192,    5,   10,   8192,   5",
            "5000, 1048576, 600, 2047, 131072, 60",
    })
    void clientGetsTheLowerOfItsRequestAndTheOffer(int channelMax, int frameMax, int heartbeat,
                                                   int expectedChannelMax, int expectedFrameMax,
                                                   int expectedHeartbeat) throws Exception {
        ConnectionFactory factory = broker.factory();
        factory.setRequestedChannelMax(channelMax);
        factory.setRequestedFrameMax(frameMax);
        factory.setRequestedHeartbeat(heartbeat);
        try (Connection connection = factory.newConnection()) {
            assertEquals(expectedChannelMax, connection.getChannelMax(), "channel-max");
            assertEquals(expectedFrameMax, connection.getFrameMax(), "frame-max");
            assertEquals(expectedHeartbeat, connection.getHeartbeat(), "heartbeat");
        }
    }

    @Test
    void brokerReassemblesABodySentInSmallFrames() throws Exception {
        ConnectionFactory factory = broker.factory();
        factory.setRequestedFrameMax(4096);
        byte[] body = randomBytes(50_000);
        try (Connection connection = factory.newConnection()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            channel.basicPublish("", queue, null, body);

            GetResponse response = channel.basicGet(queue, true);
            assertNotNull(response, "message not delivered");
            assertArrayEquals(body, response.getBody());
        }
    }

    @Test
    void brokerSplitsDeliveriesToTheNegotiatedFrameMax() throws Exception {
        int frameMax = 4096;
        byte[] body = randomBytes(10_000);
        String queue = topology.queue("frames");
        try (Connection connection = broker.connect();
             RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            Channel channel = connection.createChannel();
            channel.queueDeclare(queue, false, false, false, null);
            channel.basicPublish("", queue, null, body);

            raw.start();
            raw.startOkPlain();
            raw.tune(0, frameMax, 0);
            raw.openVhost(raw.virtualHost());
            raw.awaitOpenOk();
            raw.openChannel(1);
            raw.writeMethod(1, Methods.basicGet(queue));

            assertTrue(raw.readFrame().isMethod(Methods.BASIC, 71), "basic.get-ok expected");
            Frame header = raw.readFrame();
            assertEquals(Frame.HEADER, header.type());
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (received.size() < body.length) {
                Frame frame = raw.readFrame();
                assertEquals(Frame.BODY, frame.type(), frame::toString);
                // frame-max counts the 7-octet header and the frame-end octet too
                assertTrue(frame.payload().length + 8 <= frameMax, "body frame of " + frame.payload().length);
                received.writeBytes(frame.payload());
            }
            assertArrayEquals(body, received.toByteArray());
        } finally {
            topology.deleteAll();
        }
    }

    @Test
    void brokerSendsHeartbeatsAtTheNegotiatedInterval() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            raw.start();
            raw.startOkPlain();
            raw.tune(0, 0, 1);
            raw.openVhost(raw.virtualHost());
            raw.awaitOpenOk();
            long start = System.nanoTime();

            Frame frame = raw.readFrame();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            // RabbitMQ sends one every half interval on an idle connection.
            assertEquals(Frame.HEARTBEAT, frame.type(), frame::toString);
            assertEquals(0, frame.channel());
            assertTrue(waited.compareTo(Duration.ofMillis(1500)) < 0, "first heartbeat after " + waited);
        }
    }

    @Test
    void brokerDropsAClientThatStopsSendingHeartbeats() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            raw.start();
            raw.startOkPlain();
            raw.tune(0, 0, 1);
            raw.openVhost(raw.virtualHost());
            raw.awaitOpenOk();
            long start = System.nanoTime();

            // RabbitMQ gives up after about three silent intervals and closes the socket without a
            // connection.close; until then it keeps sending its own heartbeats.
            Optional<Frame> frame;
            while ((frame = raw.readFrameUnlessClosed()).isPresent()) {
                assertEquals(Frame.HEARTBEAT, frame.get().type(), frame.get()::toString);
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(6).toNanos(), "still open after 6 s");
            }
            Duration open = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(open.compareTo(Duration.ofMillis(1900)) > 0, "closed too early, after " + open);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
