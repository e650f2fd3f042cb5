package io.warren.tests.limits;

import io.warren.tests.management.Api;
import io.warren.tests.management.ApiResponse;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The management API's publish and get open a connection with a channel for each request in
 * RabbitMQ (its declares open none), so the vhost's and the user's limits refuse them with
 * 401 "Access refused." while a declare still succeeds.
 */
@ExtendWith(TestBroker.class)
class HttpPublishAndGetLimitsTest {
    private LimitsRig rig;
    private TestBroker broker;

    @BeforeEach
    void open(TestBroker broker) {
        this.broker = broker;
        rig = LimitsRig.open(broker);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aVhostWithoutConnectionsRefusesHttpPublishAndGetButNotDeclares() {
        rig.vhostLimit("max-connections", 0);
        Api api = rig.api();

        assertEquals(201, api.put(Api.path("queues", rig.vhost(), "q"), Map.of()).status());
        assertRefused(api.post(Api.path("exchanges", rig.vhost(), "amq.default", "publish"), publish()));
        assertRefused(api.post(Api.path("queues", rig.vhost(), "q", "get"), get()));

        rig.clearVhostLimit("max-connections");
        assertEquals(200, api.post(Api.path("exchanges", rig.vhost(), "amq.default", "publish"), publish()).status());
        assertEquals(1, api.post(Api.path("queues", rig.vhost(), "q", "get"), get()).json().size());
    }

    /**
     * Warren only: RabbitMQ 3.10.8 answers this publish with a 500, its channel open failing
     * inside the request; Warren refuses it as it refuses one over the connection limits.
     */
    @Test
    void aUserWithoutChannelsIsRefusedHttpPublish() {
        assumeFalse(broker.isExternal(), "RabbitMQ answers 500 here");
        assertEquals(201, rig.api().put(Api.path("queues", rig.vhost(), "q"), Map.of()).status());
        rig.userLimit("max-channels", 0);

        assertRefused(rig.api().as(rig.user(), LimitsRig.PASSWORD)
                .post(Api.path("exchanges", rig.vhost(), "amq.default", "publish"), publish()));
        assertEquals(200, rig.api().post(Api.path("exchanges", rig.vhost(), "amq.default", "publish"), publish())
                .status(), "guest has no limit");
    }

    private static Map<String, Object> publish() {
        return Map.of("properties", Map.of(), "routing_key", "q", "payload", "x", "payload_encoding", "string");
    }

    private static Map<String, Object> get() {
        return Map.of("count", 1, "ackmode", "ack_requeue_false", "encoding", "auto");
    }

    private static void assertRefused(ApiResponse response) {
        assertEquals(401, response.status(), response::toString);
        assertEquals("not_authorised", response.error());
        assertEquals("Access refused.", response.reason());
    }
}
