package io.warren.metrics;

import io.warren.broker.Broker;
import io.warren.broker.VirtualHost;
import io.warren.broker.stats.BrokerStatistics;
import io.warren.broker.stats.ChannelInfo;
import io.warren.broker.stats.ConnectionInfo;
import io.warren.broker.stats.QueueInfo;
import io.warren.queue.MessageQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * rabbitmq_prometheus's core metrics (prometheus_rabbitmq_core_metrics_collector): queue,
 * channel and connection figures, summed at /metrics and one series per object at
 * /metrics/per-object, under RabbitMQ's names, types, help texts and labels. RabbitMQ labels
 * channel and connection series with the process id under {@code channel}; Warren puts the
 * channel's or connection's name there. The families are grouped by the RabbitMQ core metrics
 * table each comes from, so that /metrics/detailed ({@link DetailedMetrics}) can ask for them
 * by that name.
 */
final class CoreMetrics {
    /** queue_coarse_metrics, less the Erlang process reductions. */
    static final List<ObjectFamily<QueueInfo>> QUEUE_COARSE = List.of(
            ObjectFamily.gauge("rabbitmq_queue_messages_ready", "Messages ready to be delivered to consumers",
                    QueueInfo::messagesReady),
            ObjectFamily.gauge("rabbitmq_queue_messages_unacked",
                    "Messages delivered to consumers but not yet acknowledged", QueueInfo::messagesUnacknowledged),
            ObjectFamily.gauge("rabbitmq_queue_messages",
                    "Sum of ready and unacknowledged messages - total queue depth", QueueInfo::messages));

    /** queue_consumer_count, the first of queue_metrics. */
    static final List<ObjectFamily<QueueInfo>> QUEUE_CONSUMER_COUNT = List.of(
            ObjectFamily.gauge("rabbitmq_queue_consumers", "Consumers on a queue", QueueInfo::consumers));

    /**
     * queue_metrics' consumer capacity and in-memory counts, as the management API reports them:
     * a queue with consumers can always deliver, and only paged-out messages are not in memory.
     */
    static final List<ObjectFamily<QueueInfo>> QUEUE_CAPACITY_AND_RAM = List.of(
            ObjectFamily.gauge("rabbitmq_queue_consumer_capacity", "Consumer capacity", CoreMetrics::capacity),
            ObjectFamily.gauge("rabbitmq_queue_consumer_utilisation", "Same as consumer capacity",
                    CoreMetrics::capacity),
            ObjectFamily.gauge("rabbitmq_queue_messages_ram", "Ready and unacknowledged messages stored in memory",
                    q -> q.messages() - q.messagesPagedOut()),
            ObjectFamily.gauge("rabbitmq_queue_messages_ready_ram", "Ready messages stored in memory",
                    q -> q.messagesReady() - q.messagesPagedOut()),
            ObjectFamily.gauge("rabbitmq_queue_messages_unacked_ram", "Unacknowledged messages stored in memory",
                    QueueInfo::messagesUnacknowledged));

    /** queue_metrics' persistent counts, sizes in bytes and the paged-out count. */
    static final List<ObjectFamily<QueueInfo>> QUEUE_SIZES = List.of(
            ObjectFamily.gauge("rabbitmq_queue_messages_persistent", "Persistent messages",
                    QueueInfo::messagesPersistent),
            ObjectFamily.gauge("rabbitmq_queue_messages_persistent_bytes", "Size in bytes of persistent messages",
                    QueueInfo::messageBytesPersistent),
            ObjectFamily.gauge("rabbitmq_queue_messages_bytes", "Size in bytes of ready and unacknowledged messages",
                    QueueInfo::messageBytes),
            ObjectFamily.gauge("rabbitmq_queue_messages_ready_bytes", "Size in bytes of ready messages",
                    QueueInfo::messageBytesReady),
            ObjectFamily.gauge("rabbitmq_queue_messages_unacked_bytes",
                    "Size in bytes of all unacknowledged messages", QueueInfo::messageBytesUnacknowledged),
            ObjectFamily.gauge("rabbitmq_queue_messages_paged_out", "Messages paged out to disk",
                    QueueInfo::messagesPagedOut));

    /**
     * channel_queue_exchange_metrics summed per queue: Warren counts publishes per queue, not per
     * channel, queue and exchange.
     */
    private static final List<ObjectFamily<QueueInfo>> QUEUE_PUBLISHED = List.of(
            ObjectFamily.counter("rabbitmq_queue_messages_published_total",
                    "Total number of messages published to queues", q -> q.messageStats().get("publish")));

