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

/** /api/queues: lists with paging, sorting, columns and reduced stats; one queue; get; declare, purge and delete. */
@Tag("management")
@ExtendWith(TestBroker.class)
class QueuesApiTest {
    /**
     * Values that depend on what happened to a queue lately rather than on what it is; whether
     * message_stats is there at all depends on whether RabbitMQ had sampled the queue yet.
     */
    private static final String[] HISTORY = {"**.message_stats", "**.idle_since", "**.messages_details",
            "**.messages_ready_details", "**.messages_unacknowledged_details"};

    private static ManagementRig rig;
    private static Api api;

    @BeforeAll
    static void setUp(TestBroker broker) throws Exception {
        rig = ManagementRig.open(broker).withTopology().withPolicies();
        api = rig.api();
        rig.consume("mgmt-queues-consumer");
        StatsWait.until("message counts of q.alpha", () -> {
            JsonNode alpha = api.get(rig.path("queues", "q.alpha")).json();
            return alpha != null && alpha.path("messages").asInt() == 3 && alpha.has("message_stats") ? alpha : null;
        });
        // RabbitMQ applies policies to queues asynchronously.
        StatsWait.until("the policy of q.gamma", () ->
                api.get(rig.path("queues", "q.gamma")).json().path("policy").isTextual() ? true : null);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void listsQueuesOfAVhostAndOfTheBroker() {
        ApiResponse inVhost = api.get(rig.path("queues"));
        Fixture fixture = Fixture.load("queues/list-vhost");
        assertLike(fixture, inVhost, HISTORY);
        assertEquals(ManagementRig.QUEUES, Json.texts(inVhost.json(), "name"));
        JsonShape.assertSameShape(fixture.item("name", "q.alpha"), Json.item(inVhost.json(), "name", "q.alpha"), HISTORY);
        JsonShape.assertSameShape(fixture.item("name", "q.gamma"), Json.item(inVhost.json(), "name", "q.gamma"), HISTORY);

        ApiResponse all = api.get("/api/queues");
        JsonShape.assertSameShape(Fixture.load("queues/list").item("name", "q.alpha"),
                Json.item(all.json(), "name", "q.alpha"), HISTORY);
    }

    @Test
    void pagesAreWrappedWithTheirCounts() {
        ApiResponse first = api.get(rig.path("queues") + "?page=1&page_size=2");
        assertLike(Fixture.load("queues/list-paged"), first, HISTORY);
        assertPage(first.json(), 1, 2, 2, 4, List.of("q.alpha", "q.beta"));

        ApiResponse second = api.get(rig.path("queues") + "?page=2&page_size=2");
        assertLike(Fixture.load("queues/list-paged-page2"), second, HISTORY);
        assertPage(second.json(), 2, 2, 2, 4, List.of("q.consumed", "q.gamma"));
    }

    @Test
    void pagesFilterByNameAndByRegex() {
        ApiResponse byName = api.get(rig.path("queues") + "?page=1&page_size=100&name=alpha");
        assertLike(Fixture.load("queues/list-paged-name"), byName, HISTORY);
        assertPage(byName.json(), 1, 100, 1, 1, List.of("q.alpha"));

        ApiResponse byRegex = api.get(rig.path("queues") + "?page=1&page_size=100&name=%5Eq%5C.(alpha%7Cbeta)%24&use_regex=true");
        assertLike(Fixture.load("queues/list-paged-regex"), byRegex, HISTORY);
        assertPage(byRegex.json(), 1, 100, 2, 2, List.of("q.alpha", "q.beta"));
    }

    @Test
    void badPagesAreRefused() {
        assertSameError(Fixture.load("queues/list-paged-bad-size"), api.get(rig.path("queues") + "?page=1&page_size=501"), rig.vhost());
        assertSameError(Fixture.load("queues/list-paged-beyond"), api.get(rig.path("queues") + "?page=9&page_size=2"), rig.vhost());
        assertSameError(Fixture.load("queues/list-paged-bad-page"), api.get(rig.path("queues") + "?page=abc"), rig.vhost());
    }

    @Test
    void sortsAndPicksColumns() {
        ApiResponse reversed = api.get(rig.path("queues") + "?sort=name&sort_reverse=true");
        assertLike(Fixture.load("queues/list-sorted"), reversed, HISTORY);
        assertEquals(List.of("q.gamma", "q.consumed", "q.beta", "q.alpha"), Json.texts(reversed.json(), "name"));

        ApiResponse columns = api.get(rig.path("queues") + "?columns=name,messages,arguments.x-max-length");
        assertLike(Fixture.load("queues/list-columns"), columns);
        assertEquals(3, Json.item(columns.json(), "name", "q.alpha").get("messages").asInt());
    }

    @Test
    void statsCanBeLeftOutOrReducedToTotals() {
        ApiResponse noStats = api.get(rig.path("queues") + "?disable_stats=true");
        assertLike(Fixture.load("queues/list-disable-stats"), noStats);

        ApiResponse totals = api.get(rig.path("queues") + "?disable_stats=true&enable_queue_totals=true");
        assertLike(Fixture.load("queues/list-disable-stats-totals"), totals);
        assertEquals(3, Json.item(totals.json(), "name", "q.alpha").get("messages_ready").asInt());
    }

    @Test
    void showsOneQueueWithItsPolicyAndConsumers() {
        assertLike(Fixture.load("queues/show"), api.get(rig.path("queues", "q.alpha")), HISTORY);

        ApiResponse gamma = api.get(rig.path("queues", "q.gamma"));
        assertLike(Fixture.load("queues/show-with-policy"), gamma, HISTORY);
        assertEquals("ttl", gamma.json().get("policy").asText());
        assertEquals("cap", gamma.json().get("operator_policy").asText());
        assertEquals(Map.of("message-ttl", 60000, "max-length", 5000),
                Api.JSON.convertValue(gamma.json().get("effective_policy_definition"), Map.class));

        ApiResponse consumed = api.get(rig.path("queues", "q.consumed"));
        assertLike(Fixture.load("queues/show-with-consumer"), consumed, HISTORY);
        assertEquals("mgmt-consumer", consumed.json().get("consumer_details").get(0).get("consumer_tag").asText());
    }

    @Test
    void persistentMessagesOfADurableQueueAreCounted() throws Exception {
        String queue = rig.path("queues", "q.persistent");
        try {
            assertEquals(201, api.put(queue, object("durable", true)).status());
            for (int deliveryMode : new int[] {2, 2, 1}) {
                assertEquals(200, api.post(rig.path("exchanges", "amq.default", "publish"), object("routing_key",
                        "q.persistent", "payload", "12345", "payload_encoding", "string",
                        "properties", Map.of("delivery_mode", deliveryMode))).status());
            }
            JsonNode shown = StatsWait.until("the lengths of q.persistent", () -> {
                JsonNode q = api.get(queue).json();
                // RabbitMQ reports the counts and the persistent figures in separate updates.
                return q.path("messages").asInt() == 3 && q.path("messages_persistent").asInt() == 2 ? q : null;
            });
            assertEquals(2, shown.get("messages_persistent").asInt());
            assertEquals(10, shown.get("message_bytes_persistent").asInt());
        } finally {
            api.delete(queue);
        }
    }

    @Test
    void missingQueuesAndVhostsAreNotFound() {
        assertSameError(Fixture.load("queues/show-missing"), api.get(rig.path("queues", "no-such-queue")), rig.vhost());
        assertSameError(Fixture.load("queues/show-missing-vhost"), api.get("/api/queues/no-such-vhost/q.alpha"), rig.vhost());
        assertSameError(Fixture.load("queues/list-missing-vhost"), api.get("/api/queues/no-such-vhost"), rig.vhost());
    }

    @Test
    void listsTheBindingsOfAQueue() {
        ApiResponse bindings = api.get(rig.path("queues", "q.alpha", "bindings"));
        assertLike(Fixture.load("queues/bindings"), bindings);
        assertEquals(List.of("", "orders"), Json.texts(bindings.json(), "source"));
    }

    @Test
    void getsMessagesAsStringsOrBase64() {
        ApiResponse got = api.post(rig.path("queues", "q.alpha", "get"),
                object("count", 2, "ackmode", "ack_requeue_true", "encoding", "auto", "truncate", 50000));
        assertLike(Fixture.load("queues/get"), got);
        assertEquals(List.of("message 0", "message 1"), Json.texts(got.json(), "payload"));

        ApiResponse base64 = api.post(rig.path("queues", "q.alpha", "get"),
                object("count", 1, "ackmode", "reject_requeue_true", "encoding", "base64"));
        assertLike(Fixture.load("queues/get-base64"), base64);
        assertEquals("base64", base64.json().get(0).get("payload_encoding").asText());

        ApiResponse empty = api.post(rig.path("queues", "q.gamma", "get"),
                object("count", 1, "ackmode", "ack_requeue_false", "encoding", "auto"));
        assertLike(Fixture.load("queues/get-empty"), empty);
        assertEquals(0, empty.json().size());

        assertSameError(Fixture.load("queues/get-missing-field"),
                api.post(rig.path("queues", "q.alpha", "get"), object("count", 1)), rig.vhost());
    }

    @Test
    void declaresPurgesAndDeletesQueues() {
        Map<String, Object> body = object("durable", true, "auto_delete", false, "arguments", Map.of());
        assertLike(Fixture.load("queues/put-create"), api.put(rig.path("queues", "q.made"), body));
        assertLike(Fixture.load("queues/put-again"), api.put(rig.path("queues", "q.made"), body));
        assertLike(Fixture.load("queues/purge"), api.delete(rig.path("queues", "q.made", "contents")));
        assertSameError(Fixture.load("queues/delete-if-empty-refused"),
                api.delete(rig.path("queues", "q.alpha") + "?if-empty=true"), rig.vhost());
        assertLike(Fixture.load("queues/delete"), api.delete(rig.path("queues", "q.made")));
        assertSameError(Fixture.load("queues/delete-missing"), api.delete(rig.path("queues", "q.made")), rig.vhost());

        assertLike(Fixture.load("queues/put-empty-body"), api.send("PUT", rig.path("queues", "q.defaults"), ""));
        JsonNode defaults = api.get(rig.path("queues", "q.defaults")).json();
        assertFalse(defaults.get("durable").asBoolean());
        api.delete(rig.path("queues", "q.defaults"));
    }

    @Test
    void refusesInequivalentAndInvalidDeclarations() {
        api.put(rig.path("queues", "q.made"), object("durable", true, "auto_delete", false, "arguments", Map.of()));
        assertSameError(Fixture.load("queues/put-inequivalent"),
                api.put(rig.path("queues", "q.made"), object("durable", true, "auto_delete", false,
                        "arguments", Map.of("x-max-length", 10))), rig.vhost());
        assertSameError(Fixture.load("queues/put-inequivalent-durable"),
                api.put(rig.path("queues", "q.made"), object("durable", false)), rig.vhost());
        assertSameError(Fixture.load("queues/put-bad-max-length"),
                api.put(rig.path("queues", "q.badlen"), object("durable", true, "arguments", Map.of("x-max-length", "abc"))),
                rig.vhost());
        assertSameError(Fixture.load("queues/put-bad-json"),
                api.send("PUT", rig.path("queues", "q.badjson"), "{\"durable\": tru"), rig.vhost());
        assertSameError(Fixture.load("queues/put-missing-vhost"),
                api.put("/api/queues/no-such-vhost/q.x", object("durable", true)), rig.vhost());
        api.delete(rig.path("queues", "q.made"));
    }

    private static void assertPage(JsonNode page, int number, int size, int itemCount, int filteredCount,
                                   List<String> names) {
        assertEquals(number, page.get("page").asInt());
        assertEquals(size, page.get("page_size").asInt());
        assertEquals(itemCount, page.get("item_count").asInt());
        assertEquals(filteredCount, page.get("filtered_count").asInt());
        assertEquals(4, page.get("total_count").asInt());
        assertEquals(names, Json.texts(page.get("items"), "name"));
    }
}
