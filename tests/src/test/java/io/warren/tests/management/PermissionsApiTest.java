package io.warren.tests.management;

import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.warren.tests.management.ApiAssertions.assertLike;
import static io.warren.tests.management.ApiAssertions.assertSameError;
import static io.warren.tests.management.Json.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** /api/permissions and /api/topic-permissions: list, set, show and clear a user's rights in a vhost. */
@Tag("management")
@ExtendWith(TestBroker.class)
class PermissionsApiTest {
    private static ManagementRig rig;
    private static Api api;
    private static String user;

    @BeforeAll
    static void setUp(TestBroker broker) {
        rig = ManagementRig.open(broker);
        api = rig.api();
        user = Names.unique("mgmt-perm-user");
        api.put(Api.path("users", user), object("password", "pw", "tags", "management"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            api.delete(Api.path("users", user));
            rig.close();
        }
    }

    @Test
    void setsShowsAndClearsPermissions() {
        String path = Api.path("permissions", rig.vhost(), user);
        assertLike(Fixture.load("permissions/put-create"), api.put(path, object("configure", "^q\\.", "write", ".*", "read", ".*")));
        assertEquals("^q\\.", api.get(path).json().get("configure").asText());
        assertLike(Fixture.load("permissions/put-again"), api.put(path, object("configure", ".*", "write", ".*", "read", ".*")));
        ApiResponse shown = api.get(path);
        assertLike(Fixture.load("permissions/show"), shown);
        assertEquals(".*", shown.json().get("configure").asText());
        JsonShape.assertSameShape(Fixture.load("permissions/list").item("vhost", Fixture.VHOST),
                Json.item(api.get("/api/permissions").json(), "user", user));
        assertLike(Fixture.load("permissions/delete"), api.delete(path));
        assertSameError(Fixture.load("permissions/delete-missing"), api.delete(path), rig.vhost());
        assertSameError(Fixture.load("permissions/show-missing"), api.get(path), rig.vhost());
    }

    @Test
    void refusesIncompletePermissionsAndUnknownUsers() {
        assertSameError(Fixture.load("permissions/put-missing-field"),
                api.put(Api.path("permissions", rig.vhost(), user), object("configure", ".*")), rig.vhost());
        assertSameError(Fixture.load("permissions/put-missing-user"), api.put(Api.path("permissions", rig.vhost(), "no-such-user"),
                object("configure", ".*", "write", ".*", "read", ".*")), rig.vhost());
    }

    @Test
    void setsShowsAndClearsTopicPermissions() {
        String path = Api.path("topic-permissions", rig.vhost(), user);
        assertLike(Fixture.load("topic-permissions/put-create"), api.put(path, object("exchange", "amq.topic", "write", "^a", "read", ".*")));
        ApiResponse shown = api.get(path);
        assertLike(Fixture.load("topic-permissions/show"), shown);
        assertEquals("^a", shown.json().get(0).get("write").asText());
        JsonShape.assertSameShape(Fixture.load("topic-permissions/list").item("vhost", Fixture.VHOST),
                Json.item(api.get("/api/topic-permissions").json(), "user", user));
        assertSameError(Fixture.load("topic-permissions/put-missing-field"), api.put(path, object("write", "^a", "read", ".*")),
                rig.vhost());
        assertLike(Fixture.load("topic-permissions/delete"), api.delete(path));
        assertSameError(Fixture.load("topic-permissions/show-missing"), api.get(path), rig.vhost());
    }
}
