package io.warren.tests.management.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.warren.tests.connection.Names;
import io.warren.tests.management.Api;
import io.warren.tests.management.ApiResponse;
import io.warren.tests.management.ManagementTarget;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.warren.tests.management.Api.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/vhosts, /api/users and /api/permissions: status codes, bodies and the administrator tag. */
class VhostsUsersPermissionsApiTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final Api admin = ManagementTarget.of(broker).api();
    private final Scratch scratch = new Scratch(admin);

    @AfterEach
    void cleanUp() {
        scratch.close();
    }

    @Test
    void vhostIsCreatedUpdatedShownAndDeleted() {
        String v = Names.unique("admin-vh");
        scratch.created(v);
        String path = "/api/vhosts/" + segment(v);
        assertEquals(201, admin.send("PUT", path, "{\"description\":\"first\",\"tags\":\"a,b\"}").status());
        assertEquals(204, admin.send("PUT", path, "{\"description\":\"second\",\"tags\":[\"c\"]}").status());

        JsonNode shown = admin.get(path).json();
        assertEquals(v, shown.get("name").asText());
        assertEquals("second", shown.get("description").asText());
        assertEquals("second", shown.get("metadata").get("description").asText());
        assertEquals(List.of("c"), strings(shown.get("tags")));
        assertEquals(false, shown.get("tracing").asBoolean());
        assertEquals("running", shown.get("cluster_state").elements().next().asText());
        assertTrue(names(admin.get("/api/vhosts").json()).contains(v));

        assertEquals(204, admin.delete(path).status());
        ApiResponse gone = admin.get(path);
        assertEquals(404, gone.status());
        assertEquals("Object Not Found", gone.json().get("error").asText());
        assertEquals(404, admin.delete(path).status());
    }

    @Test
    void userIsCreatedWithTagsAndPasswordHashAndDeleted() {
        String u = Names.unique("admin-user");
        String path = "/api/users/" + segment(u);
        assertEquals(201, admin.send("PUT", path,
                "{\"password\":\"secret\",\"tags\":\"management,monitoring\"}").status());
        try {
            JsonNode shown = admin.get(path).json();
            assertEquals(u, shown.get("name").asText());
            assertEquals(List.of("management", "monitoring"), strings(shown.get("tags")).stream().sorted().toList());
            assertEquals("rabbit_password_hashing_sha256", shown.get("hashing_algorithm").asText());
            assertTrue(shown.get("password_hash").asText().length() > 20);
            assertTrue(shown.get("limits").isObject());
            assertEquals(200, admin.as(u, "secret").get("/api/whoami").status());

            assertEquals(204, admin.send("PUT", path, "{\"password_hash\":\"\",\"tags\":[\"monitoring\"]}").status());
            assertEquals("", admin.get(path).json().get("password_hash").asText());
            assertEquals(401, admin.as(u, "secret").get("/api/whoami").status());

            ApiResponse noTags = admin.send("PUT", path, "{\"password\":\"x\"}");
            assertEquals(400, noTags.status());
            assertEquals("tags_not_present", noTags.json().get("reason").asText());
            assertTrue(names(admin.get("/api/users/without-permissions").json()).contains(u));
        } finally {
            assertEquals(204, admin.delete(path).status());
        }
        assertEquals(404, admin.get(path).status());
    }

    @Test
    void bulkDeleteRemovesEveryNamedUser() {
        String a = scratch.user("", null);
        String b = scratch.user("", null);
        assertEquals(204, admin.send("POST", "/api/users/bulk-delete", "application/json",
                ("{\"users\":[\"" + a + "\",\"" + b + "\"]}").getBytes()).status());
        assertEquals(404, admin.get("/api/users/" + segment(a)).status());
        assertEquals(404, admin.get("/api/users/" + segment(b)).status());
        ApiResponse missing = admin.send("POST", "/api/users/bulk-delete", "application/json", "{}".getBytes());
        assertEquals(400, missing.status());
        assertEquals("[{key_missing,users}]", missing.json().get("reason").asText());
    }

    @Test
    void permissionsAreGrantedChangedListedAndRevoked() {
        String v = scratch.vhost();
        String u = scratch.user("management", null);
        String path = "/api/permissions/" + segment(v) + "/" + segment(u);
        assertEquals(201, admin.send("PUT", path, "{\"configure\":\"^a\",\"write\":\".*\",\"read\":\".*\"}").status());
        assertEquals(204, admin.send("PUT", path, "{\"configure\":\"^b\",\"write\":\".*\",\"read\":\".*\"}").status());
        JsonNode p = admin.get(path).json();
        assertEquals("^b", p.get("configure").asText());
        assertEquals(u, p.get("user").asText());
        assertEquals(v, p.get("vhost").asText());
        assertEquals(2, admin.get("/api/vhosts/" + segment(v) + "/permissions").json().size());
        assertEquals(1, admin.get("/api/users/" + segment(u) + "/permissions").json().size());

        ApiResponse partial = admin.send("PUT", path, "{\"configure\":\".*\"}");
        assertEquals(400, partial.status());
        assertEquals("[{key_missing,write},{key_missing,read}]", partial.json().get("reason").asText());
        ApiResponse unknown = admin.send("PUT",
                "/api/permissions/" + segment(v) + "/" + segment(Names.unique("nobody")),
                
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        assertEquals(400, unknown.status());
        assertEquals("vhost_or_user_not_found", unknown.json().get("reason").asText());

        assertEquals(204, admin.delete(path).status());
        assertEquals(404, admin.get(path).status());
        assertEquals(404, admin.delete(path).status());
    }

    @Test
    void topicPermissionsAreGrantedPerExchangeAndRevoked() {
        String v = scratch.vhost();
        String u = scratch.user("", null);
        String path = "/api/topic-permissions/" + segment(v) + "/" + segment(u);
        assertEquals(201, admin.send("PUT", path,
                "{\"exchange\":\"amq.topic\",\"write\":\"^a\",\"read\":\".*\"}").status());
        assertEquals(204, admin.send("PUT", path,
                "{\"exchange\":\"other\",\"write\":\"^b\",\"read\":\".*\"}").status());
        assertEquals(2, admin.get(path).json().size());
        assertEquals(2, admin.get("/api/users/" + segment(u) + "/topic-permissions").json().size());
        ApiResponse noExchange = admin.send("PUT", path, "{\"write\":\".*\",\"read\":\".*\"}");
        assertEquals("[{key_missing,exchange}]", noExchange.json().get("reason").asText());
        assertEquals(204, admin.delete(path).status());
        assertEquals(404, admin.get(path).status());
    }

    @Test
    void onlyAdministratorsManageUsersVhostsAndPermissions() {
        String v = scratch.vhost();
        for (String tag : new String[] {"management", "policymaker", "monitoring"}) {
            Api user = admin.as(scratch.user(tag, v), "pw");
            for (String path : new String[] {"/api/users", "/api/permissions", "/api/vhosts/" + segment(v),
                    "/api/definitions", "/api/topic-permissions"}) {
                ApiResponse r = user.get(path);
                assertEquals(401, r.status(), tag + " " + path);
                assertEquals("not_authorised", r.json().get("error").asText());
                assertEquals("Not administrator user", r.json().get("reason").asText());
            }
            assertEquals(401, user.send("PUT", "/api/vhosts/" + segment(Names.unique("refused")), "{}").status());
            assertTrue(names(user.get("/api/vhosts").json()).contains(v), tag);
        }
    }

    @Test
    void userLimitsAndVhostLimitsAreStoredAndShown() {
        String v = scratch.vhost();
        String u = scratch.user("", null);
        assertEquals(204, admin.send("PUT", "/api/vhost-limits/" + segment(v) + "/max-queues",
                "{\"value\":10}").status());
        JsonNode vl = admin.get("/api/vhost-limits/" + segment(v)).json();
        assertEquals(10, vl.get(0).get("value").get("max-queues").asInt());
        ApiResponse unknown = admin.send("PUT", "/api/vhost-limits/" + segment(v) + "/max-foo", "{\"value\":10}");
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().get("reason").asText().startsWith("Validation failed\n\n"));
        assertEquals(204, admin.delete("/api/vhost-limits/" + segment(v) + "/max-queues").status());
        assertEquals(0, admin.get("/api/vhost-limits/" + segment(v)).json().size());

        assertEquals(204, admin.send("PUT", "/api/user-limits/" + segment(u) + "/max-channels",
                "{\"value\":3}").status());
        assertEquals(3, admin.get("/api/user-limits/" + segment(u)).json().get(0).get("value").get("max-channels")
                .asInt());
        assertEquals(3, admin.get("/api/users/" + segment(u)).json().get("limits").get("max-channels").asInt());
        assertEquals(204, admin.delete("/api/user-limits/" + segment(u) + "/max-channels").status());
        assertEquals(0, admin.get("/api/user-limits/" + segment(u)).json().size());
    }

    static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(i -> out.add(i.get("name").asText()));
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(i -> out.add(i.asText()));
        return out;
    }
}
