package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;
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

/** /api/vhosts: list, show, permissions of a vhost, create, update and delete. */
@Tag("management")
@ExtendWith(TestBroker.class)
class VhostsApiTest {
    /** Traffic counters: byte counts appear only once a connection to the vhost has sent something. */
    /**
     * Values that depend on what happened lately, and cluster_state's keys, which are node names
     * (checked against /api/overview's node instead).
     */
    private static final String[] HISTORY = {"**.message_stats.*", "**.*_details", "**.recv_oct", "**.send_oct",
            "**.cluster_state.*"};

    private static ManagementRig rig;
    private static Api api;

    @BeforeAll
    static void setUp(TestBroker broker) throws Exception {
        rig = ManagementRig.open(broker).withTopology();
        api = rig.api();
        StatsWait.until("message counts and stats of the vhost", () -> {
            JsonNode vhost = api.get(Api.path("vhosts", rig.vhost())).json();
            return vhost.path("messages").asInt() == 6 && vhost.has("message_stats") ? true : null;
        });
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void listsAndShowsVhosts() {
        Fixture list = Fixture.load("vhosts/list");
        JsonShape.assertSameShape(list.item("name", Fixture.VHOST), Json.item(api.get("/api/vhosts").json(), "name", rig.vhost()),
                HISTORY);

        ApiResponse shown = api.get(Api.path("vhosts", rig.vhost()));
        assertLike(Fixture.load("vhosts/show"), shown, HISTORY);
        assertEquals("Warren management test", shown.json().get("description").asText());
        String node = api.get("/api/overview").json().get("node").asText();
        assertEquals(Map.of(node, "running"), Api.JSON.convertValue(shown.json().get("cluster_state"), Map.class));
        assertSameError(Fixture.load("vhosts/show-missing"), api.get("/api/vhosts/no-such-vhost"), rig.vhost());
    }

    @Test
    void listsThePermissionsOfAVhost() {
        ApiResponse permissions = api.get(Api.path("vhosts", rig.vhost(), "permissions"));
        JsonShape.assertSameShape(Fixture.load("vhosts/permissions").item("user", "guest"),
                Json.item(permissions.json(), "user", "guest"));
        api.put(Api.path("topic-permissions", rig.vhost(), "guest"), object("exchange", "amq.topic", "write", ".*", "read", ".*"));
        assertLike(Fixture.load("vhosts/topic-permissions"), api.get(Api.path("vhosts", rig.vhost(), "topic-permissions")));
    }

    @Test
    void aManagementUserListsOnlyTheVhostsItMayUse() {
        ApiResponse listed = rig.as("management").get("/api/vhosts");
        assertLike(Fixture.load("vhosts/list-as-management"), listed, HISTORY);
        assertEquals(1, listed.json().size());
        assertEquals(rig.vhost(), listed.json().get(0).get("name").asText());
    }

    @Test
    void createsUpdatesAndDeletesVhosts() {
        String made = Api.path("vhosts", Names.unique("mgmt-made"));
        try {
            assertLike(Fixture.load("vhosts/put-create"), api.put(made, object("description", "made", "tags", "a,b")));
            assertLike(Fixture.load("vhosts/put-again"), api.put(made, object("description", "changed")));
            assertEquals("changed", api.get(made).json().get("description").asText());
            assertLike(Fixture.load("vhosts/delete"), api.delete(made));
            assertSameError(Fixture.load("vhosts/delete-missing"), api.delete(made), rig.vhost());
            assertSameError(Fixture.load("vhosts/put-as-management"), rig.as("management").put(made, object()), rig.vhost());
        } finally {
            api.delete(made);
        }
    }
}
