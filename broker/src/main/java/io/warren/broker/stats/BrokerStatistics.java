package io.warren.broker.stats;

import io.warren.broker.VirtualHost;
import io.warren.exchange.Exchange;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueConsumer;
import io.warren.queue.QueueStats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The broker's statistics and introspection, what RabbitMQ's management plugin and
 * rabbitmq_prometheus report: live connections, channels and consumers, queue and exchange
 * counters, vhost and broker totals, churn, and the sampled history behind every rate.
 *
 * <p>Threads: every query may be called from any thread and returns a snapshot built from
 * opaque and volatile reads; none blocks an event loop or takes a lock the message path takes.
 * The registration methods are called by the broker as connections, channels and queues come
 * and go. Connections that are not network sockets (the management API's own in-JVM
 * connections) are never registered, so they appear in no list and no total.
 */
public final class BrokerStatistics implements AutoCloseable {
    private final Supplier<Collection<VirtualHost>> vhosts;
    private final Churn churn = new Churn();
    private final MessageSizes messageSizes = new MessageSizes();
    private final TotalsFolder totals = new TotalsFolder();
    private final Map<String, ConnectionStatistics> connections = new ConcurrentHashMap<>();
    private final StatisticsSampler sampler;

    /**
     * @param vhosts           the broker's vhosts, read at every query and sample
     * @param sampleIntervalMs how often the sampler records (RabbitMQ's collect_statistics_interval)
     */
    public BrokerStatistics(Supplier<Collection<VirtualHost>> vhosts, long sampleIntervalMs) {
        if (sampleIntervalMs <= 0) {
            throw new IllegalArgumentException("statistics interval must be positive: " + sampleIntervalMs);
        }
        this.vhosts = vhosts;
        this.sampler = new StatisticsSampler(this, vhosts, sampleIntervalMs);
    }

    public StatisticsSampler sampler() {
        return sampler;
    }

    public Churn churn() {
        return churn;
    }

    /** The sizes of the messages received from publishers. */
    public MessageSizes messageSizes() {
        return messageSizes;
    }

    @Override
    public void close() {
        sampler.close();
    }

    // ---- registration, by the broker ----

    public void connectionOpened(ConnectionStatistics c) {
        connections.put(c.name(), c);
        churn.connectionCreated();
    }

    public void connectionClosed(ConnectionStatistics c) {
        if (connections.remove(c.name(), c)) {
            churn.connectionClosed();
            totals.connectionClosed(c);
        }
    }

    /** The channel's connection event loop. */
    public void channelOpened(ChannelStatistics c) {
        c.connection().channelOpened(c);
        churn.channelCreated();
    }

    /** The channel's connection event loop; once per channel. */
    public void channelClosed(ChannelStatistics c) {
        c.connection().channelClosed(c);
        churn.channelClosed();
        totals.channelClosed(c);
    }

    public void queueDeleted(MessageQueue q) {
        churn.queueDeleted();
        totals.queueDeleted(q);
    }

    Collection<ConnectionStatistics> liveConnections() {
        return connections.values();
    }

    // ---- totals ----

    /** Folds what every object counted since the last fold into the totals. */
    public void refresh() {
        List<MessageQueue> queues = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (VirtualHost v : vhosts.get()) {
            names.add(v.name());
            queues.addAll(v.queues());
        }
        totals.fold(connections.values(), queues, names);
    }

    /** The broker's totals, folded now; they never go backwards. */
    public MessageTotals globalTotals() {
        refresh();
        return totals.global();
    }

    /** A vhost's totals as of the last {@link #refresh()} (the sampler folds every interval). */
    public MessageTotals vhostTotals(String vhost) {
        return totals.vhostTotals(vhost);
    }

    /** The sampled history of a vhost's totals and queue lengths. */
    public SampleHistory vhostRates(String vhost) {
        return sampler.vhostHistory(vhost);
    }

    // ---- connections ----

    public List<ConnectionInfo> connections() {
        List<ConnectionInfo> out = new ArrayList<>();
        for (ConnectionStatistics c : connections.values()) {
            out.add(info(c));
        }
        return out;
    }

    public Optional<ConnectionInfo> connection(String name) {
        ConnectionStatistics c = connections.get(name);
        return c == null ? Optional.empty() : Optional.of(info(c));
    }

    /**
     * Closes a connection as the management API does: connection.close 320 with
     * "CONNECTION_FORCED - " and the reason. Returns false when there is no such connection.
     */
    public boolean closeConnection(String name, String reason) {
        ConnectionStatistics c = connections.get(name);
        if (c == null) {
            return false;
        }
        c.forceClose(reason);
        return true;
    }

    private ConnectionInfo info(ConnectionStatistics c) {
        ConnectionStatistics.Handshake h = c.handshake();
        return new ConnectionInfo(c.name(), h == null ? null : h.user(), h == null ? null : h.vhost(), c.peerHost(),
                c.peerPort(), c.host(), c.port(), h == null ? Map.of() : h.clientProperties(), c.connectedAt(),
                c.channels().size(), h == null ? 0 : h.channelMax(), h == null ? 0 : h.frameMax(),
                h == null ? 0 : h.heartbeatSeconds(), h == null ? null : h.authMechanism(), "AMQP 0-9-1",
                c.state().wireName(), c.recvOct(), c.recvCnt(), c.sendOct(), c.sendCnt(), c.tls() != null, c.tls(), "network",
                sampler.history(c, StatisticsSampler.CONNECTION_FIELDS));
    }

    // ---- channels and consumers ----

    public List<ChannelInfo> channels() {
        List<ChannelInfo> out = new ArrayList<>();
        for (ConnectionStatistics c : connections.values()) {
            for (ChannelStatistics ch : c.channels()) {
                out.add(info(ch));
            }
        }
        return out;
    }

