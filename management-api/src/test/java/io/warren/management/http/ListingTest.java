package io.warren.management.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ListingTest {
    /** A queue-like item: lengths are cheap to read, the publish rate only rendering knows. */
    private record Item(String vhost, String name, long messages, double rate) {
    }

    /** Rows over {@link Item} that count how many items they rendered. */
    private static final class CountingRows implements Listing.Rows<Item> {
        int rendered;

        @Override
        public String name(Item item) {
            return item.name();
        }

        @Override
        public ObjectNode render(Item item) {
            rendered++;
            ObjectNode o = Json.object().put("messages", item.messages()).put("name", item.name())
                    .put("vhost", item.vhost());
            o.putObject("message_stats").putObject("publish_details").put("rate", item.rate());
            return o;
        }

        @Override
        public JsonNode field(Item item, String dotted) {
            return switch (dotted) {
                case "name" -> JsonNodeFactory.instance.textNode(item.name());
                case "vhost" -> JsonNodeFactory.instance.textNode(item.vhost());
                case "messages" -> JsonNodeFactory.instance.numberNode(item.messages());
                default -> null;
            };
        }
    }

    private final List<Item> items = new ArrayList<>();

    ListingTest() {
        // Out of order, in two vhosts, with ties in messages and in rate.
        for (int i = 999; i >= 0; i--) {
            items.add(new Item(i % 3 == 0 ? "b" : "a", String.format("q%04d", i), i % 7, (i % 5) / 2.0));
        }
    }

    @Test
    void aPageSortedOnACheapKeyRendersOnlyItsItems() {
        CountingRows rows = new CountingRows();

        JsonNode page = Listing.apply(request("page=2&page_size=100&sort=messages&sort_reverse=true"), items, rows);

        assertEquals(100, rows.rendered);
        assertEquals(100, page.get("item_count").asInt());
        assertEquals(1000, page.get("filtered_count").asInt());
        assertEquals(6, page.get("items").get(0).get("messages").asInt());
    }

    @Test
    void theNameFilterRendersNothingItDropped() {
        CountingRows rows = new CountingRows();

        JsonNode page = Listing.apply(request("page=1&page_size=100&name=Q001&use_regex=false"), items, rows);

        assertEquals(10, page.get("filtered_count").asInt());
        assertEquals(10, rows.rendered);
    }

    @Test
    void lazyRowsAnswerExactlyWhatRenderingEveryItemAnswers() {
        for (String query : List.of("page=1&page_size=50", "page=3&page_size=100&sort=messages",
                "page=2&page_size=30&sort=messages&sort_reverse=true",
                "page=1&page_size=100&sort=message_stats.publish_details.rate&sort_reverse=true",
                "page=1&page_size=500&name=q0%5B12%5D&use_regex=true&sort=name&sort_reverse=true",
                "sort=vhost&columns=name,messages", "sort=no.such.field")) {
            CountingRows rows = new CountingRows();
            List<ObjectNode> rendered = items.stream().map(new CountingRows()::render).toList();

            assertEquals(Listing.apply(request(query), rendered), Listing.apply(request(query), items, rows), query);
        }
    }

    @Test
    void tiesAreBrokenByVhostThenNameAndReverseTurnsTheWholeOrder() {
        List<Item> tied = List.of(new Item("b", "x", 1, 0), new Item("a", "y", 1, 0), new Item("a", "x", 1, 0),
                new Item("a", "z", 0, 0));

        JsonNode ascending = Listing.apply(request("sort=messages"), tied, new CountingRows());
        JsonNode descending = Listing.apply(request("sort=messages&sort_reverse=true"), tied, new CountingRows());

        assertEquals(List.of("a/z", "a/x", "a/y", "b/x"), ids(ascending));
        assertEquals(List.of("b/x", "a/y", "a/x", "a/z"), ids(descending));
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(i -> out.add(i.get("vhost").asText() + "/" + i.get("name").asText()));
        return out;
    }

    /** A GET with this raw query string; values are URL-decoded as the server does. */
    private static ApiRequest request(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            query.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>())
                    .add(java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return new ApiRequest(HttpMethod.GET, "/api/items", Map.of(), query, new DefaultHttpHeaders(), new byte[0], null);
    }
}
