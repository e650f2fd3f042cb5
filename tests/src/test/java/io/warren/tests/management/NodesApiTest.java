package io.warren.tests.management;

import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.warren.tests.management.ApiAssertions.assertLike;
import static io.warren.tests.management.ApiAssertions.assertSameError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/nodes: the one node, for administrators and monitors only. */
@Tag("management")
@ExtendWith(TestBroker.class)
class NodesApiTest {
    /** Which applications, plugins and rates a node lists depends on its installation and uptime. */
    private static final String[] INSTALLATION = {"**.applications[].*", "**.contexts[].*", "**.cluster_links", "**.*_details"};

    private static ManagementRig rig;

    @BeforeAll
    static void setUp(TestBroker broker) {
        rig = ManagementRig.open(broker);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void listsAndShowsTheNode() {
        ApiResponse nodes = rig.api().get("/api/nodes");
        assertLike(Fixture.load("nodes/list"), nodes, INSTALLATION);
        assertEquals(1, nodes.json().size());
        assertTrue(nodes.json().get(0).get("running").asBoolean());

        String node = rig.api().get("/api/overview").json().get("node").asText();
        assertEquals(node, nodes.json().get(0).get("name").asText());
        ApiResponse shown = rig.api().get(Api.path("nodes", node));
        assertLike(Fixture.load("nodes/show"), shown, INSTALLATION);
        assertEquals(node, shown.json().get("name").asText());
    }

    @Test
    void monitoringMayListNodesButManagementMayNot() {
        assertLike(Fixture.load("nodes/list-as-monitoring"), rig.as("monitoring").get("/api/nodes"), INSTALLATION);
        assertSameError(Fixture.load("nodes/list-as-management"), rig.as("management").get("/api/nodes"), rig.vhost());
    }
}
