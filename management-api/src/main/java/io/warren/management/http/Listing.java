package io.warren.management.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * RabbitMQ's treatment of list responses ({@code rabbit_mgmt_util:filter_and_paginate}):
 * a {@code name} filter (case-insensitive substring, or a regular expression with
 * {@code use_regex=true}), sorting by {@code sort} (a dotted field path; vhost then name by
 * default) and {@code sort_reverse}, {@code page}/{@code page_size} pagination with its wrapper
 * object, and {@code columns} to keep only some fields.
 */
public final class Listing {
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 500;

    private Listing() {
    }

    public static ApiResponse respond(ApiRequest req, List<ObjectNode> items) {
        return ApiResponse.json(apply(req, items));
    }

    public static JsonNode apply(ApiRequest req, List<ObjectNode> items) {
        int total = items.size();
        List<ObjectNode> filtered = filter(items, req.query("name"), req.queryFlag("use_regex"));
        sort(filtered, req.query("sort"), req.queryFlag("sort_reverse"));
        String columns = req.query("columns");
        String page = req.query("page");
        if (page == null) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            filtered.forEach(i -> out.add(columns == null ? i : select(i, columns)));
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
        int pageCount = Math.max(1, (filtered.size() + size - 1) / size);
        int from = (pageNo - 1) * size;
        if (from > 0 && from >= filtered.size()) {
            throw new ApiException(400, "page_out_of_range", "Page out of range, page: " + pageNo + " page size: "
                    + size + ", len: " + filtered.size());
        }
        ArrayNode pageItems = Json.MAPPER.createArrayNode();
        for (ObjectNode i : filtered.subList(from, Math.min(filtered.size(), from + size))) {
            pageItems.add(columns == null ? i : select(i, columns));
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

    private static List<ObjectNode> filter(List<ObjectNode> items, String name, boolean regex) {
        if (name == null || name.isEmpty()) {
            return new ArrayList<>(items);
        }
        List<ObjectNode> out = new ArrayList<>();
        if (regex) {
            Pattern p;
            try {
                p = Pattern.compile(name, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest("Invalid regex: " + e.getDescription());
            }
            for (ObjectNode i : items) {
                if (p.matcher(i.path("name").asText()).find()) {
                    out.add(i);
                }
            }
        } else {
            String needle = name.toLowerCase(Locale.ROOT);
            for (ObjectNode i : items) {
                if (i.path("name").asText().toLowerCase(Locale.ROOT).contains(needle)) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    private static void sort(List<ObjectNode> items, String sort, boolean reverse) {
        Comparator<ObjectNode> c = sort == null || sort.isEmpty()
                ? Comparator.<ObjectNode, String>comparing(i -> i.path("vhost").asText())
                        .thenComparing(i -> i.path("name").asText())
                : Comparator.comparing(i -> at(i, sort), Listing::compareValues);
        items.sort(reverse ? c.reversed() : c);
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