    /** queue_delivery_metrics: channel_queue_metrics by queue instead of by channel. */
    static final List<ObjectFamily<QueueInfo>> QUEUE_DELIVERY = List.of(
            queueStat("rabbitmq_queue_get_ack_total",
                    "Total number of messages fetched from a queue with basic.get in manual acknowledgement mode",
                    "get"),
            queueStat("rabbitmq_queue_get_total",
                    "Total number of messages fetched from a queue with basic.get in automatic acknowledgement mode",
                    "get_no_ack"),
            queueStat("rabbitmq_queue_messages_delivered_ack_total",
                    "Total number of messages delivered from a queue to consumers in manual acknowledgement mode",
                    "deliver"),
            queueStat("rabbitmq_queue_messages_delivered_total",
                    "Total number of messages delivered from a queue to consumers in automatic acknowledgement mode",
                    "deliver_no_ack"),
            queueStat("rabbitmq_queue_messages_redelivered_total",
                    "Total number of messages redelivered from a queue to consumers", "redeliver"),
            queueStat("rabbitmq_queue_messages_acked_total",
                    "Total number of messages acknowledged by consumers on a queue", "ack"),
            queueStat("rabbitmq_queue_get_empty_total",
                    "Total number of times basic.get operations fetched no message on a queue", "get_empty"));

    static final List<ObjectFamily<ChannelInfo>> CHANNEL_METRICS = List.of(
            ObjectFamily.gauge("rabbitmq_channel_consumers", "Consumers on a channel", ChannelInfo::consumerCount),
            ObjectFamily.gauge("rabbitmq_channel_messages_unacked", "Delivered but not yet acknowledged messages",
                    ChannelInfo::messagesUnacknowledged),
            ObjectFamily.gauge("rabbitmq_channel_messages_unconfirmed", "Published but not yet confirmed messages",
                    ChannelInfo::messagesUnconfirmed),
            ObjectFamily.gauge("rabbitmq_channel_messages_uncommitted",
                    "Messages received in a transaction but not yet committed", ChannelInfo::messagesUncommitted),
            ObjectFamily.gauge("rabbitmq_channel_acks_uncommitted",
                    "Message acknowledgements in a transaction not yet committed", ChannelInfo::acksUncommitted),
            ObjectFamily.gauge("rabbitmq_consumer_prefetch", "Limit of unacknowledged messages for each consumer",
                    ChannelInfo::prefetchCount),
            ObjectFamily.gauge("rabbitmq_channel_prefetch",
                    "Total limit of unacknowledged messages for all consumers on a channel",
                    ChannelInfo::globalPrefetchCount));

    /** channel_exchange_metrics summed per channel: Warren counts by channel, not by channel and exchange. */
    static final List<ObjectFamily<ChannelInfo>> CHANNEL_EXCHANGE = List.of(
            channelStat("rabbitmq_channel_messages_published_total",
                    "Total number of messages published into an exchange on a channel", "publish"),
            channelStat("rabbitmq_channel_messages_confirmed_total",
                    "Total number of messages published into an exchange and confirmed on the channel", "confirm"),
            channelStat("rabbitmq_channel_messages_unroutable_returned_total",
                    "Total number of messages published as mandatory into an exchange and returned to the publisher as unroutable",
                    "return_unroutable"),
            channelStat("rabbitmq_channel_messages_unroutable_dropped_total",
                    "Total number of messages published as non-mandatory into an exchange and dropped as unroutable",
                    "drop_unroutable"));

    /** channel_queue_metrics summed per channel: Warren counts by channel, not by channel and queue. */
    static final List<ObjectFamily<ChannelInfo>> CHANNEL_QUEUE = List.of(
            channelStat("rabbitmq_channel_get_ack_total",
                    "Total number of messages fetched with basic.get in manual acknowledgement mode", "get"),
            channelStat("rabbitmq_channel_get_total",
                    "Total number of messages fetched with basic.get in automatic acknowledgement mode", "get_no_ack"),
            channelStat("rabbitmq_channel_messages_delivered_ack_total",
                    "Total number of messages delivered to consumers in manual acknowledgement mode", "deliver"),
            channelStat("rabbitmq_channel_messages_delivered_total",
                    "Total number of messages delivered to consumers in automatic acknowledgement mode",
                    "deliver_no_ack"),
            channelStat("rabbitmq_channel_messages_redelivered_total",
                    "Total number of messages redelivered to consumers", "redeliver"),
            channelStat("rabbitmq_channel_messages_acked_total", "Total number of messages acknowledged by consumers",
                    "ack"),
            channelStat("rabbitmq_channel_get_empty_total",
                    "Total number of times basic.get operations fetched no message", "get_empty"));

