package io.warren.management.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.management.http.Json;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueStats;

/**
 * The statistics parts of the API's objects: {@code message_stats} counters with their
 * {@code _details}, and the details of queue lengths, as RabbitMQ reports them.
 */
final class Stats {

    ObjectNode queueMessageStats(MessageQueue q) {
        QueueStats s = q.stats();
        ObjectNode o = Json.object();
        counter(o, "ack", s.acked());
        counter(o, "deliver", s.delivered());
        counter(o, "deliver_get", s.delivered());
        counter(o, "publish", s.published());
        counter(o, "redeliver", s.redelivered());
        return o;
    }

    ObjectNode lengthDetails(MessageQueue q, String field) {
        return Json.object().put("rate", 0.0);
    }

    private static void counter(ObjectNode o, String field, long value) {
        o.put(field, value);
        o.set(field + "_details", Json.object().put("rate", 0.0));
    }
}
