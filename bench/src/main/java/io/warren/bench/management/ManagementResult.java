package io.warren.bench.management;

import java.util.List;

/**
 * The figures of one management-scale run against one broker.
 *
 * @param label            which broker this was, as given by {@code --label}
 * @param broker           the management URI without its password
 * @param queues           queues the run declared
 * @param connections      idle connections the run opened (besides its few working ones)
 * @param concurrency      GETs in flight at once
 * @param rssBeforeBytes   the broker's RSS before the run created anything; -1 when not known
 * @param rssBytes         the broker's RSS with everything created, after the timed requests; -1 when not known
 * @param heapAfterGcBytes a JVM broker's heap in use after a full GC at that point; -1 otherwise
 * @param queries          per query, in the order they were asked
 */
public record ManagementResult(String label, String broker, int queues, int connections, int concurrency,
                               long rssBeforeBytes, long rssBytes, long heapAfterGcBytes, List<QueryResult> queries) {
    public ManagementResult {
        queries = List.copyOf(queries);
    }
}
