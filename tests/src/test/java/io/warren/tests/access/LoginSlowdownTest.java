package io.warren.tests.access;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.hostile.CloseMethod;
import io.warren.tests.hostile.Methods;
import io.warren.tests.hostile.PayloadBuilder;
import io.warren.tests.hostile.RawAmqpSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed logins from one source are refused after a hold that doubles with each failure, over
 * AMQP and the management API alike, while correct logins from other sources go through at once.
 * The guesser connects from 127.0.0.1 and the bystander from 127.0.0.2 (both loopback on Linux,
 * so guest may log in from either). Holds are configured small (100 ms doubling up to 3 s) so the
 * test waits no longer than it must; only lower bounds of the holds are asserted, and the
 * bystander's bound is far from any hold.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoginSlowdownTest {
    private static final InetAddress GUESSER = loopback(1);
    private static final InetAddress BYSTANDER = loopback(2);
    private static final long SLACK_MS = 5; // timer granularity

    /**
     * A broker for each test, so that no test inherits another's refusals; on every interface,
     * since the guesser and the bystander are other loopback addresses than 127.0.0.1.
     */
    @RegisterExtension
    WarrenExtension warren = WarrenExtension.builder().configure(b -> b.amqpHost(null).managementHost(null)
            .authFailureDelayMs(100).maxAuthFailureDelayMs(3_000)).build();

    /** Set by the extension. */
    private WarrenServer server;

    @Test
    void amqpRefusalsFromOneSourceWaitLongerEachTimeAndOtherSourcesDoNotWait() throws Exception {
        long[] holds = {100, 200, 400, 800, 1600};
        for (long hold : holds) {
            long started = System.nanoTime();
            AuthenticationFailureException refused = assertThrows(AuthenticationFailureException.class,
                    () -> factory(GUESSER, "wrong").newConnection());
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals("ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see"
                    + " the broker logfile.", refused.getMessage());
            assertTrue(tookMs >= hold - SLACK_MS, "refusal after " + tookMs + " ms, expected at least " + hold);
        }

        // The guesser's next refusal would be held 3 s; a correct login elsewhere is not held at all.
        long started = System.nanoTime();
        try (Connection c = factory(BYSTANDER, "guest").newConnection()) {
            assertTrue(c.isOpen());
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMs < 1_500, "a correct login from another source took " + tookMs + " ms");
    }

    @Test
    void aClientThatCannotBeToldIsHeldThreeSecondsAndThenDropped() throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(GUESSER, 0));
            socket.connect(new InetSocketAddress(GUESSER, server.amqpPort()));
            RawAmqpSocket raw = RawAmqpSocket.wrap(socket, new ConnectionFactory());
            raw.start();
            // connection.start-ok without the authentication_failure_close capability
            raw.writeMethod(0, PayloadBuilder.method(Methods.CONNECTION, 11).table(Map.of()).shortString("PLAIN")
                    .longString("\0guest\0wrong".getBytes(StandardCharsets.UTF_8)).shortString("en_US").build());
            long started = System.nanoTime();

            assertTrue(raw.closedByPeerWithoutData(), "the socket was not closed without a word within 5 s");
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMs >= 3_000 - SLACK_MS, "dropped after " + tookMs + " ms, RabbitMQ holds 3 s");
        }
    }

    @Test
    void aCapableClientIsToldWithTheThrottlesHoldOnly() throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(GUESSER, 0));
            socket.connect(new InetSocketAddress(GUESSER, server.amqpPort()));
            RawAmqpSocket raw = RawAmqpSocket.wrap(socket, new ConnectionFactory());
            raw.start();
            long started = System.nanoTime();
            raw.startOk("PLAIN", "\0guest\0wrong".getBytes(StandardCharsets.UTF_8));

            CloseMethod close = raw.awaitConnectionClose();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(new CloseMethod(403, "ACCESS_REFUSED - Login was refused using authentication mechanism"
                    + " PLAIN. For details see the broker logfile.", 0, 0), close);
            assertTrue(tookMs >= 100 - SLACK_MS, "refused after " + tookMs + " ms");
            assertTrue(raw.closedByPeerWithoutData(), "socket left open after close-ok");
        }
    }

    @Test
    void httpRefusalsAreHeldWithoutTyingUpTheWorkers() throws Exception {
        long[] holds = {100, 200, 400};
        for (long hold : holds) {
            long started = System.nanoTime();
            assertEquals(401, httpStatus(GUESSER, "guest", "wrong"));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMs >= hold - SLACK_MS, "401 after " + tookMs + " ms, expected at least " + hold);
        }
        // More refusals held at once than the management API has workers: if a held refusal took a
        // worker, the bystander's request would queue behind them for seconds.
        List<CompletableFuture<Integer>> held = new ArrayList<>();
        java.util.concurrent.ExecutorService guessers = java.util.concurrent.Executors.newFixedThreadPool(12);
        for (int i = 0; i < 12; i++) {
            held.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return httpStatus(GUESSER, "guest", "wrong");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, guessers));
        }
        Thread.sleep(300); // the guesses are in and held
        long started = System.nanoTime();
        assertEquals(200, httpStatus(BYSTANDER, "guest", "guest"));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMs < 1_500, "a correct request from another source took " + tookMs + " ms");
        // The AMQP port counts the same source: its failures slow an AMQP guess too.
        long amqpStarted = System.nanoTime();
        assertThrows(AuthenticationFailureException.class, () -> factory(GUESSER, "wrong").newConnection());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - amqpStarted) >= 800 - SLACK_MS);
        for (CompletableFuture<Integer> f : held) {
            assertEquals(401, f.get(20, TimeUnit.SECONDS));
        }
        guessers.shutdownNow();
    }

    private ConnectionFactory factory(InetAddress from, String password) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(from.getHostAddress());
        f.setPort(server.amqpPort());
        f.setUsername("guest");
        f.setPassword(password);
        f.setAutomaticRecoveryEnabled(false);
        f.setConnectionTimeout(20_000);
        f.setHandshakeTimeout(20_000);
        f.setSocketConfigurator(socket -> socket.bind(new InetSocketAddress(from, 0)));
        return f;
    }

    /** GET /api/whoami from {@code from}, on a fresh connection; the status code. */
    private int httpStatus(InetAddress from, String user, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(20_000);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(from, server.managementPort()));
            String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/whoami HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
