package io.warren.tests.management;

import com.rabbitmq.client.Connection;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.warren.tests.management.ApiAssertions.assertLike;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/overview, /api/cluster-name, /api/extensions and /api/whoami, for an administrator and lesser tags. */
@Tag("management")
@ExtendWith(TestBroker.class)
class OverviewApiTest {
    /** Counters and rates that appear only once something happened on the broker since it started. */
    private static final String[] ACTIVITY = {"message_stats", "churn_rates", "queue_totals"};

    private static ManagementRig rig;
    private static TestBroker broker;

    @BeforeAll
    static void setUp(TestBroker testBroker) {
        broker = testBroker;
        rig = ManagementRig.open(testBroker).withTopology();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void overviewForAnAdministratorHasNodeListenersAndContexts() throws Exception {
        ApiResponse overview = StatsWait.until("queue totals in the overview", () -> {
            ApiResponse r = rig.api().get("/api/overview");
            return r.json() != null && r.json().has("queue_totals") && r.json().get("queue_totals").has("messages")
                    ? r : null;
        });

        assertLike(Fixture.load("overview/overview"), overview, ACTIVITY);
        assertTrue(overview.json().get("object_totals").get("queues").asInt() >= ManagementRig.QUEUES.size());
        assertEquals(overview.json().get("rabbitmq_version"), overview.json().get("product_version"));
        assertTrue(overview.json().get("listeners").findValuesAsText("protocol").contains("amqp"));
    }

    @Test
    void overviewForAManagementUserLeavesOutTheNodeDetails() {
        ApiResponse overview = rig.as("management").get("/api/overview");

        assertLike(Fixture.load("overview/overview-as-management"), overview, ACTIVITY);
        assertFalse(overview.json().has("listeners"));
    }

    @Test
    void overviewForAMonitoringUserHasTheNodeDetails() {
        assertLike(Fixture.load("overview/overview-as-monitoring"), rig.as("monitoring").get("/api/overview"), ACTIVITY);
    }

    @Test
    void clusterNameAndExtensions() {
        assertLike(Fixture.load("overview/cluster-name"), rig.api().get("/api/cluster-name"));
        assertLike(Fixture.load("overview/extensions"), rig.api().get("/api/extensions"));
    }

    @Test
    void aRenamedClusterIsTheGlobalParameterClusterNameAndClientsAreToldIt() throws Exception {
        String original = rig.api().get("/api/cluster-name").json().get("name").asText();
        String renamed = "warren-renamed-" + System.nanoTime();
        try {
            assertEquals(204, rig.api().put("/api/cluster-name", Map.of("name", renamed)).status());
            assertEquals(renamed, rig.api().get("/api/cluster-name").json().get("name").asText());
            assertEquals(renamed, rig.api().get("/api/global-parameters/cluster_name").json().get("value").asText());
            assertEquals(renamed, rig.api().get("/api/overview").json().get("cluster_name").asText());
            try (Connection c = broker.connect()) {
                assertEquals(renamed, String.valueOf(c.getServerProperties().get("cluster_name")));
            }
        } finally {
            rig.api().put("/api/cluster-name", Map.of("name", original));
        }
    }

    @Test
    void whoamiNamesTheUserAndTags() {
        ApiResponse guest = rig.api().get("/api/whoami");
        assertLike(Fixture.load("overview/whoami"), guest);
        assertEquals("guest", guest.json().get("name").asText());
        assertEquals("[\"administrator\"]", guest.json().get("tags").toString());

        ApiResponse management = rig.as("management").get("/api/whoami");
        assertLike(Fixture.load("overview/whoami-as-management"), management);
        assertEquals("[\"management\"]", management.json().get("tags").toString());
    }
}
