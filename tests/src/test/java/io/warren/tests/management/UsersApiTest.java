package io.warren.tests.management;

import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.warren.tests.management.ApiAssertions.assertLike;
import static io.warren.tests.management.ApiAssertions.assertSameError;
import static io.warren.tests.management.Json.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** /api/users: list, show, create with a password or a hash, update, delete, and the user's permissions. */
@Tag("management")
@ExtendWith(TestBroker.class)
class UsersApiTest {
    private static ManagementRig rig;
    private static Api api;

    @BeforeAll
    static void setUp(TestBroker broker) {
        rig = ManagementRig.open(broker);
        api = rig.api();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void listsUsersAndShowsTheirPermissions() {
        JsonShape.assertSameShape(Fixture.load("users/list").item("name", "guest"), Json.item(api.get("/api/users").json(), "name", "guest"));
        assertLike(Fixture.load("users/without-permissions"), api.get("/api/users/without-permissions"));
        ApiResponse permissions = api.get("/api/users/guest/permissions");
        JsonShape.assertSameShape(Fixture.load("users/permissions").item("vhost", Fixture.VHOST), Json.item(permissions.json(), "vhost", rig.vhost()));
        assertSameError(Fixture.load("users/show-missing"), api.get("/api/users/no-such-user"), rig.vhost());
    }

    @Test
    void createsUpdatesAndDeletesUsers() {
        String user = Api.path("users", Names.unique("mgmt-made-user"));
        String hashed = Api.path("users", Names.unique("mgmt-made-hash"));
        try {
            assertLike(Fixture.load("users/put-create"), api.put(user, object("password", "pw", "tags", "management")));
            assertLike(Fixture.load("users/put-again"), api.put(user, object("password", "pw2", "tags", "monitoring,policymaker")));
            ApiResponse shown = api.get(user);
            assertLike(Fixture.load("users/show"), shown);
            assertEquals("[\"monitoring\",\"policymaker\"]", shown.json().get("tags").toString());
            assertSameError(Fixture.load("users/put-missing-tags"), api.put(user, object("password", "pw")), rig.vhost());
            assertLike(Fixture.load("users/put-hash"), api.put(hashed, object("password_hash", "", "tags", List.of("management"))));
            assertEquals("", api.get(hashed).json().get("password_hash").asText());
            assertLike(Fixture.load("users/delete"), api.delete(user));
            assertSameError(Fixture.load("users/delete-missing"), api.delete(user), rig.vhost());
        } finally {
            api.delete(user);
            api.delete(hashed);
        }
    }

    @Test
    void onlyAdministratorsListUsers() {
        assertSameError(Fixture.load("users/list-as-management"), rig.as("management").get("/api/users"), rig.vhost());
        assertSameError(Fixture.load("users/list-as-monitoring"), rig.as("monitoring").get("/api/users"), rig.vhost());
    }
}
