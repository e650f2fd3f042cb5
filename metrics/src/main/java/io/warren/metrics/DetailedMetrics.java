package io.warren.metrics;

import io.warren.broker.Broker;
import io.warren.broker.VirtualHost;
import io.warren.broker.stats.BrokerStatistics;
import io.warren.broker.stats.QueueInfo;
import io.warren.exchange.Exchange;
import io.warren.queue.MessageQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * rabbitmq_prometheus's {@code /metrics/detailed}: only the families asked for, one series per
 * object, named {@code rabbitmq_detailed_*} (the cluster-wide ones {@code rabbitmq_cluster_*}),
 * in the order prometheus_rabbitmq_core_metrics_collector lists them whatever the order asked,
 * then the build and identity info. The {@code vhost} filter narrows the queue and exchange
 * families (queue_coarse_metrics, queue_consumer_count, queue_metrics, exchange_metrics,
 * queue_delivery_metrics) and nothing else, as RabbitMQ's does; queue_consumer_count is left out
 * when queue_metrics, which includes it, is asked for too.
 *
 * <p>What Warren has no figure for is left out rather than written as zero:
 * <ul>
 *   <li>node_persister_metrics, ra_metrics, auth_attempt_metrics, auth_attempt_detailed_metrics
 *       and channel_process_metrics entirely: Warren has no Erlang file handle cache, Mnesia,
 *       Raft, authentication counters or channel processes;</li>
 *   <li>the Erlang process, scheduler and garbage collector figures of node_coarse_metrics and
 *       node_metrics, and the TCP socket counts, which Erlang limits and the JVM does not;</li>
 *   <li>the process reductions of queue_coarse_metrics and connection_coarse_metrics, and the
 *       pending packets of connection_metrics;</li>
 *   <li>queue_metrics' process memory, in-memory bytes, paged-out bytes, head
 *       message timestamp and disk reads and writes, which Warren's queues do not track;</li>
 *   <li>channel_queue_exchange_metrics and queue_exchange_metrics, and exchange_metrics' confirmed
 *       and unroutable counts: Warren counts publishes per queue, per exchange and per channel,
 *       never per pair.</li>
 * </ul>
 * channel_exchange_metrics and channel_queue_metrics are Warren's per-channel totals, labelled
 * with the channel only, where RabbitMQ has one series per channel and exchange or queue.
 *
 * <p>Called on the endpoint's thread; every figure is a snapshot from {@link BrokerStatistics}.
 */
final class DetailedMetrics {
    static final String DETAILED = "rabbitmq_detailed_";
    private static final String CLUSTER = "rabbitmq_cluster_";

    private static final List<ObjectFamily<QueueInfo>> QUEUE_METRICS = CoreMetrics.concat(
            CoreMetrics.QUEUE_CONSUMER_COUNT, CoreMetrics.QUEUE_CAPACITY_AND_RAM, CoreMetrics.QUEUE_SIZES);

    private static final ObjectFamily<VhostExchange> EXCHANGE_PUBLISHED = ObjectFamily.counter(
            DETAILED + "exchange_messages_published_total", "Total number of messages published into an exchange",
            e -> e.exchange().stats().publishIn());
    private static final ObjectFamily<VirtualHost> VHOST_STATUS = ObjectFamily.gauge(
            CLUSTER + "vhost_status", "Whether a given vhost is running", v -> 1);
    private static final ObjectFamily<VhostExchange> EXCHANGE_BINDINGS = ObjectFamily.gauge(
            CLUSTER + "exchange_bindings", "Number of bindings for an exchange. This value is cluster-wide.",
            e -> e.vhost().exchanges().bindingsFrom(e.exchange().name()).size());
    private static final ObjectFamily<VhostExchange> EXCHANGE_NAME = ObjectFamily.gauge(
            CLUSTER + "exchange_name", "Enumerates exchanges without any additional info. This value is "
                    + "cluster-wide. A cheaper alternative to `exchange_bindings`", e -> 1);

    private final Broker broker;
    private final NodeMetrics node;

    DetailedMetrics(Broker broker, NodeMetrics node) {
        this.broker = broker;
        this.node = node;
    }

