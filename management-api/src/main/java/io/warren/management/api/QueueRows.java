package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.UnavailableQueue;
import io.warren.broker.VirtualHost;
import io.warren.broker.stats.BrokerStatistics;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.Listing;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueStats;

/**
 * The queues of {@code GET /api/queues} for {@link Listing}: the name, vhost, lengths and
 * consumer count that people filter and sort by are read straight from the queue's published
 * counters, so only the queues on the page answered are rendered through {@link QueueJson}.
 * One instance serves one request, on its thread.
 */
final class QueueRows implements Listing.Rows<QueueRows.Row> {
    /** A queue and the vhost it lives in; or a queue whose files could not be read ({@code queue} null). */
    record Row(VirtualHost vhost, MessageQueue queue, UnavailableQueue down) {
        Row(VirtualHost vhost, MessageQueue queue) {
            this(vhost, queue, null);
        }

        String name() {
            return queue != null ? queue.name() : down.name();
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final BrokerStatistics statistics;
    private final ApiRequest req;
    private final boolean reduced;
    private final boolean totals;

    QueueRows(BrokerStatistics statistics, ApiRequest req) {
        this.statistics = statistics;
        this.req = req;
        this.reduced = req.queryFlag("disable_stats");
        this.totals = req.queryFlag("enable_queue_totals");
    }

    @Override
    public String name(Row row) {
        return row.name();
    }

    @Override
    public ObjectNode render(Row row) {
        if (row.queue() == null) {
            return QueueJson.down(row.vhost(), row.down());
        }
        var info = statistics.queue(row.queue());
        return reduced ? QueueJson.reduced(row.vhost(), row.queue(), info, totals)
                : QueueJson.of(row.vhost(), row.queue(), info, req);
    }

    @Override
    public JsonNode field(Row row, String dotted) {
        switch (dotted) {
            case "name":
                return NODES.textNode(row.name());
            case "vhost":
                return NODES.textNode(row.vhost().name());
            default:
                break;
        }
        // The reduced form has the lengths only with enable_queue_totals, and no consumers.
        if (reduced && !totals || row.queue() == null) {
            return null;
        }
        QueueStats s = row.queue().stats();
        return switch (dotted) {
            case "messages" -> NODES.numberNode((long) s.readySnapshot() + s.unackedSnapshot());
            case "messages_ready" -> NODES.numberNode((long) s.readySnapshot());
            case "messages_unacknowledged" -> NODES.numberNode((long) s.unackedSnapshot());
            case "consumers" -> reduced ? null : NODES.numberNode(s.consumersSnapshot());
            default -> null;
        };
    }
}
