package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.warren.tests.management.ApiAssertions.assertLike;
import static io.warren.tests.management.ApiAssertions.assertSameError;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** /api/connections, /api/channels and /api/consumers, about one AMQP connection that consumes from a queue. */
@Tag("management")
@ExtendWith(TestBroker.class)
class ConnectionsApiTest {
    private static final String CONNECTION_NAME = "mgmt-connections-test";
    /**
     * The recording's client was a few lines of Python, the test's is the Java client, so the
     * properties each sends differ; counters and rates depend on timing.
     */
    private static final String[] CLIENT_AND_TIMING = {"client_properties.*", "**.idle_since", "**.message_stats.*"};

    private static ManagementRig rig;
    private static Api api;
    private static String connection;

    @BeforeAll
    static void setUp(TestBroker broker) throws Exception {
        rig = ManagementRig.open(broker).withTopology();
        api = rig.api();
        connection = rig.consume(CONNECTION_NAME).get("name").asText();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void listsAndShowsConnections() {
        ApiResponse inVhost = api.get(Api.path("vhosts", rig.vhost(), "connections"));
        assertLike(Fixture.load("connections/list-vhost"), inVhost, prefixed("[].", CLIENT_AND_TIMING));
        assertEquals(CONNECTION_NAME, inVhost.json().get(0).get("user_provided_name").asText());

        JsonNode ours = Json.item(api.get("/api/connections").json(), "name", connection);
        JsonShape.assertSameShape(Fixture.load("connections/list").item("user_provided_name", "warren-fixture-connection"), ours, CLIENT_AND_TIMING);

        ApiResponse shown = api.get(Api.path("connections", connection));
        assertLike(Fixture.load("connections/show"), shown, CLIENT_AND_TIMING);
        assertEquals(rig.vhost(), shown.json().get("vhost").asText());
        assertEquals("AMQP 0-9-1", shown.json().get("protocol").asText());
        assertSameError(Fixture.load("connections/show-missing"),
                api.get(Api.path("connections", "127.0.0.1:1 -> 127.0.0.1:2")), rig.vhost());
    }

    @Test
    void aManagementUserSeesOnlyItsOwnConnections() {
        ApiResponse listed = rig.as("management").get("/api/connections");
        assertLike(Fixture.load("connections/list-as-management"), listed);
        assertEquals(0, listed.json().size());
    }

    @Test
    void listsAndShowsChannels() {
        ApiResponse ofConnection = api.get(Api.path("connections", connection, "channels"));
        assertLike(Fixture.load("connections/channels"), ofConnection, prefixed("[].", CLIENT_AND_TIMING));
        String channel = ofConnection.json().get(0).get("name").asText();
        assertEquals(connection + " (1)", channel);

        assertLike(Fixture.load("channels/list-vhost"), api.get(Api.path("vhosts", rig.vhost(), "channels")),
                prefixed("[].", CLIENT_AND_TIMING));
        JsonShape.assertSameShape(Fixture.load("channels/list").item("vhost", Fixture.VHOST),
                Json.item(api.get("/api/channels").json(), "name", channel), CLIENT_AND_TIMING);

        ApiResponse shown = api.get(Api.path("channels", channel));
        assertLike(Fixture.load("channels/show"), shown, CLIENT_AND_TIMING);
        assertEquals(10, shown.json().get("prefetch_count").asInt());
        assertEquals(1, shown.json().get("consumer_count").asInt());
        assertSameError(Fixture.load("channels/show-missing"), api.get(Api.path("channels", "nope (1)")), rig.vhost());
    }

    @Test
    void listsConsumers() throws Exception {
        ApiResponse inVhost = StatsWait.until("the consumer", () -> {
            ApiResponse r = api.get(Api.path("consumers", rig.vhost()));
            return r.json() != null && r.json().size() == 1 ? r : null;
        });
        assertLike(Fixture.load("consumers/list-vhost"), inVhost);
        JsonNode consumer = inVhost.json().get(0);
        assertEquals("mgmt-consumer", consumer.get("consumer_tag").asText());
        assertEquals("q.consumed", consumer.get("queue").get("name").asText());
        assertEquals(connection, consumer.get("channel_details").get("connection_name").asText());

        JsonShape.assertSameShape(Fixture.load("consumers/list").item("consumer_tag", "warren-fixture-consumer"),
                Json.item(api.get("/api/consumers").json(), "consumer_tag", "mgmt-consumer"));
        assertSameError(Fixture.load("consumers/list-missing-vhost"), api.get("/api/consumers/no-such-vhost"), rig.vhost());
    }

    private static String[] prefixed(String prefix, String[] patterns) {
        String[] out = new String[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            out[i] = patterns[i].startsWith("**.") ? patterns[i] : prefix + patterns[i];
        }
        return out;
    }
}