    void write(PrometheusText text, DetailedQuery query) {
        ScrapeObjects objects = new ScrapeObjects(query);
        if (query.wants("connection_churn_metrics")) {
            node.writeChurn(text, DETAILED);
        }
        if (query.wants("node_coarse_metrics")) {
            node.writeNodeCoarse(text, DETAILED);
        }
        if (query.wants("node_metrics")) {
            node.writeNodeLimits(text, DETAILED);
        }
        if (query.wants("queue_coarse_metrics")) {
            writeAll(text, CoreMetrics.QUEUE_COARSE, objects.queues(), CoreMetrics::queueLabels);
        }
        if (query.wants("queue_consumer_count") && !query.wants("queue_metrics")) {
            writeAll(text, CoreMetrics.QUEUE_CONSUMER_COUNT, objects.queues(), CoreMetrics::queueLabels);
        }
        if (query.wants("queue_metrics")) {
            writeAll(text, QUEUE_METRICS, objects.queues(), CoreMetrics::queueLabels);
        }
        BrokerStatistics stats = broker.statistics();
        if (query.wants("channel_metrics")) {
            writeAll(text, CoreMetrics.CHANNEL_METRICS, stats.channels(), CoreMetrics::channelLabels);
        }
        if (query.wants("channel_exchange_metrics")) {
            writeAll(text, CoreMetrics.CHANNEL_EXCHANGE, stats.channels(), CoreMetrics::channelLabels);
        }
        if (query.wants("channel_queue_metrics")) {
            writeAll(text, CoreMetrics.CHANNEL_QUEUE, stats.channels(), CoreMetrics::channelLabels);
        }
        if (query.wants("connection_coarse_metrics")) {
            writeAll(text, CoreMetrics.CONNECTION_COARSE, stats.connections(), CoreMetrics::connectionLabels);
        }
        if (query.wants("connection_metrics")) {
            writeAll(text, CoreMetrics.CONNECTION_METRICS, stats.connections(), CoreMetrics::connectionLabels);
        }
        if (query.wants("exchange_metrics")) {
            EXCHANGE_PUBLISHED.writeAll(text, objects.exchanges(true), e -> new String[] {
                "vhost", e.vhost().name(), "exchange", e.exchange().name()});
        }
        if (query.wants("queue_delivery_metrics")) {
            writeAll(text, CoreMetrics.QUEUE_DELIVERY, objects.queues(), CoreMetrics::queueLabels);
        }
        if (query.wants("vhost_status")) {
            VHOST_STATUS.writeAll(text, List.copyOf(broker.vhosts().all()), v -> new String[] {"vhost", v.name()});
        }
        if (query.wants("exchange_bindings")) {
            EXCHANGE_BINDINGS.writeAll(text, objects.namedExchanges(), DetailedMetrics::exchangeTypeLabels);
        }
        if (query.wants("exchange_names")) {
            EXCHANGE_NAME.writeAll(text, objects.namedExchanges(), DetailedMetrics::exchangeTypeLabels);
        }
        node.writeInfo(text, "detailed");
    }

    private static <T> void writeAll(PrometheusText text, List<ObjectFamily<T>> families, List<T> objects,
                                     Function<T, String[]> labels) {
        for (ObjectFamily<T> f : families) {
            f.withPrefix(DETAILED).writeAll(text, objects, labels);
        }
    }

    private static String[] exchangeTypeLabels(VhostExchange e) {
        return new String[] {"vhost", e.vhost().name(), "exchange", e.exchange().name(),
            "type", e.exchange().type().wireName()};
    }

    private record VhostExchange(VirtualHost vhost, Exchange exchange) {
    }

    /** The objects of one scrape, each list gathered once and only if a family needs it. */
    private final class ScrapeObjects {
        private final DetailedQuery query;
        private List<QueueInfo> queues;

        ScrapeObjects(DetailedQuery query) {
            this.query = query;
        }

        /** The queues of the virtual hosts asked for. */
        List<QueueInfo> queues() {
            if (queues == null) {
                queues = new ArrayList<>();
                for (VirtualHost v : broker.vhosts().all()) {
                    if (query.includes(v.name())) {
                        for (MessageQueue q : v.queues()) {
                            queues.add(broker.statistics().queue(q));
                        }
                    }
                }
            }
            return queues;
        }

        /** Every exchange, those of the virtual hosts asked for only when {@code filtered}. */
        List<VhostExchange> exchanges(boolean filtered) {
            List<VhostExchange> all = new ArrayList<>();
            for (VirtualHost v : broker.vhosts().all()) {
                if (!filtered || query.includes(v.name())) {
                    for (Exchange x : v.exchanges().exchanges()) {
                        all.add(new VhostExchange(v, x));
                    }
                }
            }
            return all;
        }

        /** The exchanges the cluster-wide families enumerate: neither internal nor the default one. */
        List<VhostExchange> namedExchanges() {
            List<VhostExchange> named = new ArrayList<>();
            for (VhostExchange e : exchanges(false)) {
                if (!e.exchange().internal() && !e.exchange().isDefault()) {
                    named.add(e);
                }
            }
            return named;
        }
    }
}