    /** connection_coarse_metrics, less the Erlang process reductions. */
    static final List<ObjectFamily<ConnectionInfo>> CONNECTION_COARSE = List.of(
            ObjectFamily.counter("rabbitmq_connection_incoming_bytes_total",
                    "Total number of bytes received on a connection", ConnectionInfo::recvOct),
            ObjectFamily.counter("rabbitmq_connection_outgoing_bytes_total",
                    "Total number of bytes sent on a connection", ConnectionInfo::sendOct));

    /** connection_metrics, less the pending packets Warren's event loop does not count. */
    static final List<ObjectFamily<ConnectionInfo>> CONNECTION_METRICS = List.of(
            ObjectFamily.counter("rabbitmq_connection_incoming_packets_total",
                    "Total number of packets received on a connection", ConnectionInfo::recvCnt),
            ObjectFamily.counter("rabbitmq_connection_outgoing_packets_total",
                    "Total number of packets sent on a connection", ConnectionInfo::sendCnt),
            ObjectFamily.gauge("rabbitmq_connection_channels", "Channels on a connection", ConnectionInfo::channels));

    private static final List<ObjectFamily<QueueInfo>> QUEUE =
            concat(QUEUE_COARSE, QUEUE_CONSUMER_COUNT, QUEUE_SIZES, QUEUE_PUBLISHED);
    private static final List<ObjectFamily<ChannelInfo>> CHANNEL = concat(CHANNEL_METRICS, CHANNEL_EXCHANGE,
            CHANNEL_QUEUE);
    private static final List<ObjectFamily<ConnectionInfo>> CONNECTION = concat(CONNECTION_COARSE,
            CONNECTION_METRICS);

    private final Broker broker;

    CoreMetrics(Broker broker) {
        this.broker = broker;
    }

    private static ObjectFamily<ChannelInfo> channelStat(String name, String help, String field) {
        return ObjectFamily.counter(name, help, c -> c.messageStats().get(field));
    }

    private static ObjectFamily<QueueInfo> queueStat(String name, String help, String field) {
        return ObjectFamily.counter(name, help, q -> q.messageStats().get(field));
    }

    private static double capacity(QueueInfo q) {
        return q.consumers() > 0 ? 1 : 0;
    }

    static String[] queueLabels(QueueInfo q) {
        return new String[] {"vhost", q.vhost(), "queue", q.name()};
    }

    static String[] channelLabels(ChannelInfo c) {
        return new String[] {"channel", c.name()};
    }

    /** RabbitMQ labels connection series by process id under "channel" too. */
    static String[] connectionLabels(ConnectionInfo c) {
        return new String[] {"channel", c.name()};
    }

    @SafeVarargs
    static <T> List<ObjectFamily<T>> concat(List<ObjectFamily<T>>... groups) {
        List<ObjectFamily<T>> all = new ArrayList<>();
        for (List<ObjectFamily<T>> g : groups) {
            all.addAll(g);
        }
        return List.copyOf(all);
    }

    void write(PrometheusText text, boolean perObject) {
        BrokerStatistics stats = broker.statistics();
        List<QueueInfo> queues = new ArrayList<>();
        for (VirtualHost v : broker.vhosts().all()) {
            for (MessageQueue q : v.queues()) {
                queues.add(stats.queue(q));
            }
        }
        List<ChannelInfo> channels = stats.channels();
        List<ConnectionInfo> connections = stats.connections();
        write(text, perObject, QUEUE, queues, CoreMetrics::queueLabels);
        write(text, perObject, CHANNEL, channels, CoreMetrics::channelLabels);
        write(text, perObject, CONNECTION, connections, CoreMetrics::connectionLabels);
        int consumers = 0;
        for (ChannelInfo c : channels) {
            consumers += c.consumerCount();
        }
        text.family("rabbitmq_connections", "gauge", "Connections currently open")
                .sample("rabbitmq_connections", connections.size());
        text.family("rabbitmq_channels", "gauge", "Channels currently open")
                .sample("rabbitmq_channels", channels.size());
        text.family("rabbitmq_consumers", "gauge", "Consumers currently connected")
                .sample("rabbitmq_consumers", consumers);
        text.family("rabbitmq_queues", "gauge", "Queues available").sample("rabbitmq_queues", queues.size());
    }

    private static <T> void write(PrometheusText text, boolean perObject, List<ObjectFamily<T>> families,
                                  List<T> objects, Function<T, String[]> labels) {
        for (ObjectFamily<T> f : families) {
            if (perObject) {
                f.writeEach(text, objects, labels);
            } else {
                f.writeTotal(text, objects);
            }
        }
    }
}
