package io.warren.tests.management;

import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.warren.tests.management.ApiAssertions.assertLike;
import static io.warren.tests.management.ApiAssertions.assertSameError;
import static io.warren.tests.management.Json.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** /api/parameters (operator policies are stored there) and /api/global-parameters. */
@Tag("management")
@ExtendWith(TestBroker.class)
class ParametersApiTest {
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
    void operatorPoliciesAreListedAsParameters() {
        ApiResponse all = api.get("/api/parameters");
        ApiAssertions.assertStatus(Fixture.load("parameters/list"), all);
        JsonShape.assertSameShape(Fixture.load("parameters/list").item("vhost", Fixture.VHOST), Json.item(all.json(), "vhost", rig.vhost()));
        assertEquals("operator_policy", Json.item(all.json(), "vhost", rig.vhost()).get("component").asText());
        assertLike(Fixture.load("parameters/list-component"), api.get("/api/parameters/no-such-component"));
        assertSameError(Fixture.load("parameters/put-unknown-component"), api.put(Api.path("parameters", "no-such-component", rig.vhost(), "p"),
                object("vhost", rig.vhost(), "component", "no-such-component", "name", "p", "value", Map.of())), rig.vhost());
    }

    @Test
    void createsShowsAndDeletesGlobalParameters() {
        String name = Names.unique("mgmt-param");
        String path = Api.path("global-parameters", name);
        try {
            assertLike(Fixture.load("global-parameters/put-create"), api.put(path, object("name", name, "value", Map.of("a", 1))));
            JsonShape.assertSameShape(Fixture.load("global-parameters/list").item("name", "warren-fixture-param"),
                    Json.item(api.get("/api/global-parameters").json(), "name", name));
            ApiResponse shown = api.get(path);
            assertLike(Fixture.load("global-parameters/show"), shown);
            assertEquals(1, shown.json().get("value").get("a").asInt());
            assertLike(Fixture.load("global-parameters/delete"), api.delete(path));
            assertSameError(Fixture.load("global-parameters/show-missing"), api.get(path), rig.vhost());
        } finally {
            api.delete(path);
        }
    }
}
