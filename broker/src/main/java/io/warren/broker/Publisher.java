package io.warren.broker;

import io.warren.amqp.ContentHeader;
import io.warren.amqp.Frames;
import io.warren.amqp.method.BasicAck;
import io.warren.amqp.method.BasicNack;
import io.warren.amqp.method.BasicPublish;
import io.warren.amqp.method.BasicReturn;
import io.warren.amqp.method.ConfirmSelectOk;
import io.warren.amqp.method.TxCommitOk;
import io.warren.amqp.method.TxRollbackOk;
import io.warren.amqp.method.TxSelectOk;
import io.warren.broker.access.ResourceKind;
import io.warren.broker.access.UserAccess;
import io.warren.broker.stats.ChannelStatistics;
import io.warren.broker.stats.MessageStat;
import io.warren.exchange.Exchange;
import io.warren.exchange.RouteResult;
import io.warren.queue.Message;
import io.warren.queue.MessageQueue;
import io.warren.queue.Overflow;
import io.warren.queue.QueueSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * The publishing side of a channel: basic.publish from validation through routing to the
 * hand-over to queues, mandatory returns, publisher confirms and transactions. Runs on the
 * channel's event loop.
 *
 * <p>A transient message counts as accepted once it is routed and queued for hand-over, so its
 * confirm goes out at the end of the same socket read, after any basic.return for it, as in
 * RabbitMQ; confirms of one read share one basic.ack with multiple set.
 */
final class Publisher {
    private record TxPublish(Exchange exchange, BasicPublish method, ContentHeader header, byte[] body) {}

    private final AmqpChannel channel;
    private final Deliveries deliveries;
    private final QueueWork work;
    private final RouteResult route = new RouteResult();
    private final List<MessageQueue> targets = new ArrayList<>();
    private final Routing routing;
    private final ConfirmTracker confirms = new ConfirmTracker();
    private final ConfirmTracker.Sink confirmSink = new ConfirmTracker.Sink() {
        @Override
        public void ack(long tag, boolean multiple) {
            channel.send(new BasicAck(tag, multiple));
        }

        @Override
        public void nack(long tag, boolean multiple) {
            channel.send(new BasicNack(tag, multiple, false));
        }
    };
    private boolean confirmMode;
    private List<TxPublish> txPublishes;

    Publisher(AmqpChannel channel, Deliveries deliveries) {
        this.channel = channel;
        this.deliveries = deliveries;
        this.work = deliveries.work();
        this.routing = new Routing(channel);
    }

    void publish(BasicPublish m, ContentHeader header, byte[] body) {
        if (m.immediate()) {
            throw ConnectionException.notImplemented("immediate=true");
        }
        // Counted once the size is known to be allowed, before the other checks, as RabbitMQ counts it.
        channel.connection().broker().statistics().messageSizes().observe(body.length);
        VirtualHost vhost = channel.vhost();
        UserAccess access = channel.connection().access();
        access.write(ResourceKind.EXCHANGE, m.exchange());
        Exchange x = vhost.exchanges().lookup(m.exchange());
        if (x == null) {
            throw ChannelException.notFound("no exchange '" + m.exchange() + "' in vhost '" + vhost.name() + "'");
        }
        if (x.internal()) {
            throw ChannelException.accessRefused("cannot publish to internal exchange '" + x.name()
                    + "' in vhost '" + vhost.name() + "'");
        }
        access.topicWrite(x, m.routingKey());
        checkUserId(header);
        if (PropertyFlags.has(header.rawProperties(), PropertyFlags.EXPIRATION)) {
            // Refused at publish, as RabbitMQ does, even for a message that would route nowhere.
            Expiration.parse(header.properties().expiration());
        }
        if (PropertyFlags.has(header.rawProperties(), PropertyFlags.HEADERS)) {
            HeaderRoutes.check(header.properties().headers());
        }
        if (txPublishes != null) {
            txPublishes.add(new TxPublish(x, m, header, body));
            channel.statistics().gauge(ChannelStatistics.Gauge.UNCOMMITTED, txPublishes.size());
            return;
        }
        deliver(x, m, header, body, null);
    }

    private void checkUserId(ContentHeader header) {
        if (!PropertyFlags.has(header.rawProperties(), PropertyFlags.USER_ID)) {
            return;
        }
        String userId = header.properties().userId();
        String user = channel.connection().user().name();
        if (userId != null && !userId.equals(user)) {
            throw ChannelException.preconditionFailed("user_id property set to '" + userId
                    + "' but authenticated user was '" + user + "'");
        }
    }

