package io.warren.broker;

import io.netty.buffer.ByteBufAllocator;
import io.warren.amqp.Frames;
import io.warren.amqp.method.BasicCancel;
import io.warren.amqp.method.BasicCancelOk;
import io.warren.amqp.method.BasicConsume;
import io.warren.amqp.method.BasicConsumeOk;
import io.warren.amqp.method.BasicDeliver;
import io.warren.amqp.method.BasicGet;
import io.warren.amqp.method.BasicGetEmpty;
import io.warren.amqp.method.BasicGetOk;
import io.warren.amqp.method.BasicQos;
import io.warren.amqp.method.BasicQosOk;
import io.warren.amqp.method.BasicRecoverOk;
import io.warren.broker.queuetype.QueueTypes;
import io.warren.broker.stats.ChannelStatistics;
import io.warren.broker.stats.ConsumerRegistration;
import io.warren.broker.stats.MessageStat;
import io.warren.queue.Message;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consuming side of a channel: basic.qos, consume, cancel, get, ack, nack, reject and recover,
 * the unacked deliveries, and the writing of deliveries handed over by queues. Runs on the
 * channel's event loop, except {@link #handOff} and {@link #canDeliver}, which queues call.
 */
final class Deliveries {
    private record TxAck(List<Unacked> settled, boolean requeue, boolean discard) {}

    private final AmqpChannel channel;
    private final QueueWork work = new QueueWork();
    private final Map<String, ChannelConsumer> consumers = new LinkedHashMap<>();
    private final UnackedMap unacked = new UnackedMap();
    private final ChannelLimiter limiter = new ChannelLimiter();
    private final ConsumerTimeouts timeouts;
    private int consumerPrefetch;
    private long lastDeliveryTag;
    private volatile boolean open = true;
    private List<TxAck> txAcks;
    private int txAcksPending;
    private String replyToTag;
    private String replyToToken;

    Deliveries(AmqpChannel channel) {
        this.channel = channel;
        this.timeouts = new ConsumerTimeouts(channel, channel.connection().broker().settings().consumerTimeoutMs());
    }

    private ChannelStatistics stats() {
        return channel.statistics();
    }

    QueueWork work() {
        return work;
    }

    /** A queue thread took a delivery for this channel; counted against the connection's limit. */
    void deliveryHandedOff(long bytes) {
        channel.connection().deliveryHandedOff(bytes);
    }

    /** Read by queue threads before each delivery. */
    boolean canDeliver() {
        return open && channel.connection().mayDeliver();
    }

    // ---- qos, consume, cancel ----

    void qos(BasicQos m) {
        if (m.prefetchSize() != 0) {
            throw ConnectionException.notImplemented("prefetch_size!=0 (" + m.prefetchSize() + ")");
        }
        if (m.global()) {
            limiter.setLimit(m.prefetchCount(), unacked.fromConsumers());
            stats().gauge(ChannelStatistics.Gauge.GLOBAL_PREFETCH, m.prefetchCount());
        } else {
            consumerPrefetch = m.prefetchCount();
            stats().gauge(ChannelStatistics.Gauge.PREFETCH, m.prefetchCount());
            // RabbitMQ (3.x to 4.x) lifts the channel's limit on a per-consumer basic.qos, so that
            // it overrides a default_consumer_prefetch: clients get the same flow here.
            if (limiter.limited()) {
                limiter.setLimit(0, 0);
                stats().gauge(ChannelStatistics.Gauge.GLOBAL_PREFETCH, 0);
            }
        }
        channel.send(new BasicQosOk());
    }

    void consume(BasicConsume m) {
        if (m.queue().equals(DirectReplyTo.QUEUE)) {
            consumeReplies(m);
            return;
        }
        MessageQueue q = channel.existingQueueForBasic(m.queue());
        String tag = m.consumerTag().isEmpty() ? Names.consumerTag() : m.consumerTag();
        if (consumers.containsKey(tag)) {
            throw ConnectionException.notAllowed("attempt to reuse consumer tag '" + tag + "'");
        }
        int priority = ConsumerArguments.priority(q.name(), channel.vhost().name(), m.arguments());
        if (limiter.limited() && isQuorum(q)) {
            // RabbitMQ's quorum queues refuse a consumer on a channel with a global limit.
            throw ConnectionException.notImplemented(q + " does not support global qos");
        }
        ChannelConsumer c = new ChannelConsumer(this, tag, q, m.noAck(), priority,
                consumerPrefetch, limiter);
        consumers.put(tag, c);
        channel.callQueue(q, mq -> mq.addConsumer(c, m.exclusive()), result -> {
            if (result != MessageQueue.AddConsumerResult.ADDED) {
                consumers.remove(tag);
                throw ChannelException.accessRefused(q + " in exclusive use");
            }
            stats().consumerAdded(new ConsumerRegistration(tag, q, !m.noAck(), m.exclusive(), c.prefetch(),
                    m.arguments(), c));
            if (!m.nowait()) {
                channel.send(new BasicConsumeOk(tag));
            }
        });
    }

