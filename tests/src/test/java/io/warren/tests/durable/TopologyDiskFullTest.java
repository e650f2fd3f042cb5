package io.warren.tests.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.broker.durable.JournalRecovery;
import io.warren.exchange.Exchange;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestConfigs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The topology journal on a full disk: the data directory sits on a small tmpfs the test mounts
 * (skipped where it cannot: not root), with {@code disk_free_limit} below what is left so that
 * the disk alarm does not stand in the way. Declarations whose journal write fails get a clear
 * error, over AMQP (541 INTERNAL_ERROR naming the journal and the cause) and over HTTP (500
 * with a JSON reason), never a hang; once space is freed the journal resumes without a restart;
 * after a restart every declaration answered OK is there, every refused one is either wholly
 * there (its record was written once the disk took writes again) or absent, and the journal
 * holds no damage.
 */
class TopologyDiskFullTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** More than the slack a full tmpfs can leave in the journal's last page: every record needs a new page. */
    private static final String NOTE = "n".repeat(6000);

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void declarationsFailClearlyOnAFullDiskResumeWhenSpaceIsBackAndSurviveARestart() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path mount = Files.createDirectories(tmp.resolve("small-disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot mount a tmpfs here");
        try {
            run(mount.resolve("data"), mount.resolve("filler"));
        } finally {
            Process u = new ProcessBuilder("umount", mount.toString()).redirectErrorStream(true).start();
            if (!u.waitFor(20, TimeUnit.SECONDS) || u.exitValue() != 0) {
                new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static WarrenServer start(Path data) {
        return WarrenServer.start(TestConfigs.ephemeralPorts().dataDir(data).segmentSize(64 * 1024)
                .diskFreeLimitBytes(1).build());
    }

    private static Connection connect(WarrenServer server) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(server.amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        f.setChannelRpcTimeout(15_000); // a hang fails the test instead of stalling it
        return f.newConnection();
    }

    private void run(Path data, Path filler) throws Exception {
        List<String> answeredOk = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        WarrenServer server = start(data);
        try {
            try (Connection c = connect(server)) {
                Channel ch = c.createChannel();
                ch.exchangeDeclare("before", "fanout", true, false, Map.of("x-note", NOTE));
                answeredOk.add("before");
            }
            fill(filler);

            // Over AMQP: the connection is closed with 541 naming the journal and the cause.
            String failedAt = null;
            for (int i = 0; i < 50 && failedAt == null; i++) {
                try (Connection c = connect(server)) {
                    Channel ch = c.createChannel();
                    ch.exchangeDeclare("full." + i, "fanout", true, false, Map.of("x-note", NOTE));
                    answeredOk.add("full." + i);
                } catch (IOException e) {
                    ShutdownSignalException s = (ShutdownSignalException) e.getCause();
                    assertTrue(s.isHardError(), "a connection error, as RabbitMQ's internal_error");
                    String text = s.getReason().toString();
                    assertTrue(text.contains("541") && text.contains("INTERNAL_ERROR") && text.contains("topology journal")
                            && text.contains("No space left on device"), text);
                    failedAt = "full." + i;
                    refused.add(failedAt);
                }
            }
            assertNotNull(failedAt, "a declaration failed once the disk was full");
            assertNotNull(server.broker().storageHealth().fault("topology journal"), "reported as a storage fault");
            assertEquals(503, http(server, "GET", "/api/health/checks/virtual-hosts", null).statusCode(),
                    "the health check fails while the journal cannot be written");

            // Over HTTP: 500 with a JSON reason, for a user, a vhost, an exchange and a policy.
            assertRefused(http(server, "PUT", "/api/users/carol", "{\"password\":\"pw\",\"tags\":\"\"}"));
            assertRefused(http(server, "PUT", "/api/vhosts/vfull", "{}"));
            assertRefused(http(server, "PUT", "/api/exchanges/%2F/httpx",
                    "{\"type\":\"fanout\",\"durable\":true,\"arguments\":{\"x-note\":\"" + NOTE + "\"}}"));
            assertRefused(http(server, "PUT", "/api/policies/%2F/p1",
                    "{\"pattern\":\"^x\",\"definition\":{\"max-length\":1},\"apply-to\":\"queues\"}"));

            // Space back: the journal resumes on its own, and declarations are answered again.
            Files.delete(filler);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (server.broker().storageHealth().fault("topology journal") != null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertNull(server.broker().storageHealth().fault("topology journal"), "cleared without a restart");
            try (Connection c = connect(server)) {
                Channel ch = c.createChannel();
                ch.exchangeDeclare("after", "fanout", true, false, Map.of("x-note", NOTE));
                ch.exchangeBind("after", "before", "");
                answeredOk.add("after");
            }
            assertEquals(201, http(server, "PUT", "/api/users/dave", "{\"password\":\"pw\",\"tags\":\"\"}").statusCode());
        } finally {
            Files.deleteIfExists(filler);
            server.close();
        }

        server = start(data);
        try {
            JournalRecovery recovery = server.broker().storage().journal().recovery();
            assertTrue(recovery.damages().isEmpty(), "no damage in the journal");
            assertEquals(0, recovery.tornBytes(), "no partial record in the journal");
            for (String name : answeredOk) {
                Exchange x = server.broker().vhosts().get("/").exchanges().lookup(name);
                assertNotNull(x, name + " was answered OK, so it survives");
                assertEquals(NOTE, String.valueOf(x.arguments().get("x-note")));
            }
            for (String name : refused) {
                // Refused, never half-present: written whole once the disk took writes again, with memory.
                Exchange x = server.broker().vhosts().get("/").exchanges().lookup(name);
                assertTrue(x == null || NOTE.equals(String.valueOf(x.arguments().get("x-note"))), name);
            }
            assertNotNull(server.broker().users().get("dave"));
            assertTrue(server.broker().vhosts().get("/").exchanges().bindingsFrom("before").stream()
                    .anyMatch(b -> b.destination().equals("after")));
        } finally {
            server.close();
        }
    }

    private static void assertRefused(HttpResponse<String> r) throws IOException {
        assertEquals(500, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("internal_server_error", body.path("error").asText(), r.body());
        String reason = body.path("reason").asText();
        assertTrue(reason.contains("topology journal") && reason.contains("No space left on device"), reason);
    }

    private static HttpResponse<String> http(WarrenServer server, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.managementPort() + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "guest:guest".getBytes(StandardCharsets.UTF_8)))
                .header("content-type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1_000_000; i++) {
                out.write(chunk);
            }
            fail("the small disk never filled");
        } catch (IOException full) {
            // no space left: what was wanted
        }
    }
}
