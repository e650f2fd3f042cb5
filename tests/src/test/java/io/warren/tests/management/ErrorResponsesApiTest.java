package io.warren.tests.management;

import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.warren.tests.management.ApiAssertions.assertSameError;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests no endpoint accepts: unknown paths, wrong methods, bodies that are not JSON objects. */
@Tag("management")
@ExtendWith(TestBroker.class)
class ErrorResponsesApiTest {
    private static ManagementRig rig;
    private static Api api;

    @BeforeAll
    static void setUp(TestBroker broker) {
        rig = ManagementRig.open(broker).withTopology();
        api = rig.api();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void unknownPathsAreNotFound() {
        assertSameError(Fixture.load("errors/unknown-path"), api.get("/api/no-such-endpoint"), rig.vhost());
    }

    @Test
    void wrongMethodsAreNotAllowedAndSayWhichAre() {
        ApiResponse deleteOverview = api.delete("/api/overview");
        assertSameError(Fixture.load("errors/method-not-allowed-overview"), deleteOverview, rig.vhost());
        String allowed = deleteOverview.header("allow").orElse("");
        assertTrue(allowed.contains("GET"), allowed);
        assertSameError(Fixture.load("errors/method-not-allowed-queues"), api.post("/api/queues", Map.of()), rig.vhost());
        assertSameError(Fixture.load("errors/method-not-allowed-queue"), api.post(rig.path("queues", "q.alpha"), Map.of()),
                rig.vhost());
    }

    @Test
    void bodiesThatAreNotJsonObjectsAreBadRequests() {
        assertSameError(Fixture.load("errors/bad-json-exchange"), api.send("PUT", rig.path("exchanges", "badjson"), "not json"),
                rig.vhost());
        assertSameError(Fixture.load("errors/json-not-object"), api.send("PUT", rig.path("exchanges", "badjson"), "[]"), rig.vhost());
    }
}
