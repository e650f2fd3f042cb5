package io.warren.tests.management;

import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static io.warren.tests.management.ApiAssertions.assertLike;
import static io.warren.tests.management.ApiAssertions.assertSameError;
import static io.warren.tests.management.Json.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/policies and /api/operator-policies: list, show, create, validate, delete, and who may. */
@Tag("management")
@ExtendWith(TestBroker.class)
class PoliciesApiTest {
    private static ManagementRig rig;
    private static Api api;

    @BeforeAll
    static void setUp(TestBroker broker) {
        rig = ManagementRig.open(broker).withPolicies();
        api = rig.api();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void listsAndShowsPolicies() {
        ApiResponse inVhost = api.get(rig.path("policies"));
        assertLike(Fixture.load("policies/list-vhost"), inVhost);
        assertEquals(List.of("ttl"), Json.texts(inVhost.json(), "name"));
        JsonShape.assertSameShape(Fixture.load("policies/list").item("vhost", Fixture.VHOST), Json.item(api.get("/api/policies").json(), "vhost", rig.vhost()));
        ApiResponse shown = api.get(rig.path("policies", "ttl"));
        assertLike(Fixture.load("policies/show"), shown);
        assertEquals("^q\\.gamma$", shown.json().get("pattern").asText());
        assertSameError(Fixture.load("policies/show-missing"), api.get(rig.path("policies", "no-such-policy")), rig.vhost());
        assertSameError(Fixture.load("policies/list-missing-vhost"), api.get("/api/policies/no-such-vhost"), rig.vhost());
    }

    @Test
    void createsAndDeletesPolicies() {
        Map<String, Object> policy = object("pattern", "^made\\.", "definition",
                object("max-length", 10, "dead-letter-exchange", "dlx"), "priority", 3, "apply-to", "queues");
        assertLike(Fixture.load("policies/put-create"), api.put(rig.path("policies", "made"), policy));
        assertLike(Fixture.load("policies/put-again"), api.put(rig.path("policies", "made"), policy));
        assertEquals(3, api.get(rig.path("policies", "made")).json().get("priority").asInt());
        assertLike(Fixture.load("policies/delete"), api.delete(rig.path("policies", "made")));
        assertSameError(Fixture.load("policies/delete-missing"), api.delete(rig.path("policies", "made")), rig.vhost());
    }

    @Test
    void refusesInvalidPolicies() {
        String bad = rig.path("policies", "bad");
        assertSameError(Fixture.load("policies/put-bad-key"),
                api.put(bad, object("pattern", ".*", "definition", Map.of("no-such-key", 1))), rig.vhost());
        assertSameError(Fixture.load("policies/put-bad-value"),
                api.put(bad, object("pattern", ".*", "definition", Map.of("max-length", "abc"))), rig.vhost());
        // Warren also takes the queue-type targets of later releases, so its list of apply-to values is longer.
        ApiResponse badApplyTo = api.put(bad,
                object("pattern", ".*", "definition", Map.of("max-length", 1), "apply-to", "nothing"));
        assertLike(Fixture.load("policies/put-bad-apply-to"), badApplyTo);
        assertTrue(badApplyTo.reason().startsWith("Validation failed\n\napply-to 'nothing' unrecognised; should be '"),
                badApplyTo.reason());
        assertSameError(Fixture.load("policies/put-missing-pattern"), api.put(bad, object("definition", Map.of("max-length", 1))),
                rig.vhost());
        assertSameError(Fixture.load("policies/put-bad-json"), api.send("PUT", bad, "{pattern: 1}"), rig.vhost());
    }

    @Test
    void managementUsersReadPoliciesButOnlyPolicymakersWriteThem() {
        assertLike(Fixture.load("policies/list-as-management"), rig.as("management").get(rig.path("policies")));
        assertLike(Fixture.load("policies/list-as-policymaker"), rig.as("policymaker").get(rig.path("policies")));
        assertSameError(Fixture.load("policies/put-as-management"), rig.as("management").put(rig.path("policies", "bad"),
                object("pattern", ".*", "definition", Map.of("max-length", 1))), rig.vhost());
    }

    @Test
    void operatorPoliciesHaveTheSameShapeAndAStricterKeySet() {
        ApiResponse inVhost = api.get(rig.path("operator-policies"));
        assertLike(Fixture.load("operator-policies/list-vhost"), inVhost);
        assertEquals(List.of("cap"), Json.texts(inVhost.json(), "name"));
        JsonShape.assertSameShape(Fixture.load("operator-policies/list").item("vhost", Fixture.VHOST),
                Json.item(api.get("/api/operator-policies").json(), "vhost", rig.vhost()));
        assertLike(Fixture.load("operator-policies/show"), api.get(rig.path("operator-policies", "cap")));
        assertLike(Fixture.load("operator-policies/put-create"), api.put(rig.path("operator-policies", "made"),
                object("pattern", "^made\\.", "definition", Map.of("message-ttl", 1000), "priority", 0, "apply-to", "queues")));
        assertSameError(Fixture.load("operator-policies/put-bad-key"), api.put(rig.path("operator-policies", "bad"),
                object("pattern", ".*", "definition", Map.of("dead-letter-exchange", "x"))), rig.vhost());
        assertLike(Fixture.load("operator-policies/delete"), api.delete(rig.path("operator-policies", "made")));
    }
}
