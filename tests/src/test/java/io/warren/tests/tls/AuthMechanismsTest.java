package io.warren.tests.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import io.warren.broker.sasl.AuthMechanism;
import io.warren.junit5.EmbeddedWarren;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.hostile.Frame;
import io.warren.tests.hostile.RawAmqpSocket;
import io.warren.tests.management.ApiResponse;
import io.warren.tests.management.ManagementTarget;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code auth_mechanisms.N} on plain TCP: connection.start offers the configured mechanisms in
 * their order, never EXTERNAL (RabbitMQ offers it on TLS connections only), and a client that
 * picks a mechanism not offered is dropped before it may log in, as RabbitMQ drops it ("invalid
 * authentication mechanism", a handshake error answered by closing the socket).
 */
class AuthMechanismsTest {
    @Test
    void byDefaultAmqplainAndPlainAreOfferedInRabbitMqsOrder() throws Exception {
        try (EmbeddedWarren warren = WarrenExtension.builder().start();
             RawAmqpSocket raw = raw(warren.server())) {
            assertEquals(List.of("AMQPLAIN", "PLAIN"), mechanisms(raw.start()));
        }
    }

    @Test
    void onlyTheConfiguredMechanismsAreOfferedAndExternalNotWithoutTls() throws Exception {
        try (EmbeddedWarren warren = WarrenExtension.builder().configure(b -> b
                .authMechanisms(List.of(AuthMechanism.EXTERNAL, AuthMechanism.PLAIN))).start()) {
            WarrenServer server = warren.server();
            try (RawAmqpSocket raw = raw(server)) {
                assertEquals(List.of("PLAIN"), mechanisms(raw.start()));
            }
            for (String refused : List.of("AMQPLAIN", "EXTERNAL", "RABBIT-CR-DEMO")) {
                try (RawAmqpSocket raw = raw(server)) {
                    raw.start();
                    raw.startOk(refused, "\0guest\0guest".getBytes(StandardCharsets.UTF_8));
                    assertTrue(raw.closedByPeerWithoutData(), refused + " must be refused by closing the socket");
                }
            }
            ConnectionFactory plain = factory(server);
            plain.setSaslConfig(DefaultSaslConfig.PLAIN);
            try (Connection c = plain.newConnection()) {
                assertTrue(c.isOpen());
            }
            ConnectionFactory external = factory(server);
            external.setSaslConfig(DefaultSaslConfig.EXTERNAL);
            // The Java client finds nothing it may use in what connection.start offered.
            IOException e = assertThrows(IOException.class, external::newConnection);
            assertTrue(String.valueOf(e.getMessage()).contains("server offered [PLAIN]"), e::toString);
        }
    }

    @Test
    void theManagementApiListsTheConfiguredMechanismsAndStillWorksWithExternalOnly() throws Exception {
        try (EmbeddedWarren warren = WarrenExtension.builder().configure(b -> b
                .authMechanisms(List.of(AuthMechanism.EXTERNAL))).start()) {
            WarrenServer server = warren.server();
            var api = new ManagementTarget(URI.create("http://127.0.0.1:" + server.managementPort()), "guest", "guest")
                    .api();
            JsonNode node = api.get("/api/nodes").json().get(0);
            List<String> listed = new ArrayList<>();
            node.get("auth_mechanisms").forEach(m -> listed.add(m.get("name").asText() + "=" + m.get("enabled").asBoolean()));
            assertEquals(List.of("AMQPLAIN=false", "PLAIN=false", "EXTERNAL=true"), listed);
            // The API's own declares go through an in-JVM connection, which SASL settings do not bind.
            ApiResponse put = api.put("/api/queues/%2F/external-only", Map.of("durable", false));
            assertEquals(201, put.status(), put::toString);
            assertEquals(200, api.get("/api/aliveness-test/%2F").status());
        }
    }

    private static RawAmqpSocket raw(WarrenServer server) throws IOException {
        return RawAmqpSocket.wrap(new Socket("127.0.0.1", server.amqpPort()), factory(server));
    }

    private static ConnectionFactory factory(WarrenServer server) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(server.amqpPort());
        f.setConnectionTimeout(5_000);
        return f;
    }

    /** The mechanisms field of connection.start: after the versions and the server-properties table. */
    static List<String> mechanisms(Frame start) throws IOException {
        DataInputStream in = start.arguments();
        in.skipNBytes(2);
        in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
        byte[] mechanisms = new byte[in.readInt()];
        in.readFully(mechanisms);
        return List.of(new String(mechanisms, StandardCharsets.UTF_8).split(" "));
    }
}
