package io.warren.tests.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.broker.PasswordHash;
import io.warren.broker.definitions.HashingAlgorithm;
import io.warren.junit5.EmbeddedWarren;
import io.warren.junit5.WarrenExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * password_hashing_module = warren_password_hashing_pbkdf2_sha256: passwords given in clear are
 * hashed with PBKDF2, users hashed with it log in over AMQP and HTTP, and every user keeps the
 * algorithm of its own hash through definitions export and import and through a restart, whatever
 * the node's default. Warren-only: it configures and restarts the broker.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PasswordHashingTest {
    private static final String PBKDF2 = "warren_password_hashing_pbkdf2_sha256";
    private static final String SHA256 = "rabbit_password_hashing_sha256";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmbeddedWarren server;
    private EmbeddedWarren other;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (other != null) {
            other.close();
        }
    }

    private static EmbeddedWarren start(HashingAlgorithm hashing) {
        return WarrenExtension.builder().configure(b -> b.passwordHashing(hashing)).start();
    }

    @Test
    void pbkdf2UsersLogInOverAmqpAndHttpAndKeepTheirAlgorithmEverywhere() throws Exception {
        server = start(HashingAlgorithm.PBKDF2_SHA256);
        // The default user was created from a password in clear: PBKDF2.
        assertEquals(PBKDF2, http(server, "GET", "/api/users/guest", null, "guest", "guest").get("hashing_algorithm").asText());
        assertLogsIn(server, "guest", "guest");

        http(server, "PUT", "/api/users/alice", "{\"password\":\"alice-pw\",\"tags\":\"management\"}", "guest", "guest");
        http(server, "PUT", "/api/users/bob", "{\"password_hash\":\"" + PasswordHash.sha256("bob-pw").toRabbitMq()
                + "\",\"hashing_algorithm\":\"" + SHA256 + "\",\"tags\":\"management\"}", "guest", "guest");
        for (String user : new String[] {"alice", "bob"}) {
            http(server, "PUT", "/api/permissions/%2F/" + user, "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}",
                    "guest", "guest");
        }
        assertEquals(PBKDF2, http(server, "GET", "/api/users/alice", null, "guest", "guest").get("hashing_algorithm").asText());
        assertEquals(SHA256, http(server, "GET", "/api/users/bob", null, "guest", "guest").get("hashing_algorithm").asText());
        assertLogsIn(server, "alice", "alice-pw");
        assertLogsIn(server, "alice", "alice-pw"); // the second time from the remembered check
        assertLogsIn(server, "bob", "bob-pw");
        assertRefused(server, "alice", "alice-pw ");
        assertEquals("alice", http(server, "GET", "/api/whoami", null, "alice", "alice-pw").get("name").asText());
        assertEquals(401, status(server, "GET", "/api/whoami", null, "alice", "wrong"));

        // A changed password is checked afresh: the old one no longer works.
        http(server, "PUT", "/api/users/alice", "{\"password\":\"alice-new\",\"tags\":\"management\"}", "guest", "guest");
        assertRefused(server, "alice", "alice-pw");
        assertLogsIn(server, "alice", "alice-new");

        // Definitions carry each user's algorithm to a node whose default is SHA-256.
        JsonNode definitions = http(server, "GET", "/api/definitions", null, "guest", "guest");
        other = start(HashingAlgorithm.SHA256);
        http(other, "POST", "/api/definitions", JSON.writeValueAsString(definitions), "guest", "guest");
        assertEquals(PBKDF2, http(other, "GET", "/api/users/alice", null, "guest", "guest").get("hashing_algorithm").asText());
        assertEquals(SHA256, http(other, "GET", "/api/users/bob", null, "guest", "guest").get("hashing_algorithm").asText());
        assertLogsIn(other, "alice", "alice-new");
        assertLogsIn(other, "bob", "bob-pw");
        assertEquals(JSON.writeValueAsString(users(definitions)),
                JSON.writeValueAsString(users(http(other, "GET", "/api/definitions", null, "guest", "guest"))),
                "the users come back out of the second node as they went in");

        // A restart with SHA-256 as the default keeps alice's PBKDF2 hash; a new password gets SHA-256.
        server.restart(b -> b.passwordHashing(HashingAlgorithm.SHA256));
        assertEquals(PBKDF2, http(server, "GET", "/api/users/alice", null, "guest", "guest").get("hashing_algorithm").asText());
        assertLogsIn(server, "alice", "alice-new");
        assertLogsIn(server, "guest", "guest");
        http(server, "PUT", "/api/users/carol", "{\"password\":\"carol-pw\",\"tags\":\"\"}", "guest", "guest");
        assertEquals(SHA256, http(server, "GET", "/api/users/carol", null, "guest", "guest").get("hashing_algorithm").asText());
    }

    private static JsonNode users(JsonNode definitions) {
        return definitions.get("users");
    }

    private static void assertLogsIn(EmbeddedWarren s, String user, String password) throws Exception {
        try (Connection c = factory(s, user, password).newConnection()) {
            assertTrue(c.createChannel().isOpen());
        }
    }

    private static void assertRefused(EmbeddedWarren s, String user, String password) {
        assertThrows(AuthenticationFailureException.class, () -> factory(s, user, password).newConnection());
    }

    private static ConnectionFactory factory(EmbeddedWarren s, String user, String password) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(s.host());
        f.setPort(s.amqpPort());
        f.setUsername(user);
        f.setPassword(password);
        f.setAutomaticRecoveryEnabled(false);
        f.setHandshakeTimeout(20_000);
        return f;
    }

    private static JsonNode http(EmbeddedWarren s, String method, String path, String body, String user, String password)
            throws Exception {
        HttpResponse<String> r = send(s, method, path, body, user, password);
        assertTrue(r.statusCode() / 100 == 2, () -> method + " " + path + ": " + r.statusCode() + " " + r.body());
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private static int status(EmbeddedWarren s, String method, String path, String body, String user, String password)
            throws Exception {
        return send(s, method, path, body, user, password).statusCode();
    }

    private static HttpResponse<String> send(EmbeddedWarren s, String method, String path, String body, String user,
                                             String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.managementUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
