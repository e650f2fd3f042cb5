package io.warren.metrics;

import io.warren.broker.Broker;
import io.warren.broker.ServerProperties;
import io.warren.broker.alarm.ResourceAlarm;
import io.warren.broker.alarm.ResourceMonitors;
import io.warren.broker.stats.ChannelInfo;
import io.warren.broker.stats.Churn;
import io.warren.broker.stats.MessageSizes;
import io.warren.broker.stats.MessageStat;
import io.warren.broker.stats.MessageTotals;
import io.warren.queue.DeadLetterReason;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The node-wide part of rabbitmq_prometheus: alarms, resource limits, churn totals, the global
 * message counters (prometheus_rabbitmq_global_metrics_collector, protocol="amqp091"; Warren has
 * classic queues only), the message size histogram, and the identity and build info series
 * dashboards join on. The same at /metrics and /metrics/per-object, but for the identity's
 * {@code rabbitmq_endpoint} label, which names the page as RabbitMQ 4 does (Grafana's
 * RabbitMQ-Overview dashboard picks the endpoint by it).
 */
final class NodeMetrics {
    private static final String PROTOCOL = "protocol";
    private static final String AMQP091 = "amqp091";
    private static final String QUEUE_TYPE = "queue_type";
    private static final String CLASSIC = "rabbit_classic_queue";
    private static final String RABBITMQ = "rabbitmq_";

    private final Broker broker;
    private final String nodeName;

    NodeMetrics(Broker broker, String nodeName) {
        this.broker = broker;
        this.nodeName = nodeName;
    }

    /** @param endpoint the page, as rabbitmq_identity_info's rabbitmq_endpoint label: aggregated or per-object */
    void write(PrometheusText text, String endpoint) {
        writeAlarms(text);
        writeNodeCoarse(text, RABBITMQ);
        writeNodeLimits(text, RABBITMQ);
        writeChurn(text, RABBITMQ);
        writeInfo(text, endpoint);
        writeGlobal(text, broker.statistics().globalTotals());
        writeMessageSizes(text);
    }

    private void writeAlarms(PrometheusText text) {
        text.family("rabbitmq_alarms_file_descriptor_limit", "untyped",
                "is 1 if file descriptor limit alarm is in effect").sample("rabbitmq_alarms_file_descriptor_limit", 0);
        text.family("rabbitmq_alarms_free_disk_space_watermark", "untyped",
                "is 1 if free disk space watermark alarm is in effect")
                .sample("rabbitmq_alarms_free_disk_space_watermark", alarm(ResourceAlarm.DISK));
        text.family("rabbitmq_alarms_memory_used_watermark", "untyped",
                "is 1 if VM memory watermark alarm is in effect")
                .sample("rabbitmq_alarms_memory_used_watermark", alarm(ResourceAlarm.MEMORY));
    }

