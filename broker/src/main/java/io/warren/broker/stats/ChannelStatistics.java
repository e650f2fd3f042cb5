package io.warren.broker.stats;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One channel's counters, gauges and consumers. The channel's connection event loop is the only
 * writer ({@link #count}, {@link #gauge}, {@link #consumerAdded}, {@link #consumerRemoved}); any
 * thread may read. Counting is a plain add published with an opaque store, so the hot path pays
 * no fence and no lookup.
 */
public final class ChannelStatistics {
    /** Gauges the channel publishes whenever they change. */
    public enum Gauge {
        UNACKED, UNCONFIRMED, UNCOMMITTED, ACKS_UNCOMMITTED, PREFETCH, GLOBAL_PREFETCH, CONFIRM, TRANSACTIONAL
    }

    private final ConnectionStatistics connection;
    private final int number;
    private final OpaqueCounters counters = new OpaqueCounters(MessageStat.count());
    private final OpaqueCounters gauges = new OpaqueCounters(Gauge.values().length);
    private final Map<String, ConsumerRegistration> consumers = new ConcurrentHashMap<>();
    // What the sampler has already added to the vhost and broker totals; sampler thread only.
    final long[] folded = new long[MessageStat.count()];

    public ChannelStatistics(ConnectionStatistics connection, int number) {
        this.connection = connection;
        this.number = number;
    }

    public ConnectionStatistics connection() { return connection; }

    public int number() { return number; }

    /** RabbitMQ's channel name: the connection's name and the channel number in parentheses. */
    public String name() {
        return connection.name() + " (" + number + ")";
    }

    /** Owner thread only. */
    public void count(MessageStat stat) {
        counters.increment(stat.ordinal());
    }

    /** Owner thread only. */
    public void count(MessageStat stat, long n) {
        counters.add(stat.ordinal(), n);
    }

    /** Owner thread only. */
    public void gauge(Gauge gauge, long value) {
        gauges.set(gauge.ordinal(), value);
    }

    /** Owner thread only: a consumer was registered (consume-ok is on its way). */
    public void consumerAdded(ConsumerRegistration c) {
        consumers.put(c.tag(), c);
    }

    /** Owner thread only. */
    public void consumerRemoved(String tag) {
        consumers.remove(tag);
    }

    /** Any thread. */
    public long get(MessageStat stat) {
        return counters.get(stat.ordinal());
    }

    /** Any thread. */
    public long get(Gauge gauge) {
        return gauges.get(gauge.ordinal());
    }

    /** Any thread: deliver + deliver_no_ack + get + get_no_ack. */
    public long deliverGet() {
        return get(MessageStat.DELIVER) + get(MessageStat.DELIVER_NO_ACK) + get(MessageStat.GET)
                + get(MessageStat.GET_NO_ACK);
    }

    /** Any thread: a view of the consumers, which changes as they come and go. */
    public Collection<ConsumerRegistration> consumers() {
        return consumers.values();
    }
}
