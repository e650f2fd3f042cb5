package io.warren.management.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * RabbitMQ's treatment of list responses ({@code rabbit_mgmt_util:filter_and_paginate}):
 * with pagination, a {@code name} filter (case-insensitive substring, or a regular expression
 * with {@code use_regex=true}), sorting by {@code sort} (a dotted field path; vhost then name by
 * default) and {@code sort_reverse}, {@code page}/{@code page_size} pagination with its wrapper
 * object, and {@code columns} to keep only some fields.
 */
public final class Listing {
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 500;

    /**
     * The items of a list as the listing needs them. Rendering an item can be costly (a queue's
     * JSON holds a dozen counters with their rate details), so the listing filters and sorts on
     * {@link #name} and {@link #field} and renders only the items it returns: with 10,000
     * queues a page of 100 renders 100. Called on the request's thread only.
     */
    public interface Rows<T> {
        /** The item's {@code name} field, for the name filter; "" when it has none. */
        String name(T item);

        /** The item's JSON. */
        ObjectNode render(T item);

        /**
         * The value {@link #render} would hold at the dotted field path, or null when only
         * rendering can tell. A missing field is {@link com.fasterxml.jackson.databind.node.MissingNode}.
         */
        JsonNode field(T item, String dotted);
    }

    /** Rows already rendered. */
    private static final Rows<ObjectNode> RENDERED = new Rows<>() {
        @Override
        public String name(ObjectNode item) {
            return item.path("name").asText();
        }

        @Override
        public ObjectNode render(ObjectNode item) {
            return item;
        }

        @Override
        public JsonNode field(ObjectNode item, String dotted) {
            return at(item, dotted);
        }
    };

    private Listing() {
    }

    public static ApiResponse respond(ApiRequest req, List<ObjectNode> items) {
        return ApiResponse.json(apply(req, items));
    }

    /** Like {@link #respond(ApiRequest, List)}, rendering only the items the answer holds. */
    public static <T> ApiResponse respond(ApiRequest req, List<T> items, Rows<T> rows) {
        return ApiResponse.json(apply(req, items, rows));
    }

    public static JsonNode apply(ApiRequest req, List<ObjectNode> items) {
        return apply(req, items, RENDERED);
    }

