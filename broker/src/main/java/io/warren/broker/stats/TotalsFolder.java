package io.warren.broker.stats;

import io.warren.queue.DeadLetterReason;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueStats;

import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Adds what channels, connections and queues counted since the last fold to the vhost and broker
 * totals. Each object remembers what was folded already, so a fold adds only the difference,
 * and one that went away is folded a last time from the queue it was put on: the totals never
 * go backwards and nothing is counted twice. The hot path never touches this class; folds run
 * on the sampler thread or on a reader asking for fresh totals, one at a time.
 */
final class TotalsFolder {
    private static final DeadLetterReason[] REASONS = DeadLetterReason.values();

    private final MessageTotals global = new MessageTotals();
    private final Map<String, MessageTotals> vhosts = new HashMap<>();
    private final Map<MessageQueue, long[]> queueFolded = new IdentityHashMap<>();
    private final Queue<ChannelStatistics> closedChannels = new ConcurrentLinkedQueue<>();
    private final Queue<ConnectionStatistics> closedConnections = new ConcurrentLinkedQueue<>();
    private final Queue<MessageQueue> deletedQueues = new ConcurrentLinkedQueue<>();

    /** Any thread: the channel is closed; its counts are folded a last time at the next fold. */
    void channelClosed(ChannelStatistics c) {
        closedChannels.add(c);
    }

    void connectionClosed(ConnectionStatistics c) {
        closedConnections.add(c);
    }

    void queueDeleted(MessageQueue q) {
        deletedQueues.add(q);
    }

    synchronized void fold(Collection<ConnectionStatistics> connections, Collection<MessageQueue> queues,
                           Set<String> vhostNames) {
        ChannelStatistics closedChannel;
        while ((closedChannel = closedChannels.poll()) != null) {
            foldChannel(closedChannel);
        }
        ConnectionStatistics closedConnection;
        while ((closedConnection = closedConnections.poll()) != null) {
            foldConnection(closedConnection);
        }
        for (ConnectionStatistics c : connections) {
            foldConnection(c);
            for (ChannelStatistics ch : c.channels()) {
                foldChannel(ch);
            }
        }
        MessageQueue deleted;
        while ((deleted = deletedQueues.poll()) != null) {
            foldQueue(deleted);
            queueFolded.remove(deleted);
        }
        for (MessageQueue q : queues) {
            foldQueue(q);
        }
        vhosts.keySet().retainAll(vhostNames);
    }

    private void foldChannel(ChannelStatistics c) {
        ConnectionStatistics.Handshake h = c.connection().handshake();
        MessageTotals vhost = h == null ? null : vhost(h.vhost());
        for (int i = 0; i < c.folded.length; i++) {
            long now = c.get(MessageStat.byOrdinal(i));
            long delta = now - c.folded[i];
            if (delta != 0) {
                c.folded[i] = now;
                global.messages[i] += delta;
                if (vhost != null) {
                    vhost.messages[i] += delta;
                }
            }
        }
    }

    private void foldConnection(ConnectionStatistics c) {
        long recv = c.recvOct() - c.folded[0];
        long send = c.sendOct() - c.folded[1];
        c.folded[0] += recv;
        c.folded[1] += send;
        global.recvOct += recv;
        global.sendOct += send;
        ConnectionStatistics.Handshake h = c.handshake();
        if (h != null) {
            MessageTotals vhost = vhost(h.vhost());
            vhost.recvOct += recv;
            vhost.sendOct += send;
        }
    }

    private void foldQueue(MessageQueue q) {
        QueueStats s = q.stats();
        long[] folded = queueFolded.computeIfAbsent(q, k -> new long[2 * REASONS.length]);
        for (DeadLetterReason r : REASONS) {
            for (int x = 0; x < 2; x++) {
                int slot = 2 * r.ordinal() + x;
                long now = s.deadLettered(r, x == 1);
                global.deadLettered[slot] += now - folded[slot];
                folded[slot] = now;
            }
        }
    }

    private MessageTotals vhost(String name) {
        return vhosts.computeIfAbsent(name, n -> new MessageTotals());
    }

    synchronized MessageTotals global() {
        return global.copy();
    }

    /** The vhost's totals as of the last fold; all zero for a vhost that has seen nothing yet. */
    synchronized MessageTotals vhostTotals(String name) {
        MessageTotals t = vhosts.get(name);
        return t == null ? new MessageTotals() : t.copy();
    }
}