    /**
     * RabbitMQ's node_coarse_metrics that have a JVM counterpart, each name after {@code prefix};
     * the Erlang scheduler, process and garbage collector figures have none. Open file
     * descriptors only where the JVM can count them (Unix). Open TCP sockets are the AMQP
     * connections' (handshakes included), which RabbitMQ's file handle cache counts there too.
     */
    void writeNodeCoarse(PrometheusText text, String prefix) {
        ResourceMonitors r = broker.resourceMonitors();
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            gauge(text, prefix + "process_open_fds", "Open file descriptors", unix.getOpenFileDescriptorCount());
        }
        gauge(text, prefix + "process_open_tcp_sockets", "Open TCP sockets", broker.socketsOpen());
        gauge(text, prefix + "process_resident_memory_bytes", "Memory used in bytes", r.memory().used());
        gauge(text, prefix + "disk_space_available_bytes", "Disk space available in bytes", r.disk().free());
    }

    /**
     * RabbitMQ's node_metrics (the limits and the uptime) that have a JVM counterpart, each name
     * after {@code prefix}. The TCP socket limit is the AMQP listeners' (the accept gate's, as
     * /api/nodes reports it in sockets_total); the Erlang uptime is the broker's.
     */
    void writeNodeLimits(PrometheusText text, String prefix) {
        ResourceMonitors r = broker.resourceMonitors();
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            gauge(text, prefix + "process_max_fds", "Open file descriptors limit", unix.getMaxFileDescriptorCount());
        }
        gauge(text, prefix + "process_max_tcp_sockets", "Open TCP sockets limit", broker.socketLimit());
        gauge(text, prefix + "resident_memory_limit_bytes", "Memory high watermark in bytes",
                r.memory().highWatermark());
        gauge(text, prefix + "disk_space_available_limit_bytes", "Free disk space low watermark in bytes",
                r.disk().freeLimit());
        text.family(prefix + "erlang_uptime_seconds", "gauge",
                "Node uptime (Warren runs no Erlang VM: the broker's uptime, since it was started)")
                .sample(prefix + "erlang_uptime_seconds", broker.uptimeMillis() / 1000.0);
    }

    private static void gauge(PrometheusText text, String name, String help, long value) {
        text.family(name, "gauge", help).sample(name, value);
    }

    private int alarm(ResourceAlarm a) {
        return broker.alarms().isActive(a) ? 1 : 0;
    }

    /** RabbitMQ's connection_churn_metrics, each name after {@code prefix}. */
    void writeChurn(PrometheusText text, String prefix) {
        Churn c = broker.statistics().churn();
        counter(text, prefix + "connections_opened_total", "Total number of connections opened",
                c.connectionsCreated());
        counter(text, prefix + "connections_closed_total", "Total number of connections closed or terminated",
                c.connectionsClosed());
        counter(text, prefix + "channels_opened_total", "Total number of channels opened", c.channelsCreated());
        counter(text, prefix + "channels_closed_total", "Total number of channels closed", c.channelsClosed());
        counter(text, prefix + "queues_declared_total", "Total number of queues declared", c.queuesDeclared());
        counter(text, prefix + "queues_created_total", "Total number of queues created", c.queuesCreated());
        counter(text, prefix + "queues_deleted_total", "Total number of queues deleted", c.queuesDeleted());
    }

    private static void counter(PrometheusText text, String name, String help, long value) {
        text.family(name, "counter", help).sample(name, value);
    }

    /** @param endpoint the page, as the rabbitmq_endpoint label: aggregated, per-object or detailed */
    void writeInfo(PrometheusText text, String endpoint) {
        String cluster = broker.clusterName();
        String version = ServerProperties.RABBITMQ_COMPATIBLE_VERSION;
        text.family("rabbitmq_build_info", "untyped", "RabbitMQ & Erlang/OTP version info")
                .sample("rabbitmq_build_info", 1, "rabbitmq_version", version, "prometheus_plugin_version", version,
                        "prometheus_client_version", "micrometer", "erlang_version",
                        "Java " + System.getProperty("java.version"));
        text.family("rabbitmq_identity_info", "untyped", "RabbitMQ node & cluster identity info")
                .sample("rabbitmq_identity_info", 1, "rabbitmq_node", nodeName, "rabbitmq_cluster", cluster,
                        "rabbitmq_cluster_permanent_id", "rabbitmq-cluster-id-"
                                + UUID.nameUUIDFromBytes(cluster.getBytes(StandardCharsets.UTF_8)),
                        "rabbitmq_endpoint", endpoint);
    }

    private void writeGlobal(PrometheusText text, MessageTotals t) {
        long consumers = broker.statistics().consumers().size();
        text.family("rabbitmq_global_consumers", "gauge", "Current number of consumers")
                .sample("rabbitmq_global_consumers", consumers, PROTOCOL, AMQP091);
        text.family("rabbitmq_global_publishers", "gauge", "Current number of publishers")
                .sample("rabbitmq_global_publishers", publishers(), PROTOCOL, AMQP091);
        perQueueType(text, "rabbitmq_global_messages_acknowledged_total",
                "Total number of messages acknowledged by consumers", t.get(MessageStat.ACK));
        global(text, "rabbitmq_global_messages_confirmed_total", "Total number of messages confirmed to publishers",
                t.get(MessageStat.CONFIRM));
        deadLettered(text, t, "rabbitmq_global_messages_dead_lettered_delivery_limit_total",
                "Total number of messages dead-lettered due to delivery-limit exceeded", DeadLetterReason.DELIVERY_LIMIT);
        deadLettered(text, t, "rabbitmq_global_messages_dead_lettered_expired_total",
                "Total number of messages dead-lettered due to message TTL exceeded", DeadLetterReason.EXPIRED);
        deadLettered(text, t, "rabbitmq_global_messages_dead_lettered_maxlen_total",
                "Total number of messages dead-lettered due to overflow drop-head or reject-publish-dlx",
                DeadLetterReason.MAXLEN);
        deadLettered(text, t, "rabbitmq_global_messages_dead_lettered_rejected_total",
                "Total number of messages dead-lettered due to basic.reject or basic.nack", DeadLetterReason.REJECTED);
        perQueueType(text, "rabbitmq_global_messages_delivered_consume_auto_ack_total",
                "Total number of messages delivered to consumers using basic.consume with automatic acknowledgment",
                t.get(MessageStat.DELIVER_NO_ACK));
        perQueueType(text, "rabbitmq_global_messages_delivered_consume_manual_ack_total",
                "Total number of messages delivered to consumers using basic.consume with manual acknowledgment",
                t.get(MessageStat.DELIVER));
        perQueueType(text, "rabbitmq_global_messages_delivered_get_auto_ack_total",
                "Total number of messages delivered to consumers using basic.get with automatic acknowledgment",
                t.get(MessageStat.GET_NO_ACK));
        perQueueType(text, "rabbitmq_global_messages_delivered_get_manual_ack_total",
                "Total number of messages delivered to consumers using basic.get with manual acknowledgment",
                t.get(MessageStat.GET));
        perQueueType(text, "rabbitmq_global_messages_delivered_total", "Total number of messages delivered to consumers",
                t.deliverGet());
        perQueueType(text, "rabbitmq_global_messages_get_empty_total",
                "Total number of times basic.get operations fetched no message", t.get(MessageStat.GET_EMPTY));
        global(text, "rabbitmq_global_messages_received_confirm_total",
                "Total number of messages received from publishers expecting confirmations",
                t.get(MessageStat.RECEIVED_CONFIRM));
        global(text, "rabbitmq_global_messages_received_total", "Total number of messages received from publishers",
                t.get(MessageStat.PUBLISH));
        perQueueType(text, "rabbitmq_global_messages_redelivered_total",
                "Total number of messages redelivered to consumers", t.get(MessageStat.REDELIVER));
        global(text, "rabbitmq_global_messages_routed_total", "Total number of messages routed to queues or streams",
                t.get(MessageStat.ROUTED));
        global(text, "rabbitmq_global_messages_unroutable_dropped_total",
                "Total number of messages published as non-mandatory into an exchange and dropped as unroutable",
                t.get(MessageStat.DROP_UNROUTABLE));
        global(text, "rabbitmq_global_messages_unroutable_returned_total",
                "Total number of messages published as mandatory into an exchange and returned to the publisher as unroutable",
                t.get(MessageStat.RETURN_UNROUTABLE));
    }

    /** As RabbitMQ counts them: open channels that have published at least once. */
    private long publishers() {
        long publishers = 0;
        for (ChannelInfo c : broker.statistics().channels()) {
            Long published = c.messageStats().get("publish");
            if (published != null && published > 0) {
                publishers++;
            }
        }
        return publishers;
    }

    /**
     * RabbitMQ 4's rabbitmq_message_size_bytes histogram (protocol amqp091). The bounds are
     * written as Prometheus 3 normalises them ("100.0", "1e+06"), which is how the Overview
     * dashboard selects them, so that Prometheus 2 finds them too.
     */
    private void writeMessageSizes(PrometheusText text) {
        MessageSizes sizes = broker.statistics().messageSizes();
        long[] counts = sizes.cumulativeCounts();
        String name = "rabbitmq_message_size_bytes";
        text.family(name, "histogram", "Size of messages received from publishers");
        for (int i = 0; i < counts.length; i++) {
            String le = i < MessageSizes.BOUNDS.length ? bound(MessageSizes.BOUNDS[i]) : "+Inf";
            text.sample(name + "_bucket", counts[i], PROTOCOL, AMQP091, "le", le);
        }
        text.sample(name + "_sum", sizes.sum(), PROTOCOL, AMQP091);
        text.sample(name + "_count", counts[counts.length - 1], PROTOCOL, AMQP091);
    }

    /** Go's shortest float format with ".0" after whole numbers below 1e+06, as Prometheus 3 writes le. */
    static String bound(long bytes) {
        if (bytes < 1_000_000) {
            return bytes + ".0";
        }
        int exponent = (int) Math.floor(Math.log10(bytes));
        long mantissa = bytes / (long) Math.pow(10, exponent);
        if (mantissa * (long) Math.pow(10, exponent) != bytes) {
            throw new IllegalArgumentException("not a single-digit bound: " + bytes);
        }
        return mantissa + "e+" + (exponent < 10 ? "0" : "") + exponent;
    }

    private static void global(PrometheusText text, String name, String help, long value) {
        text.family(name, "counter", help).sample(name, value, PROTOCOL, AMQP091);
    }

    private static void perQueueType(PrometheusText text, String name, String help, long value) {
        text.family(name, "counter", help).sample(name, value, PROTOCOL, AMQP091, QUEUE_TYPE, CLASSIC);
    }

    /** Classic queues dead-letter at most once when they have a dead-letter exchange, else not at all. */
    private static void deadLettered(PrometheusText text, MessageTotals t, String name, String help,
                                     DeadLetterReason reason) {
        text.family(name, "counter", help)
                .sample(name, t.deadLettered(reason, true), QUEUE_TYPE, CLASSIC, "dead_letter_strategy", "at_most_once")
                .sample(name, t.deadLettered(reason, false), QUEUE_TYPE, CLASSIC, "dead_letter_strategy", "disabled");
    }
}
