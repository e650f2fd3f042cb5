package io.warren.tests.management.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.tests.connection.Names;
import io.warren.tests.management.Api;
import io.warren.tests.management.ApiResponse;
import io.warren.tests.management.ManagementTarget;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static io.warren.tests.management.Api.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Definitions export and import over HTTP (JSON body and the UI's file upload), and the health checks. */
class DefinitionsAndHealthApiTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api admin = ManagementTarget.of(broker).api();
    private final Scratch scratch = new Scratch(admin);

    @AfterEach
    void cleanUp() {
        scratch.close();
    }

    @Test
    void vhostDefinitionsRoundTripThroughAJsonBody() throws Exception {
        String v = scratch.vhost();
        String queue = declareDurableQueue(v);
        ApiResponse exported = admin.get("/api/definitions/" + segment(v) + "?download=defs.json");
        assertEquals(200, exported.status());
        assertEquals("attachment; filename=defs.json", exported.header("content-disposition").orElse(null));
        assertTrue(VhostsUsersPermissionsApiTest.names(exported.json().get("queues")).contains(queue));

        assertEquals(204, admin.delete("/api/queues/" + segment(v) + "/" + segment(queue)).status());
        assertEquals(204, admin.send("POST", "/api/definitions/" + segment(v),
                "application/json", exported.text().getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(200, admin.get("/api/queues/" + segment(v) + "/" + segment(queue)).status());
    }

    @Test
    void wholeBrokerDefinitionsImportFromAnUploadedFile() throws Exception {
        String v = scratch.vhost();
        String queue = declareDurableQueue(v);
        JsonNode all = admin.get("/api/definitions").json();
        assertTrue(VhostsUsersPermissionsApiTest.names(all.get("vhosts")).contains(v));
        assertEquals(204, admin.delete("/api/queues/" + segment(v) + "/" + segment(queue)).status());

        ObjectNode onlyOurs = JSON.createObjectNode();
        var queues = onlyOurs.putArray("queues");
        all.get("queues").forEach(q -> {
            if (q.get("vhost").asText().equals(v)) {
                queues.add(q);
            }
        });
        queues.forEach(q -> ((ObjectNode) q).put("name", queue));
        String boundary = "----warren" + Long.toHexString(System.nanoTime());
        ApiResponse uploaded = admin.send("POST", "/api/definitions", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, JSON.writeValueAsBytes(onlyOurs)));
        assertEquals(204, uploaded.status());
        assertEquals(200, admin.get("/api/queues/" + segment(v) + "/" + segment(queue)).status());
    }

    @Test
    void brokenDefinitionsAreRefused() {
        ApiResponse broken = admin.send("POST", "/api/definitions", "application/json",
                "{broken".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, broken.status());
        assertEquals("bad_request", broken.json().get("error").asText());
        assertEquals("failed_to_parse_json", broken.json().get("reason").asText());
        String boundary = "----warrenbroken";
        ApiResponse brokenFile = admin.send("POST", "/api/definitions", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, "{broken".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, brokenFile.status());
        assertEquals("failed_to_parse_json", brokenFile.json().get("reason").asText());
    }

    @Test
    void healthChecksPassOnAHealthyNode() {
        for (String check : new String[] {"alarms", "local-alarms", "virtual-hosts", "node-is-quorum-critical",
                "node-is-mirror-sync-critical", "certificate-expiration/1/months",
                "port-listener/" + broker.port(), "protocol-listener/amqp"}) {
            ApiResponse r = admin.get("/api/health/checks/" + check);
            assertEquals(200, r.status(), check);
            assertEquals("ok", r.json().get("status").asText(), check);
        }
        assertEquals("single node cluster", admin.get("/api/health/checks/node-is-quorum-critical").json()
                .get("reason").asText());
        assertEquals(broker.port(), admin.get("/api/health/checks/port-listener/" + broker.port()).json()
                .get("port").asInt());
    }

    @Test
    void healthChecksFailWithRabbitMqsBodies() {
        ApiResponse port = admin.get("/api/health/checks/port-listener/1");
        assertEquals(503, port.status());
        assertEquals("failed", port.json().get("status").asText());
        assertEquals("No active listener", port.json().get("reason").asText());
        assertEquals(1, port.json().get("missing").asInt());
        assertTrue(port.json().get("ports").isArray());
        ApiResponse protocol = admin.get("/api/health/checks/protocol-listener/warren-none");
        assertEquals(503, protocol.status());
        assertEquals("warren-none", protocol.json().get("missing").asText());
        ApiResponse unit = admin.get("/api/health/checks/certificate-expiration/1/fortnights");
        assertEquals(400, unit.status());
        assertEquals("Time unit not recognised. Supported units: days, weeks, months, years.",
                unit.json().get("reason").asText());
    }

    @Test
    void alivenessTestPublishesAndGetsInTheVhost() {
        String v = scratch.vhost();
        ApiResponse r = admin.get("/api/aliveness-test/" + segment(v));
        assertEquals(200, r.status());
        assertEquals("ok", r.json().get("status").asText());
        assertEquals(404, admin.get("/api/aliveness-test/" + segment(Names.unique("novh"))).status());
    }

    private String declareDurableQueue(String vhost) throws Exception {
        String queue = Names.unique("defs");
        ConnectionFactory f = broker.factory();
        f.setVirtualHost(vhost);
        try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, true, false, false, null);
        }
        return queue;
    }

    private static byte[] multipart(String boundary, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"defs.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
