package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/** /api/definitions: export of the whole broker and of one vhost, and import into a vhost. */
@Tag("management")
@ExtendWith(TestBroker.class)
class DefinitionsApiTest {
    private static ManagementRig rig;
    private static Api api;

    @BeforeAll
    static void setUp(TestBroker broker) {
        rig = ManagementRig.open(broker).withTopology().withPolicies();
        api = rig.api();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void exportsTheWholeBroker() {
        ApiResponse all = api.get("/api/definitions");
        Fixture fixture = Fixture.load("definitions/all");
        assertStatusAndTopLevelFields(fixture, all);
        // RabbitMQ 3.10.8 writes only a vhost's name. Warren writes its description and tags too, at
        // the top of the entry where 3.x imports read them, so that export and import keep them.
        JsonShape.assertSameShape(Json.item(fixture.body().get("vhosts"), "name", Fixture.VHOST),
                Json.item(all.json().get("vhosts"), "name", rig.vhost()), "description", "tags");
        JsonShape.assertSameShape(Json.item(fixture.body().get("users"), "name", "guest"), Json.item(all.json().get("users"), "name", "guest"));
        JsonShape.assertSameShape(Json.item(fixture.body().get("queues"), "name", "q.alpha"), itemIn(all.json().get("queues"), "q.alpha"));
        JsonShape.assertSameShape(Json.item(fixture.body().get("policies"), "name", "ttl"), itemIn(all.json().get("policies"), "ttl"));
        JsonShape.assertSameShape(Json.item(fixture.body().get("exchanges"), "name", "orders"), itemIn(all.json().get("exchanges"), "orders"));
        assertFalse(Json.texts(all.json().get("exchanges"), "name").contains("amq.topic"));
    }

    @Test
    void exportsOneVhostWithoutVhostFields() {
        ApiResponse one = api.get(Api.path("definitions", rig.vhost()));
        assertLike(Fixture.load("definitions/vhost"), one);
        // Export order is unspecified.
        assertEquals(ManagementRig.QUEUES, Json.texts(one.json().get("queues"), "name").stream().sorted().toList());
        assertFalse(one.json().get("queues").get(0).has("vhost"));
        assertSameError(Fixture.load("definitions/vhost-missing"), api.get("/api/definitions/no-such-vhost"), rig.vhost());
        // An import into a missing vhost is a 404 in RabbitMQ 3.10.8, where the export is a 400.
        ApiResponse importing = api.post("/api/definitions/no-such-vhost", object("queues", List.of()));
        assertEquals(404, importing.status(), importing::toString);
        assertEquals("not_found", importing.error());
        assertEquals("vhost_not_found", importing.reason());
    }

    @Test
    void importsIntoOneVhost() {
        Map<String, Object> definitions = object("queues", List.of(object("name", "q.imported", "durable", true,
                "auto_delete", false, "arguments", Map.of())), "exchanges", List.of(), "bindings", List.of(), "policies", List.of());
        assertLike(Fixture.load("definitions/post-vhost"), api.post(Api.path("definitions", rig.vhost()), definitions));
        assertEquals(200, api.get(rig.path("queues", "q.imported")).status());
        assertSameError(Fixture.load("definitions/post-bad-json"),
                api.send("POST", Api.path("definitions", rig.vhost()), "{\"queues\": ["), rig.vhost());
    }

    private static void assertStatusAndTopLevelFields(Fixture fixture, ApiResponse actual) {
        ApiAssertions.assertStatus(fixture, actual);
        List<String> expected = Json.fieldNames(fixture.body());
        assertEquals(expected, Json.fieldNames(actual.json()));
    }

    /** The element of this test's vhost named {@code name}: other vhosts on the broker may have one too. */
    private static JsonNode itemIn(JsonNode list, String name) {
        for (JsonNode element : list) {
            if (name.equals(element.path("name").asText()) && rig.vhost().equals(element.path("vhost").asText())) {
                return element;
            }
        }
        return fail("no " + name + " in vhost " + rig.vhost());
    }
}