    private static boolean isQuorum(MessageQueue q) {
        return QueueTypes.of(q.definition().arguments()) == QueueTypes.QUORUM;
    }

    private void consumeReplies(BasicConsume m) {
        if (!m.noAck()) {
            throw ChannelException.preconditionFailed("reply consumer cannot acknowledge");
        }
        if (replyToTag != null) {
            throw ChannelException.preconditionFailed("reply consumer already set");
        }
        String tag = m.consumerTag().isEmpty() ? Names.consumerTag() : m.consumerTag();
        replyToTag = tag;
        replyToToken = channel.connection().broker().directReplyTo().register(this);
        if (!m.nowait()) {
            channel.send(new BasicConsumeOk(tag));
        }
    }

    /** The reply-to address for requests from this channel, or null when it is not consuming replies. */
    String replyToAddress() {
        return replyToToken == null ? null : DirectReplyTo.PREFIX + replyToToken;
    }

    /** A reply for this channel's direct reply-to consumer; called from any thread. */
    void deliverReply(Message msg) {
        var loop = channel.connection().executor();
        loop.execute(() -> {
            if (!open || replyToTag == null) {
                return;
            }
            AmqpConnection conn = channel.connection();
            conn.write(Frames.encodeContentCommand(conn.ctx().alloc(), channel.id(),
                    new BasicDeliver(replyToTag, ++lastDeliveryTag, false, msg.exchange(), msg.routingKey()),
                    msg.properties(), msg.body(), conn.frameMax()));
            conn.scheduleFlush();
        });
    }

    private void stopReplies() {
        if (replyToToken != null) {
            channel.connection().broker().directReplyTo().unregister(replyToToken);
            replyToToken = null;
            replyToTag = null;
        }
    }

    void cancel(BasicCancel m) {
        if (m.consumerTag().equals(replyToTag)) {
            stopReplies();
        }
        ChannelConsumer c = consumers.remove(m.consumerTag());
        if (c != null) {
            stats().consumerRemoved(c.tag);
            c.cancelled = true;
            limiter.forget(c);
            timeouts.retire(c.lane);
            c.queue.owner().execute(() -> c.queue.removeConsumer(c));
        }
        if (!m.nowait()) {
            channel.send(new BasicCancelOk(m.consumerTag()));
        }
    }

    /** The queue was deleted: tell the client with basic.cancel if it understands it. */
    void cancelledByQueue(ChannelConsumer c) {
        channel.connection().executor().execute(() -> {
            if (consumers.get(c.tag) == c) {
                consumers.remove(c.tag);
                limiter.forget(c);
                timeouts.retire(c.lane);
                stats().consumerRemoved(c.tag);
                if (open && channel.connection().consumerCancelNotify()) {
                    channel.send(new BasicCancel(c.tag, true));
                    channel.connection().scheduleFlush();
                }
            }
        });
    }

    // ---- get ----

    private record GetResult(QueueEntry entry, boolean redelivered, int remaining, byte[] properties) {}

