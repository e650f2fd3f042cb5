package io.warren.tests.sockets;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.hostile.Frame;
import io.warren.tests.hostile.Methods;
import io.warren.tests.hostile.RawAmqpSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * handshake_timeout and tcp_listen_options.send_timeout over real sockets, on a broker started
 * with both at one second so that the tests run quickly (the defaults, 10 s and 30 s, are read
 * by ConfigLoaderSettingsTest). RabbitMQ closes such connections with a reset and sends nothing;
 * so must Warren.
 */
class SocketTimeoutsTest {
    private static final long TIMEOUT_MS = 1000;

    @RegisterExtension
    static WarrenExtension warren = WarrenExtension.builder()
            .configure(b -> b.handshakeTimeoutMs(TIMEOUT_MS).sendTimeoutMs(TIMEOUT_MS)).build();

    /** Set by the extension. */
    private static WarrenServer server;

    @Test
    void aSocketThatSendsNothingIsClosedAfterTheHandshakeTimeoutWithoutAWord() throws Exception {
        try (Socket s = connect()) {
            assertStillOpenAfter(s, TIMEOUT_MS / 2);
            assertClosedWithNothingSent(s);
        }
        awaitNoConnections();
    }

    @Test
    void aProtocolHeaderTrickledAByteAtATimeDoesNotKeepTheSocketOpen() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            long start = System.nanoTime();
            boolean closed = false;
            // Eight bytes, one every 300 ms: the header would be complete after 2.4 s.
            for (byte b : RawAmqpSocket.PROTOCOL_HEADER) {
                try {
                    out.write(b);
                    out.flush();
                } catch (SocketException reset) {
                    closed = true;
                    break;
                }
                if (isClosed(s, 300)) {
                    closed = true;
                    break;
                }
            }
            assertTrue(closed, "the broker closed the trickling socket before its header was complete");
            assertTrue(millisSince(start) < TIMEOUT_MS * 3, "closed after " + millisSince(start) + " ms");
        }
        awaitNoConnections();
    }

    @Test
    void aClientThatStopsAfterConnectionStartIsClosedToo() throws Exception {
        try (Socket s = connect()) {
            RawAmqpSocket raw = RawAmqpSocket.wrap(s, factory());
            Frame start = raw.start();
            assertTrue(start.isMethod(Methods.CONNECTION, 10));
            raw.startOkPlain(); // and then no tune-ok
            assertTrue(raw.readFrame().isMethod(Methods.CONNECTION, 30), "connection.tune");
            assertClosedWithNothingSent(s);
        }
        awaitNoConnections();
    }

    @Test
    void anOpenConnectionOutlivesTheHandshakeTimeout() throws Exception {
        try (Connection c = factory().newConnection()) {
            Thread.sleep(TIMEOUT_MS * 2);
            Channel ch = c.createChannel();
            String q = ch.queueDeclare().getQueue();
            ch.basicPublish("", q, null, new byte[] {1});
            assertEquals(1, ch.basicGet(q, true).getBody().length);
        }
    }

    /**
     * A consumer whose socket is never read again: the broker writes until the socket is
     * unwritable, then closes the connection once nothing has drained for send_timeout, and its
     * unacknowledged deliveries go back to the queue.
     */
    @Test
    void aConsumerThatStopsReadingIsClosedAndItsMessagesRequeued() throws Exception {
        String queue = "stalled.consumer";
        int messages = 2000;
        byte[] body = new byte[8 * 1024];
        try (Connection c = factory().newConnection()) {
            Channel ch = c.createChannel();
            ch.queueDeclare(queue, true, false, false, null);
            ch.confirmSelect();
            for (int i = 0; i < messages; i++) {
                ch.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
            }
            ch.waitForConfirmsOrDie(30_000);
        }
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", server.amqpPort()));
        try (RawAmqpSocket raw = RawAmqpSocket.wrap(s, factory())) {
            raw.handshake(0);
            raw.openChannel(1);
            raw.writeMethod(1, Methods.basicConsume(queue, false));
            // Not another byte read from here on.
            long start = System.nanoTime();
            await(() -> consumers(queue) == 1, 5_000, "the stalled consumer is registered");
            await(() -> consumers(queue) == 0, 15_000, "the broker closed the stalled consumer's connection");
            long closedAfter = millisSince(start);
            await(() -> ready(queue) == messages, 5_000, "every delivery went back to the queue");
            System.out.printf("stalled consumer closed after %d ms (send_timeout %d ms), %d messages requeued%n",
                    closedAfter, TIMEOUT_MS, ready(queue));
            assertTrue(closedAfter >= TIMEOUT_MS, "not closed before send_timeout: " + closedAfter + " ms");
        }
        try (Connection c = factory().newConnection()) {
            Channel ch = c.createChannel();
            com.rabbitmq.client.GetResponse first = ch.basicGet(queue, true);
            assertTrue(first.getEnvelope().isRedeliver(), "the first message was delivered before");
            ch.queueDelete(queue);
        }
    }

    /**
     * A Java client whose consumer blocks in handleDelivery: once its work queue is full its
     * reader thread stops reading the socket, the broker closes the connection after send_timeout,
     * and the client's automatic recovery reconnects and consumes everything.
     */
    @Test
    void aJavaClientWhoseConsumerBlocksIsClosedAndRecoversOnItsOwn() throws Exception {
        String queue = "blocked.consumer";
        int messages = 3000;
        try (Connection c = factory().newConnection()) {
            Channel ch = c.createChannel();
            ch.queueDeclare(queue, false, false, false, null);
            for (int i = 0; i < messages; i++) {
                ch.basicPublish("", queue, null, new byte[8 * 1024]);
            }
        }
        ConnectionFactory f = factory();
        f.setAutomaticRecoveryEnabled(true);
        f.setNetworkRecoveryInterval(200);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch recovered = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        try (Connection c = f.newConnection()) {
            ((Recoverable) c).addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable r) {
                    recovered.countDown();
                }

                @Override
                public void handleRecoveryStarted(Recoverable r) {
                }
            });
            Channel ch = c.createChannel();
            ch.basicConsume(queue, false, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) {
                    try {
                        if (first.getAndSet(false)) {
                            release.await(30, TimeUnit.SECONDS);
                        }
                        getChannel().basicAck(envelope.getDeliveryTag(), false);
                    } catch (Exception closedMeanwhile) {
                        // Deliveries of the closed connection: the broker has requeued them.
                    }
                }
            });
            await(() -> consumers(queue) == 1, 5_000, "the consumer is registered");
            await(() -> consumers(queue) == 0, 15_000, "the broker closed the stalled client");
            release.countDown();
            assertTrue(recovered.await(15, TimeUnit.SECONDS), "the client recovered its connection");
            await(() -> ready(queue) == 0 && consumers(queue) == 1 && unacked(queue) == 0, 20_000,
                    "the recovered consumer took every message");
        }
        try (Connection c = factory().newConnection()) {
            c.createChannel().queueDelete(queue);
        }
    }

    @Test
    void aConsumerThatReadsSlowlyIsNotClosed() throws Exception {
        String queue = "slow.consumer";
        int messages = 3000;
        byte[] body = new byte[8 * 1024];
        try (Connection c = factory().newConnection()) {
            Channel ch = c.createChannel();
            ch.queueDeclare(queue, false, false, false, null);
            for (int i = 0; i < messages; i++) {
                ch.basicPublish("", queue, null, body);
            }
        }
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.amqpPort()));
        try (RawAmqpSocket raw = RawAmqpSocket.wrap(s, factory())) {
            raw.handshake(0);
            raw.openChannel(1);
            raw.writeMethod(1, Methods.basicConsume(queue, true));
            InputStream in = s.getInputStream();
            byte[] chunk = new byte[64 * 1024];
            long received = 0;
            long start = System.nanoTime();
            // At most 64 KiB every 20 ms, about 3 MiB/s: far slower than the broker writes, so its
            // socket stays unwritable most of the time, but never stopped. (The kernel's send buffer
            // frees space in steps of a few hundred KiB, so much slower readers need a longer timeout.)
            while (millisSince(start) < TIMEOUT_MS * 3) {
                int n = in.read(chunk);
                assertTrue(n > 0, "the broker closed a consumer that was reading");
                received += n;
                Thread.sleep(20);
            }
            assertTrue(received > 0);
            assertEquals(1, consumers(queue), "the slow consumer is still there");
        }
    }

    private static int consumers(String queue) {
        var q = server.broker().vhosts().get("/").queues().stream().filter(x -> x.name().equals(queue)).findFirst();
        return q.map(x -> x.consumerCount()).orElse(-1);
    }

    private static long unacked(String queue) {
        var q = server.broker().vhosts().get("/").queues().stream().filter(x -> x.name().equals(queue)).findFirst();
        return q.map(x -> (long) x.stats().unackedSnapshot()).orElse(-1L);
    }

    private static long ready(String queue) {
        try (Connection c = factory().newConnection()) {
            return c.createChannel().queueDeclarePassive(queue).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Socket connect() throws IOException {
        return new Socket("127.0.0.1", server.amqpPort());
    }

    private static ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(server.amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }

    private static void assertStillOpenAfter(Socket s, long ms) throws IOException {
        assertFalse(isClosed(s, ms), "closed before the handshake timeout");
    }

    /** Closed by the broker (end of stream or reset) within a generous bound, with no byte sent. */
    private static void assertClosedWithNothingSent(Socket s) throws IOException {
        s.setSoTimeout((int) (TIMEOUT_MS * 5));
        try {
            assertEquals(-1, s.getInputStream().read(), "nothing sent before the close");
        } catch (SocketException reset) {
            assertTrue(reset.getMessage().startsWith("Connection reset"), reset.getMessage());
        }
    }

    /** Waits up to {@code ms} for the broker to close the socket; false if it is still open then. */
    private static boolean isClosed(Socket s, long ms) throws IOException {
        s.setSoTimeout((int) ms);
        try {
            int b = s.getInputStream().read();
            if (b != -1) {
                throw new AssertionError("the broker sent a byte: " + b);
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static void awaitNoConnections() throws InterruptedException {
        await(() -> server.broker().connections().isEmpty() && server.broker().socketsOpen() == 0, 5_000,
                "the broker holds no connection");
    }

    private static void await(BooleanSupplier condition, long ms, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + ms + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
