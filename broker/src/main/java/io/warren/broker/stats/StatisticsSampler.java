package io.warren.broker.stats;

import io.warren.broker.VirtualHost;
import io.warren.exchange.Exchange;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueStats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every interval (RabbitMQ's collect_statistics_interval, 5 s by default) folds the counters into
 * the vhost and broker totals and records a sample of every object: channels, connections,
 * queues (with their lengths), exchanges, vhosts and the broker. Each object keeps enough samples
 * for the management UI's default minute; vhosts and the broker keep an hour. An object that is
 * gone by a tick loses its history. Runs on its own daemon thread; {@link #sampleNow} may also be
 * called from any thread, one sample at a time.
 */
public final class StatisticsSampler implements AutoCloseable {
    static final List<String> CHANNEL_FIELDS = channelFields();
    static final List<String> QUEUE_FIELDS = List.of("messages", "messages_ready", "messages_unacknowledged",
            "publish", "deliver", "deliver_no_ack", "get", "get_no_ack", "get_empty", "ack", "redeliver",
            "deliver_get");
    static final List<String> CONNECTION_FIELDS = List.of("recv_oct", "send_oct", "recv_cnt", "send_cnt");
    static final List<String> EXCHANGE_FIELDS = List.of("publish_in", "publish_out");
    static final List<String> VHOST_FIELDS = concat(CHANNEL_FIELDS,
            List.of("messages", "messages_ready", "messages_unacknowledged", "recv_oct", "send_oct"));
    static final List<String> GLOBAL_FIELDS = concat(VHOST_FIELDS, List.of(Churn.FIELDS));
    /** What the management UI shows by default: the last minute. */
    private static final long OBJECT_RETENTION_MS = 60_000;
    /** The overview's longest default range in the UI: the last hour. */
    private static final long GLOBAL_RETENTION_MS = 3_600_000;

    private record VhostKey(String name) {}

    private static final Object GLOBAL = new Object();

    private final BrokerStatistics statistics;
    private final Supplier<Collection<VirtualHost>> vhosts;
    private final long intervalMs;
    private final int objectCapacity;
    private final int globalCapacity;
    private final Map<Object, SampleHistory> histories = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    StatisticsSampler(BrokerStatistics statistics, Supplier<Collection<VirtualHost>> vhosts, long intervalMs) {
        this.statistics = statistics;
        this.vhosts = vhosts;
        this.intervalMs = intervalMs;
        // One sample more than the window holds, so that its oldest point has a value.
        this.objectCapacity = (int) (OBJECT_RETENTION_MS / intervalMs) + 2;
        this.globalCapacity = (int) (GLOBAL_RETENTION_MS / intervalMs) + 2;
    }

    public long intervalMs() {
        return intervalMs;
    }

    /** How far back the samples of a queue, exchange, connection or channel reach, in seconds. */
    public static long objectRetentionSeconds() {
        return OBJECT_RETENTION_MS / 1000;
    }

    /** How far back the samples of a vhost and of the broker as a whole reach, in seconds. */
    public static long globalRetentionSeconds() {
        return GLOBAL_RETENTION_MS / 1000;
    }

    /** Starts sampling every interval on a daemon thread. */
    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "warren-statistics");
                t.setDaemon(true);
                return t;
            });
            // Ticks just after each interval boundary, as the samples are stamped with the boundary.
            long sinceBoundary = System.currentTimeMillis() % intervalMs;
            timer.scheduleAtFixedRate(this::sampleNow, intervalMs - sinceBoundary + 1, intervalMs,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /**
     * Folds and records one sample of everything now, stamped with the start of the current
     * interval (as RabbitMQ's samples are); another sample in the same interval replaces it.
     */
    public synchronized void sampleNow() {
        long clock = System.currentTimeMillis();
        long now = clock - clock % intervalMs;
        statistics.refresh();
        Set<Object> seen = new HashSet<>();
        for (ConnectionStatistics c : statistics.liveConnections()) {
            record(c, CONNECTION_FIELDS, objectCapacity, now, seen,
                    c.recvOct(), c.sendOct(), c.recvCnt(), c.sendCnt());
            for (ChannelStatistics ch : c.channels()) {
                record(ch, CHANNEL_FIELDS, objectCapacity, now, seen, channelSample(ch));
            }
        }
        long messages = 0;
        long ready = 0;
        long unacked = 0;
        for (VirtualHost v : vhosts.get()) {
            long vReady = 0;
            long vUnacked = 0;
            for (MessageQueue q : v.queues()) {
                QueueStats s = q.stats();
                vReady += s.readySnapshot();
                vUnacked += s.unackedSnapshot();
                record(q, QUEUE_FIELDS, objectCapacity, now, seen, queueSample(s));
            }
            for (Exchange x : v.exchanges().exchanges()) {
                record(x, EXCHANGE_FIELDS, objectCapacity, now, seen, x.stats().publishIn(), x.stats().publishOut());
            }
            MessageTotals t = statistics.vhostTotals(v.name());
            record(new VhostKey(v.name()), VHOST_FIELDS, globalCapacity, now, seen,
                    totalsSample(t, vReady + vUnacked, vReady, vUnacked, null));
            messages += vReady + vUnacked;
            ready += vReady;
            unacked += vUnacked;
        }
        record(GLOBAL, GLOBAL_FIELDS, globalCapacity, now, seen,
                totalsSample(statistics.globalTotals(), messages, ready, unacked, statistics.churn()));
        histories.keySet().retainAll(seen);
    }

    private void record(Object key, List<String> fields, int capacity, long now, Set<Object> seen, long... sample) {
        seen.add(key);
        histories.computeIfAbsent(key, k -> new SampleHistory(fields, capacity, intervalMs)).record(now, sample);
    }

    private static long[] channelSample(ChannelStatistics ch) {
        long[] v = new long[CHANNEL_FIELDS.size()];
        for (int i = 0; i < MessageStat.MANAGEMENT.length; i++) {
            v[i] = ch.get(MessageStat.MANAGEMENT[i]);
        }
        v[v.length - 1] = ch.deliverGet();
        return v;
    }

    private static long[] queueSample(QueueStats s) {
        long deliverGet = s.delivered() + s.deliveredNoAck() + s.gotten() + s.gottenNoAck();
        return new long[] {s.readySnapshot() + (long) s.unackedSnapshot(), s.readySnapshot(), s.unackedSnapshot(),
            s.published(), s.delivered(), s.deliveredNoAck(), s.gotten(), s.gottenNoAck(), s.getEmpty(), s.acked(),
            s.redelivered(), deliverGet};
    }

    private static long[] totalsSample(MessageTotals t, long messages, long ready, long unacked, Churn churn) {
        List<Long> v = new ArrayList<>(t.messageStats().values());
        v.add(messages);
        v.add(ready);
        v.add(unacked);
        v.add(t.recvOct());
        v.add(t.sendOct());
        if (churn != null) {
            v.addAll(churn.toMap().values());
        }
        return v.stream().mapToLong(Long::longValue).toArray();
    }

    SampleHistory history(Object key, List<String> fields) {
        SampleHistory h = histories.get(key);
        return h != null ? h : new SampleHistory(fields, 1, intervalMs);
    }

    SampleHistory vhostHistory(String name) {
        return history(new VhostKey(name), VHOST_FIELDS);
    }

    SampleHistory globalHistory() {
        return history(GLOBAL, GLOBAL_FIELDS);
    }

    private static List<String> channelFields() {
        List<String> f = new ArrayList<>();
        for (MessageStat s : MessageStat.MANAGEMENT) {
            f.add(s.field());
        }
        f.add("deliver_get");
        return List.copyOf(f);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
