package io.warren.tests.management;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/exchanges: lists, one exchange, its bindings, publish, declare and delete. */
@Tag("management")
@ExtendWith(TestBroker.class)
class ExchangesApiTest {
    private static final String[] HISTORY = {"**.message_stats.*"};
    private static final List<String> BUILT_IN = List.of("", "amq.direct", "amq.fanout", "amq.headers", "amq.match",
            "amq.rabbitmq.trace", "amq.topic");

    private static ManagementRig rig;
    private static Api api;

    @BeforeAll
    static void setUp(TestBroker broker) throws Exception {
        rig = ManagementRig.open(broker).withTopology();
        api = rig.api();
        StatsWait.until("publish counts of orders", () -> api.get(rig.path("exchanges", "orders")).json()
                .path("message_stats").path("publish_in").asInt() == 3 ? true : null);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void listsTheBuiltInAndDeclaredExchanges() {
        ApiResponse inVhost = api.get(rig.path("exchanges"));
        Fixture fixture = Fixture.load("exchanges/list-vhost");
        assertLike(fixture, inVhost, HISTORY);
        List<String> names = Json.texts(inVhost.json(), "name");
        assertTrue(names.containsAll(BUILT_IN), names::toString);
        assertTrue(names.containsAll(List.of("audit", "orders")), names::toString);
        JsonShape.assertSameShape(fixture.item("name", "orders"), Json.item(inVhost.json(), "name", "orders"), HISTORY);

        JsonShape.assertSameShape(Fixture.load("exchanges/list").item("name", "amq.topic"),
                Json.item(api.get("/api/exchanges").json(), "name", "amq.topic"), HISTORY);
        assertSameError(Fixture.load("exchanges/list-missing-vhost"), api.get("/api/exchanges/no-such-vhost"), rig.vhost());
    }

    @Test
    void showsOneExchangeAndTheDefaultOne() {
        ApiResponse orders = api.get(rig.path("exchanges", "orders"));
        assertLike(Fixture.load("exchanges/show"), orders, HISTORY);
        assertEquals("topic", orders.json().get("type").asText());
        assertEquals(3, orders.json().get("message_stats").get("publish_in").asInt());

        ApiResponse byDefault = api.get(rig.path("exchanges", "amq.default"));
        assertLike(Fixture.load("exchanges/show-default"), byDefault, HISTORY);
        assertEquals("", byDefault.json().get("name").asText());

        assertSameError(Fixture.load("exchanges/show-missing"), api.get(rig.path("exchanges", "no-such-exchange")), rig.vhost());
    }

    @Test
    void listsBindingsBySourceAndByDestination() {
        ApiResponse source = api.get(rig.path("exchanges", "orders", "bindings", "source"));
        assertLike(Fixture.load("exchanges/bindings-source"), source);
        assertEquals(List.of("audit", "q.alpha"), Json.texts(source.json(), "destination"));
        assertEquals(List.of("%23", "order.%2A"), Json.texts(source.json(), "properties_key"));

        ApiResponse destination = api.get(rig.path("exchanges", "audit", "bindings", "destination"));
        assertLike(Fixture.load("exchanges/bindings-destination"), destination);
        assertEquals(List.of("orders"), Json.texts(destination.json(), "source"));
    }

    @Test
    void publishesAndSaysWhetherTheMessageWasRouted() {
        ApiResponse routed = api.post(rig.path("exchanges", "orders", "publish"),
                object("properties", Map.of(), "routing_key", "order.paid", "payload", "hello", "payload_encoding", "string"));
        assertLike(Fixture.load("exchanges/publish"), routed);
        assertTrue(routed.json().get("routed").asBoolean());

        ApiResponse unrouted = api.post(rig.path("exchanges", "amq.direct", "publish"),
                object("properties", Map.of(), "routing_key", "nobody", "payload", "hello", "payload_encoding", "string"));
        assertLike(Fixture.load("exchanges/publish-unrouted"), unrouted);
        assertFalse(unrouted.json().get("routed").asBoolean());

        assertSameError(Fixture.load("exchanges/publish-missing-field"), api.post(rig.path("exchanges", "orders", "publish"),
                object("properties", Map.of(), "routing_key", "order.paid")), rig.vhost());
    }

    @Test
    void declaresAndDeletesExchanges() {
        Map<String, Object> direct = object("type", "direct", "durable", true);
        assertLike(Fixture.load("exchanges/put-create"), api.put(rig.path("exchanges", "made"), direct));
        assertLike(Fixture.load("exchanges/put-again"), api.put(rig.path("exchanges", "made"), direct));
        assertSameError(Fixture.load("exchanges/put-inequivalent"),
                api.put(rig.path("exchanges", "made"), object("type", "fanout", "durable", true)), rig.vhost());
        assertSameError(Fixture.load("exchanges/put-bad-type"),
                api.put(rig.path("exchanges", "badtype"), object("type", "no-such-type")), rig.vhost());
        assertLike(Fixture.load("exchanges/delete"), api.delete(rig.path("exchanges", "made")));
        assertSameError(Fixture.load("exchanges/delete-missing"), api.delete(rig.path("exchanges", "made")), rig.vhost());
        assertSameError(Fixture.load("exchanges/delete-if-unused"),
                api.delete(rig.path("exchanges", "orders") + "?if-unused=true"), rig.vhost());
    }

    @Test
    void aMissingTypeDeclaresADirectExchange() {
        assertLike(Fixture.load("exchanges/put-missing-type"), api.put(rig.path("exchanges", "untyped"), object("durable", true)));
        assertEquals("direct", api.get(rig.path("exchanges", "untyped")).json().get("type").asText());
        api.delete(rig.path("exchanges", "untyped"));
    }
}
