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
 * channel's or connection's name there.
 */
final class CoreMetrics {
    private static final List<ObjectFamily<QueueInfo>> QUEUE = List.of(
            ObjectFamily.gauge("rabbitmq_queue_messages_ready", "Messages ready to be delivered to consumers",
                    QueueInfo::messagesReady),
            ObjectFamily.gauge("rabbitmq_queue_messages_unacked",
                    "Messages delivered to consumers but not yet acknowledged", QueueInfo::messagesUnacknowledged),
            ObjectFamily.gauge("rabbitmq_queue_messages",
                    "Sum of ready and unacknowledged messages - total queue depth", QueueInfo::messages),
            ObjectFamily.gauge("rabbitmq_queue_consumers", "Consumers on a queue", QueueInfo::consumers),
            ObjectFamily.gauge("rabbitmq_queue_messages_bytes", "Size in bytes of ready and unacknowledged messages",
                    QueueInfo::messageBytes),
            ObjectFamily.gauge("rabbitmq_queue_messages_ready_bytes", "Size in bytes of ready messages",
                    QueueInfo::messageBytesReady),
            ObjectFamily.gauge("rabbitmq_queue_messages_unacked_bytes",
                    "Size in bytes of all unacknowledged messages", QueueInfo::messageBytesUnacknowledged),
            ObjectFamily.gauge("rabbitmq_queue_messages_paged_out", "Messages paged out to disk",
                    QueueInfo::messagesPagedOut),
            ObjectFamily.counter("rabbitmq_queue_messages_published_total",
                    "Total number of messages published to queues", q -> q.messageStats().get("publish")));

    private static final List<ObjectFamily<ChannelInfo>> CHANNEL = List.of(
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
                    ChannelInfo::globalPrefetchCount),
            stat("rabbitmq_channel_messages_published_total",
                    "Total number of messages published into an exchange on a channel", "publish"),
            stat("rabbitmq_channel_messages_confirmed_total",
                    "Total number of messages published into an exchange and confirmed on the channel", "confirm"),
            stat("rabbitmq_channel_messages_unroutable_returned_total",
                    "Total number of messages published as mandatory into an exchange and returned to the publisher as unroutable",
                    "return_unroutable"),
            stat("rabbitmq_channel_messages_unroutable_dropped_total",
                    "Total number of messages published as non-mandatory into an exchange and dropped as unroutable",
                    "drop_unroutable"),
            stat("rabbitmq_channel_get_ack_total",
                    "Total number of messages fetched with basic.get in manual acknowledgement mode", "get"),
            stat("rabbitmq_channel_get_total",
                    "Total number of messages fetched with basic.get in automatic acknowledgement mode", "get_no_ack"),
            stat("rabbitmq_channel_messages_delivered_ack_total",
                    "Total number of messages delivered to consumers in manual acknowledgement mode", "deliver"),
            stat("rabbitmq_channel_messages_delivered_total",
                    "Total number of messages delivered to consumers in automatic acknowledgement mode",
                    "deliver_no_ack"),
            stat("rabbitmq_channel_messages_redelivered_total", "Total number of messages redelivered to consumers",
                    "redeliver"),
            stat("rabbitmq_channel_messages_acked_total", "Total number of messages acknowledged by consumers", "ack"),
            stat("rabbitmq_channel_get_empty_total", "Total number of times basic.get operations fetched no message",
                    "get_empty"));

    private static final List<ObjectFamily<ConnectionInfo>> CONNECTION = List.of(
            ObjectFamily.counter("rabbitmq_connection_incoming_bytes_total",
                    "Total number of bytes received on a connection", ConnectionInfo::recvOct),
            ObjectFamily.counter("rabbitmq_connection_outgoing_bytes_total",
                    "Total number of bytes sent on a connection", ConnectionInfo::sendOct),
            ObjectFamily.counter("rabbitmq_connection_incoming_packets_total",
                    "Total number of packets received on a connection", ConnectionInfo::recvCnt),
            ObjectFamily.counter("rabbitmq_connection_outgoing_packets_total",
                    "Total number of packets sent on a connection", ConnectionInfo::sendCnt),
            ObjectFamily.gauge("rabbitmq_connection_channels", "Channels on a connection", ConnectionInfo::channels));

    private final Broker broker;

    CoreMetrics(Broker broker) {
        this.broker = broker;
    }

    private static ObjectFamily<ChannelInfo> stat(String name, String help, String field) {
        return ObjectFamily.counter(name, help, c -> c.messageStats().get(field));
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
        write(text, perObject, QUEUE, queues, q -> new String[] {"vhost", q.vhost(), "queue", q.name()});
        write(text, perObject, CHANNEL, channels, c -> new String[] {"channel", c.name()});
        write(text, perObject, CONNECTION, connections, c -> new String[] {"channel", c.name()});
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
