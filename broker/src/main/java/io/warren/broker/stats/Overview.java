package io.warren.broker.stats;

import io.warren.queue.MessageQueue;
import io.warren.queue.QueueStats;

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
    public record QueueTotals(long messages, long messagesReady, long messagesUnacknowledged) {

        /** The lengths of {@code queues} as of each one's last pass, added up. */
        public static QueueTotals of(Iterable<MessageQueue> queues) {
            long ready = 0;
            long unacked = 0;
            for (MessageQueue q : queues) {
                QueueStats s = q.stats();
                ready += s.readySnapshot();
                unacked += s.unackedSnapshot();
            }
            return new QueueTotals(ready + unacked, ready, unacked);
        }
    }
}