    void get(BasicGet m) {
        MessageQueue q = channel.existingQueueForBasic(m.queue());
        channel.callQueue(q, mq -> {
            QueueEntry e = mq.get(m.noAck());
            return e == null ? null
                    : new GetResult(e, e.deliveryCount() > 1, mq.messageCount(), DeliveryCount.properties(mq, e));
        }, r -> {
            if (r == null) {
                stats().count(MessageStat.GET_EMPTY);
                channel.send(new BasicGetEmpty(""));
                return;
            }
            long tag = ++lastDeliveryTag;
            stats().count(m.noAck() ? MessageStat.GET_NO_ACK : MessageStat.GET);
            if (r.redelivered()) {
                stats().count(MessageStat.REDELIVER);
            }
            if (!m.noAck()) {
                Unacked u = new Unacked(tag, q, r.entry(), null);
                unacked.add(u);
                ConsumerTimeouts.Lane lane = timeouts.getLane(q);
                long now = System.nanoTime();
                timeouts.delivered(lane, u, now);
                timeouts.armFor(lane, now);
                stats().gauge(ChannelStatistics.Gauge.UNACKED, unacked.size());
            }
            Message msg = r.entry().message();
            AmqpConnection conn = channel.connection();
            conn.write(Frames.encodeContentCommand(conn.ctx().alloc(), channel.id(),
                    new BasicGetOk(tag, r.redelivered(), msg.exchange(), msg.routingKey(), r.remaining()),
                    r.properties(), msg.body(), conn.frameMax()));
        });
    }

    // ---- deliveries handed over by queues ----

    /** Called on the queue's thread at the end of a pass. */
    void handOff(ChannelConsumer c, List<ChannelConsumer.Delivery> batch) {
        var loop = channel.connection().executor();
        if (loop.inEventLoop()) {
            write(c, batch);
        } else {
            loop.execute(() -> write(c, batch));
        }
    }

    private void write(ChannelConsumer c, List<ChannelConsumer.Delivery> batch) {
        long bytes = 0;
        for (int i = 0, n = batch.size(); i < n; i++) {
            bytes += batch.get(i).bytes();
        }
        try {
            writeOrRequeue(c, batch);
        } finally {
            channel.connection().deliveriesWritten(bytes);
        }
    }

    private void writeOrRequeue(ChannelConsumer c, List<ChannelConsumer.Delivery> batch) {
        if (!open || c.cancelled) {
            // The channel or the consumer went away while these were in flight: put them back.
            if (!c.autoAck) {
                List<QueueEntry> back = new ArrayList<>(batch.size());
                for (ChannelConsumer.Delivery d : batch) {
                    back.add(d.entry());
                    limiter.dropped(d.countedIn());
                }
                c.queue.owner().execute(() -> c.queue.requeue(back));
            }
            return;
        }
        AmqpConnection conn = channel.connection();
        ByteBufAllocator alloc = conn.ctx().alloc();
        int frameMax = conn.frameMax();
        int redelivered = 0;
        int epoch = limiter.limited() ? limiter.epoch() : ChannelLimiter.UNCOUNTED;
        int uncounted = 0;
        ConsumerTimeouts.Lane lane = null;
        long now = 0;
        if (!c.autoAck) {
            if (c.lane == null) {
                c.lane = timeouts.consumerLane(c.queue, c.tag);
            }
            lane = c.lane;
            now = System.nanoTime();
        }
        for (int i = 0, n = batch.size(); i < n; i++) {
            ChannelConsumer.Delivery d = batch.get(i);
            if (d.redelivered()) {
                redelivered++;
            }
            long tag = ++lastDeliveryTag;
            if (!c.autoAck) {
                Unacked u = new Unacked(tag, c.queue, d.entry(), c);
                unacked.add(u);
                timeouts.delivered(lane, u, now);
                if (d.countedIn() != epoch) {
                    uncounted++;
                }
            }
            Message msg = d.entry().message();
            conn.write(Frames.encodeContentCommand(alloc, channel.id(),
                    new BasicDeliver(c.tag, tag, d.redelivered(), msg.exchange(), msg.routingKey()),
                    d.properties(), msg.body(), frameMax));
        }
        ChannelStatistics stats = stats();
        stats.count(c.autoAck ? MessageStat.DELIVER_NO_ACK : MessageStat.DELIVER, batch.size());
        if (redelivered > 0) {
            stats.count(MessageStat.REDELIVER, redelivered);
        }
        if (!c.autoAck) {
            stats.gauge(ChannelStatistics.Gauge.UNACKED, unacked.size());
            // Taken before the channel's limit was set: it counts them from now on.
            limiter.count(uncounted);
            timeouts.armFor(lane, now);
        }
        c.written(batch.size());
        conn.scheduleFlush();
    }

    // ---- ack, nack, reject, recover ----

    void ack(long tag, boolean multiple) {
        settle(take(tag, multiple), false, false);
    }

