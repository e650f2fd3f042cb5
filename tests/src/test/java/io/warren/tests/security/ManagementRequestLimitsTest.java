package io.warren.tests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The management API reads no body before it knows who sends it, and no body over
 * {@code management.http.max_body_size} from anyone, over raw sockets so that the test sees when
 * the server answers and closes relative to what was sent. The broker is configured from
 * rabbitmq.conf text, so the keys themselves are under test: a 64 KiB body limit, a CSP and
 * frame option of the operator's own, and 1 s request and idle timeouts.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ManagementRequestLimitsTest {
    private static final int LIMIT = 65536;
    private static final String CSP = "default-src 'self'; frame-ancestors 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HUNDRED_MB = 100_000_000L;

    @RegisterExtension
    static WarrenExtension warren = WarrenExtension.builder()
            .config("management.http.max_body_size", String.valueOf(LIMIT))
            .config("management.csp.policy", CSP)
            .config("management.headers.frame_options", "DENY")
            .config("management.tcp.request_timeout", "1000")
            .config("management.tcp.idle_timeout", "1000")
            .build();

    /** Set by the extension. */
    private static WarrenServer server;
    private static int port;

    @BeforeAll
    static void managementPort() {
        port = server.managementPort();
    }

    private static String post(String path, String authorization, long length, String extraHeaders) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: " + length + "\r\n" + extraHeaders + "\r\n";
    }

    @Test
    void aStrangersHundredMegabytePostIsRefusedOnItsHeadAndTheConnectionClosed() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            // The head promises 100 MB; ten bytes follow, and nothing more is ever sent.
            http.send(post("/api/definitions", null, HUNDRED_MB, "") + "{\"users\":[");

            RawHttp.Response r = http.read();
            assertEquals(401, r.status());
            assertEquals("Basic realm=\"RabbitMQ Management\"", r.header("www-authenticate"));
            assertEquals("close", r.header("connection"));
            assertTrue(http.closedByServer(), "the server closes without waiting for the 100 MB");
        }
    }

    @Test
    void wrongCredentialsAreRefusedBeforeTheBodyWithRabbitMqsAnswer() throws Exception {
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("guest:nope".getBytes(StandardCharsets.UTF_8));
        try (RawHttp http = new RawHttp(port)) {
            http.send(post("/api/definitions", wrong, HUNDRED_MB, ""));

            RawHttp.Response r = http.read();
            assertEquals(401, r.status());
            JsonNode body = JSON.readTree(r.body());
            assertEquals("not_authorized", body.path("error").asText(), r.body());
            assertEquals("Login failed", body.path("reason").asText(), r.body());
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void expectContinueFromAStrangerIsAnsweredWithTheRefusalNotWithContinue() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send(post("/api/definitions", null, HUNDRED_MB, "Expect: 100-continue\r\n"));

            assertEquals(401, http.read().status());
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void aStrangersRequestWithoutABodyKeepsTheConnection() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /api/overview HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(401, http.read().status());
            http.send("GET /api/overview HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + RawHttp.GUEST + "\r\n\r\n");
            assertEquals(200, http.read().status());
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsSent() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send(post("/api/definitions", RawHttp.GUEST, LIMIT + 1, "Expect: 100-continue\r\n"));

            RawHttp.Response r = http.read();
            assertEquals(413, r.status());
            JsonNode body = JSON.readTree(r.body());
            assertEquals("payload_too_large", body.path("error").asText(), r.body());
            assertEquals("Exceeded HTTP request body size limit", body.path("reason").asText(), r.body());
            assertEquals("DENY", r.header("x-frame-options"), "the refusal carries the security headers");
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void aChunkedBodyIsCutOffWhenItPassesTheLimit() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /api/definitions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + RawHttp.GUEST + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = chunk(" ".repeat(8192));
            // Twice the limit in chunks, never the last chunk: the answer must come without it.
            for (int sent = 0; sent < 2 * LIMIT; sent += 8192) {
                http.send(chunk);
            }
            RawHttp.Response r = http.read();
            assertEquals(413, r.status());
            assertEquals("payload_too_large", JSON.readTree(r.body()).path("error").asText());
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void aBodyOfExactlyTheLimitIsReadAndImported() throws Exception {
        String queue = "limits-exact";
        byte[] document = padded("{\"queues\":[{\"name\":\"" + queue + "\",\"vhost\":\"/\",\"durable\":true,"
                + "\"auto_delete\":false,\"arguments\":{}}]}", LIMIT);
        try (RawHttp http = new RawHttp(port)) {
            http.send(post("/api/definitions", RawHttp.GUEST, document.length, "Expect: 100-continue\r\n"));
            assertEquals(100, http.read().status(), "an authenticated caller within the limit may send");
            http.send(document);
            RawHttp.Response r = http.read();
            assertEquals(204, r.status(), r.body());
            assertEquals(CSP, r.header("content-security-policy"));

            // The connection stays usable: one more body, one byte over, is refused.
            byte[] over = padded("{}", LIMIT + 1);
            http.send(post("/api/definitions", RawHttp.GUEST, over.length, ""));
            assertEquals(413, http.read().status());
        }
        try (Connection c = factory().newConnection(); Channel ch = c.createChannel()) {
            assertEquals(0, ch.queueDeclarePassive(queue).getMessageCount());
            ch.queueDelete(queue);
        }
    }

    @Test
    void aConnectionThatSendsNoRequestIsClosed() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            assertTrue(http.closedByServer(), "closed after management.tcp.request_timeout");
        }
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /api/overview HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + RawHttp.GUEST + "\r\n\r\n");
            assertEquals(200, http.read().status());
            assertTrue(http.closedByServer(), "an idle kept-alive connection is closed too");
        }
    }

    @Test
    void aHeadTrickledInIsCutOff() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /api/overview HTTP/1.1\r\nHost: localhost\r\n");
            // A header line every 100 ms: never idle, never done. 100 lines fit well within the header limit.
            int lines = 0;
            try {
                for (; lines < 100; lines++) {
                    http.send("X-Trickle-" + lines + ": x\r\n");
                    Thread.sleep(100);
                }
            } catch (IOException closed) {
                return;
            }
            assertTrue(http.closedByServer(), "still open after " + lines + " header lines");
        }
    }

    @Test
    void aBodyThatStopsArrivingIsCutOff() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send(post("/api/definitions", RawHttp.GUEST, 100, "") + "{\"users\":");
            assertTrue(http.closedByServer(), "closed after management.tcp.idle_timeout without the rest of the body");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            String auth = "Authorization: " + RawHttp.GUEST + "\r\n";
            http.send("GET /api/vhosts/%2F HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n"
                    + "GET /api/no-such-thing HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n"
                    + "PUT /api/vhosts/pipelined HTTP/1.1\r\nHost: localhost\r\n" + auth
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                    + "DELETE /api/vhosts/pipelined HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n");
            assertEquals(200, http.read().status());
            assertEquals(404, http.read().status());
            assertEquals(201, http.read().status());
            assertEquals(204, http.read().status());
        }
    }

    /**
     * Eight strangers each start a 100 MB upload while an AMQP client publishes and consumes: every
     * upload is refused and cut off long before its 100 MB are written, and the AMQP traffic
     * carries on throughout.
     */
    @Test
    void hundredMegabyteUploadsFromStrangersLeaveAmqpClientsAlone() throws Exception {
        ExecutorService attackers = Executors.newFixedThreadPool(8);
        try (Connection c = factory().newConnection(); Channel ch = c.createChannel()) {
            String queue = ch.queueDeclare().getQueue();
            List<Future<Long>> uploads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                uploads.add(attackers.submit(ManagementRequestLimitsTest::uploadAsAStranger));
            }
            int roundTrips = 0;
            while (roundTrips < 200 || !uploads.stream().allMatch(Future::isDone)) {
                byte[] payload = ("message " + roundTrips).getBytes(StandardCharsets.UTF_8);
                ch.basicPublish("", queue, null, payload);
                GetResponse got = null;
                for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                     got == null && System.nanoTime() < deadline; ) {
                    got = ch.basicGet(queue, true);
                }
                assertNotNull(got, "message " + roundTrips + " came back");
                assertArrayEquals(payload, got.getBody());
                roundTrips++;
            }
            for (Future<Long> upload : uploads) {
                long written = upload.get(1, TimeUnit.MINUTES);
                // Socket buffers and the server's short drain take a few MB at most.
                assertTrue(written < HUNDRED_MB / 4, "a refused upload still wrote " + written + " bytes");
            }
        } finally {
            attackers.shutdownNow();
        }
    }

    /** Writes a 100 MB upload without credentials until the server cuts it off; the bytes written. */
    private static long uploadAsAStranger() throws IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (RawHttp http = new RawHttp(port)) {
            http.send(post("/api/definitions", null, HUNDRED_MB, ""));
            OutputStream out = http.output();
            try {
                while (written < HUNDRED_MB) {
                    out.write(block);
                    written += block.length;
                }
            } catch (IOException cutOff) {
                return written;
            }
        }
        throw new AssertionError("the server read all 100 MB of an unauthenticated upload");
    }

    private static byte[] chunk(String text) {
        byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        return (Integer.toHexString(data.length) + "\r\n" + text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The JSON text followed by spaces up to exactly {@code size} bytes. */
    private static byte[] padded(String json, int size) {
        return (json + " ".repeat(size - json.length())).getBytes(StandardCharsets.US_ASCII);
    }

    private static ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(server.amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }
}
