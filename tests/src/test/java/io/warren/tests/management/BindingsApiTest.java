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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/bindings: lists, and exchange-to-queue and exchange-to-exchange bindings made, shown and deleted by properties key. */
@Tag("management")
@ExtendWith(TestBroker.class)
class BindingsApiTest {
    private static ManagementRig rig;
    private static Api api;

    @BeforeAll
    static void setUp(TestBroker broker) {
        rig = ManagementRig.open(broker).withTopology();
        api = rig.api();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void listsBindingsWithTheDefaultExchangeOnesFirst() {
        ApiResponse inVhost = api.get(rig.path("bindings"));
        assertLike(Fixture.load("bindings/list-vhost"), inVhost);
        // One implicit binding from the default exchange per queue comes first, then the declared ones.
        assertEquals(List.of("", "", "", ""), Json.texts(inVhost.json(), "source").subList(0, 4));
        assertEquals(ManagementRig.QUEUES, Json.texts(inVhost.json(), "destination").subList(0, 4));

        ApiResponse all = api.get("/api/bindings");
        assertLike(Fixture.load("bindings/list"), all);
        assertSameError(Fixture.load("bindings/list-missing-vhost"), api.get("/api/bindings/no-such-vhost"), rig.vhost());
    }

    @Test
    void createsShowsAndDeletesAQueueBinding() {
        String factory = rig.path("bindings", "e", "orders", "q", "q.alpha");
        ApiResponse created = api.post(factory, object("routing_key", "order.paid", "arguments", Map.of()));
        Fixture fixture = Fixture.load("bindings/create");
        assertLike(fixture, created);
        assertEquals(fixture.header("location"), created.header("location").orElse(null));

        ApiResponse listed = api.get(factory);
        assertLike(Fixture.load("bindings/list-e-q"), listed);
        assertTrue(Json.texts(listed.json(), "routing_key").containsAll(List.of("order.*", "order.paid")));

        ApiResponse shown = api.get(factory + "/order.paid");
        assertLike(Fixture.load("bindings/show"), shown);
        assertEquals("order.paid", shown.json().get("properties_key").asText());

        assertLike(Fixture.load("bindings/delete"), api.delete(factory + "/order.paid"));
        assertSameError(Fixture.load("bindings/delete-missing"), api.delete(factory + "/order.paid"), rig.vhost());
        assertSameError(Fixture.load("bindings/show-missing"), api.get(factory + "/order.nothing"), rig.vhost());
    }

    @Test
    void theEmptyKeyIsATildeAndArgumentsAddAHash() {
        String factory = rig.path("bindings", "e", "orders", "q", "q.alpha");
        ApiResponse empty = api.post(factory, object("routing_key", "", "arguments", Map.of()));
        assertLike(Fixture.load("bindings/create-empty-key"), empty);
        assertEquals("q.alpha/~", empty.header("location").orElse(null));
        assertLike(Fixture.load("bindings/show-empty-key"), api.get(factory + "/~"));

        ApiResponse withArgs = api.post(factory, object("routing_key", "order.args", "arguments", Map.of("x-match", "any")));
        assertLike(Fixture.load("bindings/create-with-args"), withArgs);
        String location = withArgs.header("location").orElse("");
        assertTrue(location.startsWith("q.alpha/order.args~"), location);
        assertEquals(200, api.get(factory + "/" + location.substring("q.alpha/".length())).status());
    }

    @Test
    void bindingToSomethingMissingIsNotFound() {
        assertSameError(Fixture.load("bindings/create-missing-queue"), api.post(
                rig.path("bindings", "e", "orders", "q", "no-such-queue"), object("routing_key", "x", "arguments", Map.of())),
                rig.vhost());
        assertSameError(Fixture.load("bindings/create-missing-exchange"), api.post(
                rig.path("bindings", "e", "no-such-exchange", "q", "q.alpha"), object("routing_key", "x", "arguments", Map.of())),
                rig.vhost());
    }

    @Test
    void createsShowsAndDeletesAnExchangeBinding() {
        String factory = rig.path("bindings", "e", "orders", "e", "audit");
        ApiResponse created = api.post(factory, object("routing_key", "order.#", "arguments", Map.of()));
        Fixture fixture = Fixture.load("bindings/e2e-create");
        assertLike(fixture, created);
        assertEquals(fixture.header("location"), created.header("location").orElse(null));

        assertLike(Fixture.load("bindings/e2e-list"), api.get(factory));
        ApiResponse shown = api.get(factory + "/order.%23");
        assertLike(Fixture.load("bindings/e2e-show"), shown);
        assertEquals("exchange", shown.json().get("destination_type").asText());
        assertLike(Fixture.load("bindings/e2e-delete"), api.delete(factory + "/order.%23"));
    }
}
