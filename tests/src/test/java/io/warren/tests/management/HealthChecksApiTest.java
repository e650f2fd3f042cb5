package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.warren.queue.store.StorageHealth;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;

import static io.warren.tests.management.ApiAssertions.assertLike;
import static io.warren.tests.management.ApiAssertions.assertSameError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /api/health/checks/* and /api/aliveness-test: 200 with {@code status: ok} when healthy, 503
 * with {@code status: failed} and the reason when not.
 */
@Tag("management")
@ExtendWith(TestBroker.class)
class HealthChecksApiTest {
    private static final String CHECKS = "/api/health/checks/";

    private static ManagementRig rig;
    private static Api api;
    private static int amqpPort;
    private static TestBroker testBroker;

    @BeforeAll
    static void setUp(TestBroker broker) {
        testBroker = broker;
        rig = ManagementRig.open(broker);
        api = rig.api();
        amqpPort = broker.port();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void healthyChecksSayOk() {
        for (String check : new String[] {"alarms", "local-alarms", "virtual-hosts", "node-is-quorum-critical",
                "node-is-mirror-sync-critical", "certificate-expiration"}) {
            String path = CHECKS + (check.equals("certificate-expiration") ? check + "/1/weeks" : check);
            ApiResponse answer = api.get(path);
            assertLike(Fixture.load("health/" + check), answer);
            assertEquals("ok", answer.json().get("status").asText(), path);
        }
        assertLike(Fixture.load("health/protocol-listener-amqp"), api.get(CHECKS + "protocol-listener/amqp091"));
        // Names are normalised as RabbitMQ normalises them; the management API is the http listener.
        assertEquals("amqp", api.get(CHECKS + "protocol-listener/AMQP0-9-1").json().get("protocol").asText());
        assertEquals("http", api.get(CHECKS + "protocol-listener/management").json().get("protocol").asText());
    }

    /** Warren's storage check, and RabbitMQ's virtual-hosts check failing while a fault affects a vhost. */
    @Test
    void storageFaultsFailTheStorageAndVirtualHostsChecks() {
        Assumptions.assumeFalse(testBroker.isExternal(), "storage faults are reported inside Warren");
        assertEquals("ok", api.get(CHECKS + "storage").json().get("status").asText());
        StorageHealth health = testBroker.server().broker().storageHealth();
        health.report("queue 'q' in vhost '/'", "/", "data/messages/queues/x/msgs.0000000001", "unreadable");
        try {
            ApiResponse storage = api.get(CHECKS + "storage");
            assertEquals(503, storage.status());
            JsonNode fault = storage.json().get("faults").get(0);
            assertEquals("queue 'q' in vhost '/'", fault.get("subject").asText());
            assertEquals("unreadable", fault.get("reason").asText());
            ApiResponse vhosts = api.get(CHECKS + "virtual-hosts");
            assertEquals(503, vhosts.status());
            assertEquals("Some virtual hosts are down", vhosts.json().get("reason").asText());
            assertEquals("/", vhosts.json().get("virtual-hosts").get(0).asText());
        } finally {
            health.clear("queue 'q' in vhost '/'");
        }
        assertEquals(200, api.get(CHECKS + "virtual-hosts").status());
    }

    @Test
    void portListenerChecksTheAmqpPortAndFailsForAClosedOne() throws Exception {
        ApiResponse open = api.get(CHECKS + "port-listener/" + amqpPort);
        assertLike(Fixture.load("health/port-listener-amqp"), open);
        assertEquals(amqpPort, open.json().get("port").asInt());
        int managementPort = Json.item(api.get("/api/overview").json().get("listeners"), "protocol", "http")
                .get("port").asInt();
        assertEquals("ok", api.get(CHECKS + "port-listener/" + managementPort).json().get("status").asText());

        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        ApiResponse failed = api.get(CHECKS + "port-listener/" + closed);
        Fixture fixture = Fixture.load("health/port-listener-closed");
        assertLike(fixture, failed);
        assertEquals("failed", failed.json().get("status").asText());
        assertEquals(fixture.reason(rig.vhost()), failed.reason());
        assertEquals(closed, failed.json().get("missing").asInt());
        assertSameError(Fixture.load("health/port-listener-bad"), api.get(CHECKS + "port-listener/abc"), rig.vhost());
    }

    @Test
    void protocolListenerFailsForAProtocolNobodyServes() {
        ApiResponse failed = api.get(CHECKS + "protocol-listener/mqtt");
        Fixture fixture = Fixture.load("health/protocol-listener-missing");
        assertLike(fixture, failed);
        assertEquals(fixture.reason(rig.vhost()), failed.reason());
        assertTrue(failed.json().get("protocols").toString().contains("\"amqp\""), failed::toString);
    }

    @Test
    void alivenessTestAndWhoMayRunChecks() {
        assertLike(Fixture.load("health/aliveness-test"), api.get(Api.path("aliveness-test", rig.vhost())));
        assertSameError(Fixture.load("health/aliveness-test-missing-vhost"), api.get("/api/aliveness-test/no-such-vhost"), rig.vhost());
        assertLike(Fixture.load("health/alarms-as-management"), rig.as("management").get(CHECKS + "alarms"));
        assertLike(Fixture.load("health/alarms-as-monitoring"), rig.as("monitoring").get(CHECKS + "alarms"));
    }
}
