package io.warren.tests.connection;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.tests.hostile.CloseMethod;
import io.warren.tests.hostile.Frame;
import io.warren.tests.hostile.Methods;
import io.warren.tests.hostile.PayloadBuilder;
import io.warren.tests.hostile.RawAmqpSocket;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static io.warren.tests.hostile.Methods.BASIC;
import static io.warren.tests.hostile.Methods.CHANNEL;
import static io.warren.tests.hostile.Methods.CONNECTION;
import static io.warren.tests.hostile.Methods.QUEUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * How a connection ends, as rabbit_reader ends it: connection.close-ok comes after the replies to
 * every command the client sent before connection.close; after close-ok (or after the broker's own
 * connection.close) the broker drops whatever still arrives and leaves the socket open for the
 * client to close, closing it itself only after the negotiated heartbeat interval (30 s without
 * heartbeats); a close-ok answering the broker's connection.close ends the connection at once.
 *
 * <p>The raw tests negotiate a {@value #HEARTBEAT_SECONDS} s heartbeat, so the broker's wait is
 * that long, and send the frames that must be answered in one write, so that connection.close
 * reaches the broker while the earlier commands are still being worked on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionCloseTest {
    private static final int HEARTBEAT_SECONDS = 3;
    /** Scheduling slack on top of the broker's wait. */
    private static final long SLACK_MS = 2_000;

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final List<String> queues = new ArrayList<>();

    @AfterEach
    void deleteQueues() throws Exception {
        try (Connection c = broker.connect()) {
            for (String q : queues) {
                c.createChannel().queueDelete(q);
            }
        }
    }

    @Test
    void repliesToCommandsSentBeforeConnectionCloseComeBeforeCloseOk() throws Exception {
        String declared = queue("close.declared");
        String deleted = queue("close.deleted");
        try (Connection c = broker.connect()) {
            Channel ch = c.createChannel();
            ch.queueDeclare(deleted, true, false, false, null);
            ch.basicPublish("", deleted, null, "left behind".getBytes());
            ch.basicPublish("", deleted, null, "left behind".getBytes());
        }
        try (Raw raw = Raw.connect(HEARTBEAT_SECONDS)) {
            raw.amqp.openChannel(1);
            raw.amqp.openChannel(2);

            // A durable declare (answered once it is on disk), a delete (answered by the queue)
            // on another channel, and a second command queued behind the first: all in one write
            // with the connection.close that follows them.
            raw.amqp.write(concat(
                    RawAmqpSocket.frameBytes(Frame.METHOD, 1, queueDeclare(declared, true), Frame.FRAME_END),
                    RawAmqpSocket.frameBytes(Frame.METHOD, 2, queueDelete(deleted), Frame.FRAME_END),
                    RawAmqpSocket.frameBytes(Frame.METHOD, 1, queueDelete(declared), Frame.FRAME_END),
                    RawAmqpSocket.frameBytes(Frame.METHOD, 0, connectionClose(), Frame.FRAME_END)));

            List<String> replies = new ArrayList<>();
            Frame frame;
            do {
                frame = raw.amqp.readFrame();
                if (frame.type() != Frame.HEARTBEAT) {
                    replies.add(describe(frame));
                }
            } while (!frame.isMethod(CONNECTION, 51));

            assertEquals(List.of("1: queue.declare-ok " + declared, "1: queue.delete-ok 0", "0: connection.close-ok"),
                    onChannels(replies, 1, 0));
            assertEquals(List.of("2: queue.delete-ok 2", "0: connection.close-ok"), onChannels(replies, 2, 0));
            assertEquals(4, replies.size(), () -> "replies " + replies);
        }
        assertQueueGone(declared);
        assertQueueGone(deleted);
    }

    @Test
    void afterCloseOkTheBrokerDropsWhatArrivesAndLeavesTheClientToClose() throws Exception {
        String late = queue("close.late");
        try (Raw raw = Raw.connect(HEARTBEAT_SECONDS)) {
            raw.amqp.openChannel(1);
            raw.amqp.writeMethod(0, connectionClose());
            assertTrue(raw.amqp.readFrame().isMethod(CONNECTION, 51), "connection.close-ok expected");

            // A client still sending after close-ok (its publishes were queued behind the close)
            // neither gets answers nor a reset: the frames are read and dropped.
            raw.expectOpenAndSilentFor(500);
            byte[] body = new byte[4096];
            for (int i = 0; i < 50; i++) {
                raw.amqp.write(publish(1, "", late, body));
            }
            raw.amqp.writeMethod(1, queueDeclare(late, false));
            raw.amqp.writeMethod(2, Methods.channelOpen());
            raw.expectOpenAndSilentFor(500);

            raw.expectClosedWithin(TimeUnit.SECONDS.toMillis(HEARTBEAT_SECONDS) + SLACK_MS);
        }
        assertQueueGone(late);
    }

    @Test
    void afterTheBrokersConnectionCloseOnlyCloseOkEndsTheWait() throws Exception {
        try (Raw raw = Raw.connect(HEARTBEAT_SECONDS)) {
            raw.amqp.openChannel(1);
            raw.amqp.writeMethod(1, Methods.channelOpen());
            Frame close = raw.amqp.readFrame();
            assertEquals(new CloseMethod(504, "CHANNEL_ERROR - second 'channel.open' seen", CHANNEL, 10),
                    CloseMethod.parse(close));

            // Until close-ok the broker waits, dropping what arrives.
            raw.amqp.writeMethod(1, Methods.basicPublish("", "nowhere"));
            raw.amqp.writeMethod(2, Methods.channelOpen());
            raw.expectOpenAndSilentFor(1_000);
            raw.amqp.writeMethod(0, PayloadBuilder.method(CONNECTION, 51).build());

            raw.expectClosedWithin(SLACK_MS);
        }
    }

    @Test
    void theBrokersConnectionCloseIsFollowedByASocketCloseIfTheClientNeverAnswers() throws Exception {
        try (Raw raw = Raw.connect(HEARTBEAT_SECONDS)) {
            raw.amqp.openChannel(1);
            raw.amqp.writeMethod(1, Methods.channelOpen());
            assertTrue(raw.amqp.readFrame().isMethod(CONNECTION, 50), "connection.close expected");

            raw.expectClosedWithin(TimeUnit.SECONDS.toMillis(HEARTBEAT_SECONDS) + SLACK_MS);
        }
    }

    @Test
    void aJavaClientThatPublishesABurstAndClosesSeesACleanClose() throws Exception {
        String target = queue("close.burst");
        Connection c = broker.connect();
        Channel ch = c.createChannel();
        ch.queueDeclare(target, false, false, false, null);
        byte[] body = new byte[1024];
        for (int i = 0; i < 20_000; i++) {
            ch.basicPublish("", i % 2 == 0 ? target : "nowhere", null, body);
        }

        c.close(10_000);

        ShutdownSignalException reason = c.getCloseReason();
        assertTrue(reason.isInitiatedByApplication(), () -> "closed by " + reason);
        assertNull(reason.getCause(), () -> "closed with " + reason.getCause());
        try (Connection check = broker.connect()) {
            // Every publish was read before connection.close, so each one that routed is queued.
            Channel checking = check.createChannel();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (checking.messageCount(target) < 10_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(10_000, checking.messageCount(target));
        }
    }

    private String queue(String prefix) {
        String name = Names.unique(prefix);
        queues.add(name);
        return name;
    }

    private static void assertQueueGone(String name) throws Exception {
        try (Connection c = broker.connect()) {
            Channel ch = c.createChannel();
            assertChannelError(404, "NOT_FOUND - no queue '" + name + "' in vhost '/'", () -> ch.queueDeclarePassive(name));
        }
    }

    /** The replies on {@code a} and {@code b}, in the order they came. */
    private static List<String> onChannels(List<String> replies, int a, int b) {
        return replies.stream().filter(r -> r.startsWith(a + ":") || r.startsWith(b + ":")).toList();
    }

    private static String describe(Frame frame) throws IOException {
        DataInputStream args = frame.type() == Frame.METHOD ? frame.arguments() : null;
        String name;
        if (frame.isMethod(QUEUE, 11)) {
            name = "queue.declare-ok " + new String(args.readNBytes(args.readUnsignedByte()));
        } else if (frame.isMethod(QUEUE, 41)) {
            name = "queue.delete-ok " + args.readInt();
        } else if (frame.isMethod(CONNECTION, 51)) {
            name = "connection.close-ok";
        } else if (frame.isMethod(CONNECTION, 50) || frame.isMethod(CHANNEL, 40)) {
            name = CloseMethod.parse(frame).toString();
        } else {
            name = frame.toString();
        }
        return frame.channel() + ": " + name;
    }

    private static byte[] queueDeclare(String name, boolean durable) {
        return PayloadBuilder.method(QUEUE, 10).shortInt(0).shortString(name).octet(durable ? 2 : 0).emptyTable()
                .build();
    }

    private static byte[] queueDelete(String name) {
        return PayloadBuilder.method(QUEUE, 40).shortInt(0).shortString(name).octet(0).build();
    }

    private static byte[] connectionClose() {
        return PayloadBuilder.method(CONNECTION, 50).shortInt(200).shortString("bye").shortInt(0).shortInt(0).build();
    }

    private static byte[] publish(int channel, String exchange, String routingKey, byte[] body) {
        return concat(
                RawAmqpSocket.frameBytes(Frame.METHOD, channel, Methods.basicPublish(exchange, routingKey), Frame.FRAME_END),
                RawAmqpSocket.frameBytes(Frame.HEADER, channel, Methods.contentHeader(BASIC, body.length), Frame.FRAME_END),
                RawAmqpSocket.frameBytes(Frame.BODY, channel, body, Frame.FRAME_END));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A raw connection through the handshake with heartbeats asked for, and its socket for read timeouts. */
    private record Raw(Socket socket, RawAmqpSocket amqp) implements AutoCloseable {
        static Raw connect(int heartbeatSeconds) throws IOException {
            Socket socket = new Socket(broker.host(), broker.port());
            RawAmqpSocket amqp = RawAmqpSocket.wrap(socket, broker.factory());
            amqp.start();
            amqp.startOkPlain();
            amqp.tune(0, 0, heartbeatSeconds);
            amqp.openVhost(amqp.virtualHost());
            amqp.awaitOpenOk();
            return new Raw(socket, amqp);
        }

        /** For {@code millis} the broker sends nothing but heartbeats and keeps the socket open. */
        void expectOpenAndSilentFor(long millis) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            long left;
            while ((left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) > 0) {
                socket.setSoTimeout((int) Math.max(1, left));
                try {
                    Optional<Frame> frame = amqp.readFrameUnlessClosed();
                    if (frame.isEmpty()) {
                        fail("the broker closed the socket while the client was still sending");
                    }
                    if (frame.get().type() != Frame.HEARTBEAT) {
                        fail("the broker answered after close: " + describe(frame.get()));
                    }
                } catch (SocketTimeoutException quiet) {
                    return;
                }
            }
        }

        /** The broker closes the socket within {@code millis}, sending nothing but heartbeats first. */
        void expectClosedWithin(long millis) throws IOException {
            long started = System.nanoTime();
            socket.setSoTimeout((int) millis);
            Optional<Frame> frame;
            while ((frame = readOrFail(millis)).isPresent()) {
                if (frame.get().type() != Frame.HEARTBEAT) {
                    fail("the broker answered after close: " + describe(frame.get()));
                }
                long left = millis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                if (left <= 0) {
                    fail("socket still open after " + millis + " ms");
                }
                socket.setSoTimeout((int) left);
            }
        }

        private Optional<Frame> readOrFail(long millis) throws IOException {
            try {
                return amqp.readFrameUnlessClosed();
            } catch (SocketTimeoutException e) {
                return fail("socket still open after " + millis + " ms");
            }
        }

        @Override
        public void close() throws IOException {
            amqp.close();
        }
    }
}
