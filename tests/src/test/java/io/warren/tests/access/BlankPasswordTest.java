package io.warren.tests.access;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.broker.PasswordHash;
import io.warren.broker.User;
import io.warren.broker.access.Permission;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A blank password never logs anyone in, as RabbitMQ's internal backend refuses it ("blank
 * password"), even for a user whose stored hash is the hash of the empty string (a definitions
 * file can bring one). Warren-only: it adds the user through the embedded API.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BlankPasswordTest {
    /** A broker for each test. */
    @RegisterExtension
    WarrenExtension warren = WarrenExtension.builder().build();

    /** Set by the extension. */
    private WarrenServer server;

    @BeforeEach
    void addUser() {
        server.broker().users().put(new User("blank", PasswordHash.sha256(""), Set.of("administrator"))).join();
        server.broker().permissions().set(new Permission("blank", "/", ".*", ".*", ".*")).join();
    }

    @Test
    void aBlankPasswordIsRefusedOverAmqpAndHttpEvenWhenItMatchesTheHash() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(server.amqpPort());
        f.setUsername("blank");
        f.setPassword("");
        assertThrows(AuthenticationFailureException.class, f::newConnection);

        assertEquals(401, httpStatus("blank", ""));
        // The same user and a password are still checked as usual: a wrong one is refused too,
        // and guest (who has a password) still gets in.
        assertEquals(401, httpStatus("blank", "x"));
        assertEquals(200, httpStatus("guest", "guest"));
        f.setUsername("guest");
        f.setPassword("guest");
        try (var c = f.newConnection()) {
            assertTrue(c.isOpen());
        }
    }

    private int httpStatus(String user, String password) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.managementPort() + "/api/whoami"))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(20)).GET().build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