    public static <T> JsonNode apply(ApiRequest req, List<T> items, Rows<T> rows) {
        int total = items.size();
        String page = req.query("page");
        // As in RabbitMQ, the name filter belongs to pagination: without a page it is ignored.
        List<Row<T>> filtered = filter(items, rows, page == null ? null : req.query("name"), req.queryFlag("use_regex"));
        sort(filtered, rows, req.query("sort"), req.queryFlag("sort_reverse"));
        String columns = req.query("columns");
        if (page == null) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            filtered.forEach(r -> out.add(shown(r.json(rows), columns)));
            return out;
        }
        String sizeParam = req.query("page_size");
        int pageNo;
        int size;
        try {
            pageNo = Integer.parseInt(page);
            size = sizeParam == null ? DEFAULT_PAGE_SIZE : Integer.parseInt(sizeParam);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Pagination parameters are invalid");
        }
        if (pageNo < 1 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ApiException(400, "invalid_pagination_parameters", "Invalid pagination parameters: page number "
                    + pageNo + ", page size " + (sizeParam == null ? "undefined" : size));
        }
        // RabbitMQ counts no pages at all when nothing matches.
        int pageCount = (filtered.size() + size - 1) / size;
        // long: a huge page number must not wrap round to a page that exists.
        long from = (long) (pageNo - 1) * size;
        if (from > 0 && from >= filtered.size()) {
            throw new ApiException(400, "page_out_of_range", "Page out of range, page: " + pageNo + " page size: "
                    + size + ", len: " + filtered.size());
        }
        ArrayNode pageItems = Json.MAPPER.createArrayNode();
        for (Row<T> r : filtered.subList((int) from, (int) Math.min(filtered.size(), from + size))) {
            pageItems.add(shown(r.json(rows), columns));
        }
        ObjectNode out = Json.object();
        out.put("filtered_count", filtered.size());
        out.put("item_count", pageItems.size());
        out.set("items", pageItems);
        out.put("page", pageNo);
        out.put("page_count", pageCount);
        out.put("page_size", size);
        out.put("total_count", total);
        return out;
    }

    private static ObjectNode shown(ObjectNode item, String columns) {
        return columns == null ? item : select(item, columns);
    }

    /** An item with its JSON once rendered and the key it sorts by. */
    private static final class Row<T> {
        final T item;
        ObjectNode json;
        String vhost;
        String name;
        JsonNode key;

        Row(T item) {
            this.item = item;
        }

        ObjectNode json(Rows<T> rows) {
            if (json == null) {
                json = rows.render(item);
            }
            return json;
        }
    }

    private static <T> List<Row<T>> filter(List<T> items, Rows<T> rows, String name, boolean regex) {
        List<Row<T>> out = new ArrayList<>(items.size());
        if (name == null || name.isEmpty()) {
            items.forEach(i -> out.add(new Row<>(i)));
            return out;
        }
        Predicate<String> matches;
        if (regex) {
            Pattern p;
            try {
                p = Pattern.compile(name, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest("Invalid regex: " + e.getDescription());
            }
            matches = n -> p.matcher(n).find();
        } else {
            String needle = name.toLowerCase(Locale.ROOT);
            matches = n -> n.toLowerCase(Locale.ROOT).contains(needle);
        }
        for (T i : items) {
            if (matches.test(rows.name(i))) {
                out.add(new Row<>(i));
            }
        }
        return out;
    }

    /**
     * Sorts by keys taken once per item, from {@link Rows#field} where it can tell and from the
     * rendered item where it cannot. As in RabbitMQ, the requested key comes first and vhost then
     * name break its ties, and {@code sort_reverse} reverses the whole order.
     */
    private static <T> void sort(List<Row<T>> items, Rows<T> rows, String sort, boolean reverse) {
        boolean byDefault = sort == null || sort.isEmpty();
        for (Row<T> r : items) {
            r.vhost = key(r, rows, "vhost").asText();
            r.name = key(r, rows, "name").asText();
            if (!byDefault) {
                r.key = key(r, rows, sort);
            }
        }
        Comparator<Row<T>> byVhostAndName = Comparator.<Row<T>, String>comparing(r -> r.vhost)
                .thenComparing(r -> r.name);
        Comparator<Row<T>> c = byDefault ? byVhostAndName
                : Comparator.<Row<T>, JsonNode>comparing(r -> r.key, Listing::compareValues).thenComparing(byVhostAndName);
        items.sort(reverse ? c.reversed() : c);
    }

    private static <T> JsonNode key(Row<T> r, Rows<T> rows, String dotted) {
        JsonNode cheap = rows.field(r.item, dotted);
        return cheap != null ? cheap : at(r.json(rows), dotted);
    }

    private static JsonNode at(JsonNode node, String dotted) {
        JsonNode n = node;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    /** Missing values first, then numbers by value, then text. */
    private static int compareValues(JsonNode a, JsonNode b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a.isNumber()) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.asText().compareTo(b.asText());
    }

    private static int rank(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return 0;
        }
        return n.isNumber() || n.isBoolean() ? 1 : 2;
    }

    /** Keeps only the listed fields; {@code a.b} keeps field b of object a. */
    static ObjectNode select(ObjectNode item, String columns) {
        ObjectNode out = Json.object();
        for (String col : columns.split(",")) {
            String[] path = col.trim().split("\\.");
            copyPath(item, out, path, 0);
        }
        return out;
    }

    private static void copyPath(ObjectNode from, ObjectNode to, String[] path, int i) {
        JsonNode v = from.get(path[i]);
        if (v == null) {
            return;
        }
        if (i == path.length - 1 || !v.isObject()) {
            to.set(path[i], v);
            return;
        }
        ObjectNode child = to.get(path[i]) instanceof ObjectNode existing ? existing : to.putObject(path[i]);
        copyPath((ObjectNode) v, child, path, i + 1);
    }
}