    /**
     * Routes one message and queues it for hand-over. Each queue that writes it to disk gets a
     * callback from {@code durable} (when not null), which completes once every such write is on
     * disk; under confirms, a message's own barrier settles its confirm.
     */
    private void deliver(Exchange x, BasicPublish m, ContentHeader header, byte[] body, DurableBarrier durable) {
        VirtualHost vhost = channel.vhost();
        Routing.Outcome outcome = routing.route(x, m.routingKey(), header, route);
        Message msg = new Message(x.name(), m.routingKey(), outcome.properties(), body, outcome.persistent(),
                outcome.priority(), outcome.expiration(), System.currentTimeMillis(), outcome.publisherDeaths());
        targets.clear();
        boolean waits = false;
        boolean unavailable = false;
        for (int i = 0, n = route.size(); i < n; i++) {
            MessageQueue q = vhost.queue(route.get(i));
            if (q != null) {
                targets.add(q);
                waits |= (msg.persistent() && q.stores()) || (confirmMode && mayRefuse(q));
            } else {
                unavailable |= vhost.unavailableQueue(route.get(i)) != null;
            }
        }
        // Routed to a queue whose files cannot be read: stored nowhere there, so not confirmed (nack).
        waits |= confirmMode && unavailable;
        DurableBarrier barrier = durable;
        if (confirmMode) {
            // A persistent message bound for disk is confirmed once every queue has it there, and
            // one a queue may refuse once every such queue has answered.
            if (waits) {
                barrier = new DurableBarrier();
            } else {
                confirms.publish();
            }
        }
        for (int i = 0, n = targets.size(); i < n; i++) {
            MessageQueue q = targets.get(i);
            boolean refusable = confirmMode && mayRefuse(q);
            Runnable onDurable = barrier != null && ((msg.persistent() && q.stores()) || refusable)
                    ? barrier.expect() : null;
            // Under confirms a queue that cannot write the message answers with a nack; in a
            // transaction the commit waits until it is written.
            Runnable onRejected = confirmMode && onDurable != null ? barrier::rejectOne : null;
            work.enqueue(q, msg, onDurable, onRejected);
        }
        if (confirmMode && unavailable) {
            barrier.expect();
            barrier.rejectOne();
        }
        if (confirmMode && waits) {
            long seq = confirms.publishDeferred();
            DurableBarrier settled = barrier;
            barrier.arm(() -> settleOnChannel(seq, settled.rejected()));
        }
        countPublish(x, m);
        if (targets.isEmpty() && !unavailable) {
            routing.unroutable(m, msg);
        }
    }

    private void countPublish(Exchange x, BasicPublish m) {
        ChannelStatistics stats = channel.statistics();
        int routed = targets.size();
        stats.count(MessageStat.PUBLISH);
        if (confirmMode) {
            stats.count(MessageStat.RECEIVED_CONFIRM);
        }
        if (routed > 0) {
            stats.count(MessageStat.ROUTED, routed);
        } else {
            stats.count(m.mandatory() ? MessageStat.RETURN_UNROUTABLE : MessageStat.DROP_UNROUTABLE);
        }
        x.stats().recordPublish(routed);
    }

    /** A queue at its length limit that refuses publishes rather than dropping its head. */
    private static boolean mayRefuse(MessageQueue q) {
        QueueSettings s = q.settings();
        return s.overflow() != Overflow.DROP_HEAD && (s.maxLength() >= 0 || s.maxLengthBytes() >= 0);
    }

    /** Called from any thread: the confirm (a nack when refused) for {@code seq} may go out now. */
    private void settleOnChannel(long seq, boolean refused) {
        AmqpConnection conn = channel.connection();
        conn.executor().execute(() -> {
            confirms.settled(seq, refused);
            if (channel.isOpen()) {
                sendConfirms();
                conn.scheduleFlush();
            }
        });
    }

    /** Sends a basic.return with the message as published. */
    void returnMessage(int code, String text, String exchange, String routingKey, Message msg) {
        AmqpConnection conn = channel.connection();
        conn.write(Frames.encodeContentCommand(conn.ctx().alloc(), channel.id(),
                new BasicReturn(code, text, exchange, routingKey), msg.properties(), msg.body(), conn.frameMax()));
    }

    /** End of a socket read: queues get their batches, then the publisher its confirms. */
    void endOfReadBatch() {
        work.handOver();
        sendConfirms();
    }

    private void sendConfirms() {
        if (!confirmMode) {
            return;
        }
        long before = confirms.confirmedUpTo();
        confirms.flush(confirmSink);
        long after = confirms.confirmedUpTo();
        ChannelStatistics stats = channel.statistics();
        if (after > before) {
            stats.count(MessageStat.CONFIRM, after - before);
        }
        stats.gauge(ChannelStatistics.Gauge.UNCONFIRMED, confirms.published() - after);
    }

    // ---- confirm.select ----

    void confirmSelect(boolean nowait) {
        if (txPublishes != null) {
            throw ChannelException.preconditionFailed("cannot switch from tx to confirm mode");
        }
        confirmMode = true;
        channel.statistics().gauge(ChannelStatistics.Gauge.CONFIRM, 1);
        if (!nowait) {
            channel.send(new ConfirmSelectOk());
        }
    }

    // ---- tx ----

    void txSelect() {
        if (confirmMode) {
            throw ChannelException.preconditionFailed("cannot switch from confirm to tx mode");
        }
        if (txPublishes == null) {
            txPublishes = new ArrayList<>();
            deliveries.beginTransaction();
            channel.statistics().gauge(ChannelStatistics.Gauge.TRANSACTIONAL, 1);
        }
        channel.send(new TxSelectOk());
    }

    /**
     * Publishes and acks of the transaction take effect; commit-ok goes out once the queues have
     * them and the persistent messages among them are on disk, as RabbitMQ's does.
     */
    void txCommit() {
        if (txPublishes == null) {
            throw ChannelException.preconditionFailed("channel is not transactional");
        }
        DurableBarrier durable = new DurableBarrier();
        for (TxPublish p : txPublishes) {
            deliver(p.exchange(), p.method(), p.header(), p.body(), durable);
        }
        txPublishes.clear();
        channel.statistics().gauge(ChannelStatistics.Gauge.UNCOMMITTED, 0);
        deliveries.commitAcks();
        java.util.Set<MessageQueue> touched = work.handOver();
        channel.afterQueues(touched, () -> channel.suspendUntil(durable::arm, () -> channel.send(new TxCommitOk())));
    }

    void txRollback() {
        if (txPublishes == null) {
            throw ChannelException.preconditionFailed("channel is not transactional");
        }
        txPublishes.clear();
        channel.statistics().gauge(ChannelStatistics.Gauge.UNCOMMITTED, 0);
        deliveries.rollbackAcks();
        channel.send(new TxRollbackOk());
    }
}