    public Optional<ChannelInfo> channel(String name) {
        return channels().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private ChannelInfo info(ChannelStatistics ch) {
        ConnectionStatistics c = ch.connection();
        ConnectionStatistics.Handshake h = c.handshake();
        Map<String, Long> stats = new LinkedHashMap<>();
        for (MessageStat s : MessageStat.MANAGEMENT) {
            stats.put(s.field(), ch.get(s));
        }
        stats.put("deliver_get", ch.deliverGet());
        return new ChannelInfo(ch.number(), ch.name(), c.name(), c.peerHost(), c.peerPort(),
                h == null ? null : h.user(), h == null ? null : h.vhost(), "running",
                ch.get(ChannelStatistics.Gauge.CONFIRM) != 0, ch.get(ChannelStatistics.Gauge.TRANSACTIONAL) != 0,
                (int) ch.get(ChannelStatistics.Gauge.PREFETCH), (int) ch.get(ChannelStatistics.Gauge.GLOBAL_PREFETCH),
                ch.consumers().size(), ch.get(ChannelStatistics.Gauge.UNACKED),
                ch.get(ChannelStatistics.Gauge.UNCONFIRMED), ch.get(ChannelStatistics.Gauge.UNCOMMITTED),
                ch.get(ChannelStatistics.Gauge.ACKS_UNCOMMITTED), stats,
                sampler.history(ch, StatisticsSampler.CHANNEL_FIELDS));
    }

    public List<ConsumerInfo> consumers() {
        List<ConsumerInfo> out = new ArrayList<>();
        for (ConnectionStatistics c : connections.values()) {
            for (ChannelStatistics ch : c.channels()) {
                for (ConsumerRegistration r : ch.consumers()) {
                    out.add(info(ch, r));
                }
            }
        }
        return out;
    }

    /** The consumers of one queue. */
    public List<ConsumerInfo> consumers(MessageQueue q) {
        return consumers().stream()
                .filter(c -> c.queue().equals(q.name()) && c.vhost().equals(q.definition().vhost())).toList();
    }

    private static ConsumerInfo info(ChannelStatistics ch, ConsumerRegistration r) {
        ConnectionStatistics c = ch.connection();
        ConnectionStatistics.Handshake h = c.handshake();
        MessageQueue q = r.queue();
        String status = "up";
        boolean active = true;
        if (q.settings().singleActiveConsumer()) {
            active = q.activeConsumer() == r.consumer();
            status = active ? "single_active" : "waiting";
        }
        return new ConsumerInfo(r.tag(), q.name(), q.definition().vhost(), ch.name(), ch.number(), c.name(),
                c.peerHost(), c.peerPort(), h == null ? null : h.user(), r.ackRequired(), r.exclusive(),
                r.prefetchCount(), r.arguments(), active, status);
    }

    // ---- queues and exchanges ----

    public QueueInfo queue(MessageQueue q) {
        QueueStats s = q.stats();
        Object owner = q.definition().exclusiveOwner();
        String sacTag = null;
        if (q.settings().singleActiveConsumer()) {
            QueueConsumer active = q.activeConsumer();
            for (ConsumerInfo c : active == null ? List.<ConsumerInfo>of() : consumers(q)) {
                if (c.active()) {
                    sacTag = c.consumerTag();
                }
            }
        }
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("publish", s.published());
        stats.put("deliver", s.delivered());
        stats.put("deliver_no_ack", s.deliveredNoAck());
        stats.put("get", s.gotten());
        stats.put("get_no_ack", s.gottenNoAck());
        stats.put("get_empty", s.getEmpty());
        stats.put("ack", s.acked());
        stats.put("redeliver", s.redelivered());
        stats.put("deliver_get", s.delivered() + s.deliveredNoAck() + s.gotten() + s.gottenNoAck());
        long ready = s.readySnapshot();
        long unacked = s.unackedSnapshot();
        return new QueueInfo(q.name(), q.definition().vhost(), "running", s.consumersSnapshot(), ready + unacked,
                ready, unacked, s.readyBytesSnapshot() + s.unackedBytesSnapshot(), s.readyBytesSnapshot(),
                s.unackedBytesSnapshot(), s.pagedOutSnapshot(), s.persistentSnapshot(), s.persistentBytesSnapshot(),
                s.lastUsed(),
                owner == null ? null : owner.toString(), sacTag, q.deadLetteringCount(), stats,
                sampler.history(q, StatisticsSampler.QUEUE_FIELDS));
    }

    /** publish_in and publish_out. */
    public Map<String, Long> exchangeMessageStats(Exchange x) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("publish_in", x.stats().publishIn());
        m.put("publish_out", x.stats().publishOut());
        return m;
    }

    public SampleHistory exchangeRates(Exchange x) {
        return sampler.history(x, StatisticsSampler.EXCHANGE_FIELDS);
    }

    // ---- overview ----

    public Overview overview() {
        int channels = 0;
        int consumers = 0;
        for (ConnectionStatistics c : connections.values()) {
            for (ChannelStatistics ch : c.channels()) {
                channels++;
                consumers += ch.consumers().size();
            }
        }
        List<MessageQueue> queues = new ArrayList<>();
        int exchanges = 0;
        for (VirtualHost v : vhosts.get()) {
            queues.addAll(v.queues());
            exchanges += v.exchanges().exchanges().size();
        }
        return new Overview(new Overview.ObjectTotals(connections.size(), channels, consumers, queues.size(), exchanges),
                Overview.QueueTotals.of(queues), globalTotals().messageStats(),
                churn.toMap(), sampler.globalHistory());
    }
}
