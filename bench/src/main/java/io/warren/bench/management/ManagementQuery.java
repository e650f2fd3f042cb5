package io.warren.bench.management;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One GET the run times: a short name for reports and the path with its query string, relative
 * to the management API's base URI.
 */
public record ManagementQuery(String name, String path) {
    /** Rows per page of the listing queries other than the web UI's. */
    static final int PAGE_SIZE = 100;
    /** The page deep in the list that is asked for, when the list is that long. */
    static final int DEEP_PAGE = 50;

    /**
     * The queries people make, against a fixture of {@code queues} queues named
     * {@code <namePrefix>00000, <namePrefix>00001, ...}: the web UI's queue list exactly as
     * Warren's UI requests it, the API's first page, the busiest queues first, a name filter,
     * a page deep in the list (page 50, or the last when there are fewer), one queue, the
     * overview and the first page of connections.
     */
    public static List<ManagementQuery> catalogue(String namePrefix, int queues, String vhost, String oneQueue) {
        int deepPage = Math.min(DEEP_PAGE, Math.max(1, (queues + PAGE_SIZE - 1) / PAGE_SIZE));
        // Ten queues (or all when there are fewer than fifty): the prefix of q00040..q00049.
        String filter = namePrefix + (queues >= 50 ? "0004" : "");
        return List.of(
                new ManagementQuery("ui-queues",
                        "/api/queues?page=1&page_size=50&use_regex=false&sort=name&sort_reverse=false&pagination=true"),
                new ManagementQuery("queues-page1", "/api/queues?page=1&page_size=" + PAGE_SIZE),
                new ManagementQuery("queues-by-messages",
                        "/api/queues?page=1&page_size=" + PAGE_SIZE + "&sort=messages&sort_reverse=true"),
                new ManagementQuery("queues-name-filter",
                        "/api/queues?page=1&page_size=" + PAGE_SIZE + "&name=" + encode(filter) + "&use_regex=false"),
                new ManagementQuery("queues-page" + deepPage,
                        "/api/queues?page=" + deepPage + "&page_size=" + PAGE_SIZE),
                new ManagementQuery("queue", "/api/queues/" + encode(vhost) + "/" + encode(oneQueue)),
                new ManagementQuery("overview", "/api/overview"),
                new ManagementQuery("connections-page1", "/api/connections?page=1&page_size=" + PAGE_SIZE));
    }

    /** Percent-encodes a path segment or query value; a space is %20 either way. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
