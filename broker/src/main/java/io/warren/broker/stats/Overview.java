package io.warren.broker.stats;

import java.util.Map;

/**
 * The broker-wide figures of /api/overview; a snapshot. {@code messageStats} and
 * {@code churnRates} by RabbitMQ's field names; {@code rates} has their history and that of the
 * queue totals (messages, messages_ready, messages_unacknowledged), kept longer than any other
 * object's.
 */
public record Overview(ObjectTotals objectTotals, QueueTotals queueTotals, Map<String, Long> messageStats,
                       Map<String, Long> churnRates, SampleHistory rates) {

    /** object_totals. */
    public record ObjectTotals(int connections, int channels, int consumers, int queues, int exchanges) {}

    /** queue_totals. */
    public record QueueTotals(long messages, long messagesReady, long messagesUnacknowledged) {}
}
