package io.warren.tests.management.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static io.warren.tests.management.admin.Http.seg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Definitions export and import over HTTP (JSON body and the UI's file upload), and the health checks. */
class DefinitionsAndHealthApiTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final Http admin = Http.guest(broker);
    private final Scratch scratch = new Scratch(admin);

    @AfterEach
    void cleanUp() {
        scratch.close();
    }

    @Test
    void vhostDefinitionsRoundTripThroughAJsonBody() throws Exception {
        String v = scratch.vhost();
        String queue = declareDurableQueue(v);
        Http.Response exported = admin.get("/api/definitions/" + seg(v) + "?download=defs.json");
        assertEquals(200, exported.status());
        assertEquals("attachment; filename=defs.json", exported.header("content-disposition"));
        assertTrue(VhostsUsersPermissionsApiTest.names(exported.json().get("queues")).contains(queue));

        assertEquals(204, admin.delete("/api/queues/" + seg(v) + "/" + seg(queue)).status());
        assertEquals(204, admin.post("/api/definitions/" + seg(v), "application/json", exported.bytes()).status());
        assertEquals(200, admin.get("/api/queues/" + seg(v) + "/" + seg(queue)).status());
    }

    @Test
    void wholeBrokerDefinitionsImportFromAnUploadedFile() throws Exception {
        String v = scratch.vhost();
        String queue = declareDurableQueue(v);
        JsonNode all = admin.get("/api/definitions").json();
        assertTrue(VhostsUsersPermissionsApiTest.names(all.get("vhosts")).contains(v));
        assertEquals(204, admin.delete("/api/queues/" + seg(v) + "/" + seg(queue)).status());

        ObjectNode onlyOurs = Http.JSON.createObjectNode();
        var queues = onlyOurs.putArray("queues");
        all.get("queues").forEach(q -> {
            if (q.get("vhost").asText().equals(v)) {
                queues.add(q);
            }
        });
        queues.forEach(q -> ((ObjectNode) q).put("name", queue));
        String boundary = "----warren" + Long.toHexString(System.nanoTime());
        Http.Response uploaded = admin.post("/api/definitions", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, Http.JSON.writeValueAsBytes(onlyOurs)));
        assertEquals(204, uploaded.status());
        assertEquals(200, admin.get("/api/queues/" + seg(v) + "/" + seg(queue)).status());
    }

    @Test
    void brokenDefinitionsAreRefused() {
        Http.Response broken = admin.post("/api/definitions", "application/json",
                "{broken".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, broken.status());
        assertEquals("bad_request", broken.json().get("error").asText());
        assertEquals("failed_to_parse_json", broken.json().get("reason").asText());
        String boundary = "----warrenbroken";
        Http.Response brokenFile = admin.post("/api/definitions", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, "{broken".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, brokenFile.status());
        assertEquals("failed_to_parse_json", brokenFile.json().get("reason").asText());
    }

    @Test
    void healthChecksPassOnAHealthyNode() {
        for (String check : new String[] {"alarms", "local-alarms", "virtual-hosts", "node-is-quorum-critical",
                "node-is-mirror-sync-critical", "certificate-expiration/1/months",
                "port-listener/" + broker.port(), "protocol-listener/amqp"}) {
            Http.Response r = admin.get("/api/health/checks/" + check);
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
        Http.Response port = admin.get("/api/health/checks/port-listener/1");
        assertEquals(503, port.status());
        assertEquals("failed", port.json().get("status").asText());
        assertEquals("No active listener", port.json().get("reason").asText());
        assertEquals(1, port.json().get("missing").asInt());
        assertTrue(port.json().get("ports").isArray());
        Http.Response protocol = admin.get("/api/health/checks/protocol-listener/warren-none");
        assertEquals(503, protocol.status());
        assertEquals("warren-none", protocol.json().get("missing").asText());
        Http.Response unit = admin.get("/api/health/checks/certificate-expiration/1/fortnights");
        assertEquals(400, unit.status());
        assertEquals("Time unit not recognised. Supported units: days, weeks, months, years.",
                unit.json().get("reason").asText());
    }

    @Test
    void alivenessTestPublishesAndGetsInTheVhost() {
        String v = scratch.vhost();
        Http.Response r = admin.get("/api/aliveness-test/" + seg(v));
        assertEquals(200, r.status());
        assertEquals("ok", r.json().get("status").asText());
        assertEquals(404, admin.get("/api/aliveness-test/" + seg(Names.unique("novh"))).status());
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
