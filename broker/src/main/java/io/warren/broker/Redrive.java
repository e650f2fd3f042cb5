package io.warren.broker;

import io.netty.buffer.Unpooled;
import io.warren.amqp.BasicProperties;
import io.warren.dlx.DeadLetterStamp;
import io.warren.exchange.Exchange;
import io.warren.exchange.RouteResult;
import io.warren.queue.Message;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Redrive, after AWS SQS: moves messages from a dead-letter queue back to the queue each one
 * last died in (the first entry of its x-death), or through a named exchange with the routing
 * keys it had when it died. A message leaves the dead-letter queue only once every target has it
 * (on disk, for a persistent message in a storing queue), so none is lost; and each is taken from
 * the dead-letter queue once, so none is sent twice. Messages that cannot go anywhere (they never
 * died, their queue is gone, the exchange routes them nowhere, a target refuses them) stay where
 * they were, in order, and are counted as skipped.
 *
 * <p>Works in batches on the dead-letter queue's owner thread, so the queue keeps serving its
 * consumers in between; only messages ready when a batch is taken are moved.
 */
public final class Redrive {
    /** How it went: messages moved, and messages left in the dead-letter queue because they had nowhere to go. */
    public record Result(long moved, long skipped) {}

    private static final int BATCH = 1024;

    private final VirtualHost vhost;
    private final MessageQueue source;
    private final Exchange exchange;
    private final long limit;
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private final List<QueueEntry> skipped = new ArrayList<>();
    private final RouteResult route = new RouteResult();
    private long moved;
    private long attempted;
    private int outstanding;

    private Redrive(VirtualHost vhost, MessageQueue source, Exchange exchange, long limit) {
        this.vhost = vhost;
        this.source = source;
        this.exchange = exchange;
        this.limit = limit;
    }

    /**
     * Starts moving up to {@code max} messages (all when negative) from {@code queue}.
     *
     * @param exchange null to send each message back to the queue it died in, else the name of
     *                 an existing exchange to publish them through
     * @throws ChannelException 404 when the queue or the exchange does not exist
     */
    public static CompletableFuture<Result> start(VirtualHost vhost, String queue, String exchange, long max) {
        MessageQueue source = vhost.queue(queue);
        if (source == null) {
            throw ChannelException.notFound("no queue '" + queue + "' in vhost '" + vhost.name() + "'");
        }
        Exchange x = null;
        if (exchange != null) {
            x = vhost.exchanges().lookup(exchange);
            if (x == null) {
                throw ChannelException.notFound("no exchange '" + exchange + "' in vhost '" + vhost.name() + "'");
            }
        }
        Redrive r = new Redrive(vhost, source, x, max < 0 ? Long.MAX_VALUE : max);
        source.owner().execute(r::nextBatch);
        return r.done;
    }

    /** Owner thread: takes the next batch and sends each message on its way. */
    private void nextBatch() {
        int n = (int) Math.min(BATCH, limit - attempted);
        List<QueueEntry> batch = n <= 0 || source.isDeleted() ? List.of() : source.takeForMove(n);
        if (batch.isEmpty()) {
            finish();
            return;
        }
        attempted += batch.size();
        outstanding = batch.size();
        for (QueueEntry e : batch) {
            send(e);
        }
    }

    private void send(QueueEntry e) {
        Message m = e.message();
        DeadLetterStamp.LastDeath death = DeadLetterStamp.lastDeath(m);
        List<MessageQueue> targets = targets(m, death);
        if (targets.isEmpty()) {
            settled(e, false);
            return;
        }
        Message copy = new Message(exchange == null ? "" : exchange.name(),
                exchange == null ? death.queue() : routingKeys(m, death).get(0), m.properties(), m.body(),
                m.persistent(), m.priority(), Message.NO_EXPIRATION, System.currentTimeMillis(), m.publisherDeaths());
        DurableBarrier taken = new DurableBarrier();
        for (MessageQueue q : targets) {
            Runnable onDurable = taken.expect();
            q.owner().execute(() -> q.enqueue(copy, onDurable, taken::rejectOne));
        }
        taken.arm(() -> source.owner().execute(() -> settled(e, !taken.rejected())));
    }

    private List<MessageQueue> targets(Message m, DeadLetterStamp.LastDeath death) {
        List<MessageQueue> targets = new ArrayList<>();
        if (exchange == null) {
            MessageQueue q = death == null ? null : vhost.queue(death.queue());
            if (q != null && q != source) {
                targets.add(q);
            }
            return targets;
        }
        BasicProperties props = BasicProperties.decode(Unpooled.wrappedBuffer(m.properties()));
        vhost.exchanges().route(exchange, routingKeys(m, death), props.headers(), route);
        for (int i = 0; i < route.size(); i++) {
            MessageQueue q = vhost.queue(route.get(i));
            if (q != null) {
                targets.add(q);
            }
        }
        return targets;
    }

    /** The keys the message had before it died, or its own when it never did. */
    private static List<String> routingKeys(Message m, DeadLetterStamp.LastDeath death) {
        return death == null || death.routingKeys().isEmpty() ? List.of(m.routingKey()) : death.routingKeys();
    }

    /** Owner thread: one message of the batch is done with. */
    private void settled(QueueEntry e, boolean ok) {
        if (ok) {
            source.ack(e);
            moved++;
        } else {
            skipped.add(e);
        }
        if (--outstanding == 0) {
            nextBatch();
        }
    }

    private void finish() {
        if (!skipped.isEmpty() && !source.isDeleted()) {
            source.requeue(skipped);
        }
        done.complete(new Result(moved, skipped.size()));
    }
}
