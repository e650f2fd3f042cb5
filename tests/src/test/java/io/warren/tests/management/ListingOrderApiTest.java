package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Filtering, sorting and paging of the queue and connection lists, whether the sort key is one
 * the list reads without rendering (name, lengths) or one only the rendered item holds (message
 * stats, client-provided names): the page must be the same slice of the same order either way,
 * with RabbitMQ's rules (ties broken by vhost and name, the name filter only with a page).
 */
@Tag("management")
@ExtendWith(TestBroker.class)
class ListingOrderApiTest {
    /** Queue fill.i holds MESSAGES[i] messages; no two are equal. Queue "other" is empty, like fill.1. */
    private static final int[] MESSAGES = {2, 0, 5, 1, 3};

    private static ManagementRig rig;
    private static Api api;
    private static final List<Connection> connections = new ArrayList<>();

    @BeforeAll
    static void setUp(TestBroker broker) throws Exception {
        rig = ManagementRig.open(broker);
        api = rig.api();
        ConnectionFactory factory = broker.factory();
        factory.setVirtualHost(rig.vhost());
        for (String name : List.of("conn-b", "conn-c", "conn-a")) {
            connections.add(factory.newConnection(name));
        }
        Channel ch = connections.get(0).createChannel();
        ch.queueDeclare("other", false, false, false, null);
        for (int i = 0; i < MESSAGES.length; i++) {
            ch.queueDeclare("fill." + i, false, false, false, null);
            for (int m = 0; m < MESSAGES[i]; m++) {
                ch.basicPublish("", "fill." + i, null, new byte[] {(byte) m});
            }
        }
        StatsWait.until("queue lengths and publish counts of fill.*", () -> {
            JsonNode list = api.get(rig.path("queues")).json();
            for (int i = 0; i < MESSAGES.length; i++) {
                JsonNode q = named(list, "fill." + i);
                if (q == null || q.path("messages").asInt(-1) != MESSAGES[i]
                        || (MESSAGES[i] > 0 && q.path("message_stats").path("publish").asInt() != MESSAGES[i])) {
                    return null;
                }
            }
            return list;
        });
        StatsWait.until("the three connections", () -> {
            JsonNode list = api.get(Api.path("vhosts", rig.vhost(), "connections")).json();
            return list != null && list.size() == 3 ? list : null;
        });
    }

    /** The element of a list with that name, or null; unlike Json.item it does not fail, so it can be polled. */
    private static JsonNode named(JsonNode list, String name) {
        if (list != null) {
            for (JsonNode item : list) {
                if (name.equals(item.path("name").asText())) {
                    return item;
                }
            }
        }
        return null;
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (Connection c : connections) {
            c.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void pagesOfQueuesSortedByLengthAreSlicesOfOneOrder() {
        String query = "?name=fill&sort=messages&sort_reverse=true&page_size=2&page=";

        JsonNode first = api.get(rig.path("queues") + query + "1").json();
        JsonNode second = api.get(rig.path("queues") + query + "2").json();
        JsonNode third = api.get(rig.path("queues") + query + "3").json();

        assertEquals(List.of("fill.2", "fill.4"), Json.texts(first.get("items"), "name"));
        assertEquals(List.of("fill.0", "fill.3"), Json.texts(second.get("items"), "name"));
        assertEquals(List.of("fill.1"), Json.texts(third.get("items"), "name"));
        assertEquals(5, first.get("filtered_count").asInt());
        assertEquals(6, first.get("total_count").asInt());
        assertEquals(3, first.get("page_count").asInt());
        assertEquals(5, first.get("items").get(0).get("messages").asInt());
    }

    @Test
    void aPageOfNothingCountsNoPages() {
        JsonNode empty = api.get(rig.path("queues") + "?name=no-such-queue&page=1&page_size=100").json();

        assertEquals(0, empty.get("filtered_count").asInt());
        assertEquals(0, empty.get("page_count").asInt());
        assertEquals(0, empty.get("items").size());
    }

    @Test
    void withoutPagingTheNameFilterIsIgnoredAndTheSortApplies() {
        JsonNode list = api.get(rig.path("queues") + "?name=fill&sort=messages_ready").json();

        assertEquals(List.of("fill.1", "other", "fill.3", "fill.0", "fill.4", "fill.2"), Json.texts(list, "name"));
    }

    @Test
    void tiesAreBrokenByNameAndReversedWithTheRest() {
        JsonNode list = api.get(rig.path("queues") + "?sort=messages_ready&sort_reverse=true").json();

        assertEquals(List.of("fill.2", "fill.4", "fill.0", "fill.3", "other", "fill.1"), Json.texts(list, "name"));
    }

    @Test
    void queuesSortByAFieldOnlyTheRenderedQueueHolds() {
        JsonNode page = api.get(rig.path("queues")
                + "?name=fill&sort=message_stats.publish&sort_reverse=true&page=1&page_size=3").json();

        assertEquals(List.of("fill.2", "fill.4", "fill.0"), Json.texts(page.get("items"), "name"));
    }

    @Test
    void theDefaultOrderIsByName() {
        JsonNode page = api.get(rig.path("queues") + "?page=2&page_size=4").json();

        assertEquals(List.of("fill.4", "other"), Json.texts(page.get("items"), "name"));
    }

    @Test
    void connectionsSortByTheirClientProvidedName() {
        String path = Api.path("vhosts", rig.vhost(), "connections");

        JsonNode ascending = api.get(path + "?sort=user_provided_name").json();
        JsonNode descending = api.get(path + "?sort=user_provided_name&sort_reverse=true").json();

        assertEquals(List.of("conn-a", "conn-b", "conn-c"), Json.texts(ascending, "user_provided_name"));
        assertEquals(List.of("conn-c", "conn-b", "conn-a"), Json.texts(descending, "user_provided_name"));
    }

    @Test
    void aPageOfConnectionsSortedByNameIsInThatOrder() {
        List<String> ours = Json.texts(api.get(Api.path("vhosts", rig.vhost(), "connections")).json(), "name");

        // All connections of the broker: the suite's RabbitMQ may have others, but not 500.
        JsonNode page = api.get("/api/connections?sort=name&page=1&page_size=500").json();

        List<String> names = Json.texts(page.get("items"), "name");
        assertEquals(names.stream().sorted().toList(), names);
        assertEquals(List.of(), ours.stream().filter(n -> !names.contains(n)).toList());
        assertEquals(3, ours.size());
    }
}