    void reject(long tag, boolean multiple, boolean requeue) {
        settle(take(tag, multiple), requeue, !requeue);
    }

    private List<Unacked> take(long tag, boolean multiple) {
        if (multiple) {
            if (tag == 0) {
                return unacked.removeAll();
            }
            if (!unacked.contains(tag)) {
                throw unknownTag(tag);
            }
            return unacked.removeUpTo(tag);
        }
        Unacked u = unacked.remove(tag);
        if (u == null) {
            throw unknownTag(tag);
        }
        return List.of(u);
    }

    private static ChannelException unknownTag(long tag) {
        return ChannelException.preconditionFailed("unknown delivery tag " + tag);
    }

    private void settle(List<Unacked> settled, boolean requeue, boolean discard) {
        stats().gauge(ChannelStatistics.Gauge.UNACKED, unacked.size());
        timeouts.settled(settled);
        if (txAcks != null) {
            txAcks.add(new TxAck(settled, requeue, discard));
            txAcksPending += settled.size();
            stats().gauge(ChannelStatistics.Gauge.ACKS_UNCOMMITTED, txAcksPending);
            return;
        }
        apply(settled, requeue, discard);
    }

    private void apply(List<Unacked> settled, boolean requeue, boolean discard) {
        if (!requeue && !discard) {
            stats().count(MessageStat.ACK, settled.size());
        }
        int fromConsumers = 0;
        for (Unacked u : settled) {
            if (requeue) {
                work.requeue(u.queue, u.entry);
            } else if (discard) {
                work.discard(u.queue, u.entry);
            } else {
                work.ack(u.queue, u.entry);
            }
            if (u.consumer != null) {
                u.consumer.settled(1);
                fromConsumers++;
            }
        }
        // Given back after the consumers' own credit, so that a queue woken for it can use it.
        limiter.release(fromConsumers);
    }

    void recover(boolean requeue, boolean sync) {
        if (!requeue) {
            // RabbitMQ 3.x: redelivery to the same consumer is not implemented.
            throw ConnectionException.notImplemented("requeue=false");
        }
        List<Unacked> all = unacked.removeAll();
        timeouts.settled(all);
        apply(all, true, false);
        stats().gauge(ChannelStatistics.Gauge.UNACKED, 0);
        var touched = work.handOver();
        if (sync) {
            channel.afterQueues(touched, () -> channel.send(new BasicRecoverOk()));
        }
    }

    void beginTransaction() {
        if (txAcks == null) {
            txAcks = new ArrayList<>();
        }
    }

    void commitAcks() {
        if (txAcks == null) {
            return;
        }
        for (TxAck a : txAcks) {
            apply(a.settled(), a.requeue(), a.discard());
        }
        txAcks.clear();
        txAcksPending = 0;
        stats().gauge(ChannelStatistics.Gauge.ACKS_UNCOMMITTED, 0);
    }

    /** Rolled-back acks leave their deliveries unacked, as they were. */
    void rollbackAcks() {
        if (txAcks == null) {
            return;
        }
        for (TxAck a : txAcks) {
            unacked.restore(a.settled());
            timeouts.restored(a.settled());
        }
        txAcks.clear();
        txAcksPending = 0;
        stats().gauge(ChannelStatistics.Gauge.ACKS_UNCOMMITTED, 0);
        stats().gauge(ChannelStatistics.Gauge.UNACKED, unacked.size());
    }

    // ---- flow, writability, close ----

    void flow(boolean active) {
        if (!active) {
            // RabbitMQ 3.x refuses client-initiated flow stops.
            throw ConnectionException.notImplemented("active=false");
        }
        wakeAll();
    }

    void resume() {
        wakeAll();
    }

    private void wakeAll() {
        for (ChannelConsumer c : consumers.values()) {
            c.wake();
        }
    }

    /** The channel is closing: consumers leave their queues, unacked deliveries go back. */
    void release() {
        if (!open) {
            return;
        }
        open = false;
        timeouts.release();
        stopReplies();
        for (ChannelConsumer c : consumers.values()) {
            c.cancelled = true;
            c.queue.owner().execute(() -> c.queue.removeConsumer(c));
        }
        consumers.clear();
        if (txAcks != null) {
            rollbackAcks();
        }
        apply(unacked.removeAll(), true, false);
        work.handOver();
    }
}
