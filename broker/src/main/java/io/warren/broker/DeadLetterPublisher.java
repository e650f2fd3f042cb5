package io.warren.broker;

import io.warren.dlx.DeadLetter;
import io.warren.dlx.DeadLetterStamp;
import io.warren.exchange.Exchange;
import io.warren.exchange.RouteResult;
import io.warren.queue.DeadLetterReason;
import io.warren.queue.DeadLetterer;
import io.warren.queue.Message;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Publishes a vhost's dead letters: stamps each as RabbitMQ does (x-death and friends), routes it
 * through the source queue's dead-letter exchange, leaves out target queues that would close an
 * automatic cycle, and enqueues it in the rest.
 *
 * <p>Unlike RabbitMQ's default at-most-once dead-lettering, the outcome is reported only once
 * every target has the message (on disk, for a persistent message in a storing queue), so the
 * source keeps it until then; a missing dead-letter exchange, a route to no queue or a target
 * refusing it (reject-publish) is reported as unroutable and the source tries again later.
 * Called on the source queue's owner thread; targets are handed their message as a task on
 * their own, never inline, so a dead letter routed back to its source does not re-enter it.
 */
final class DeadLetterPublisher implements DeadLetterer {
    private final VirtualHost vhost;

    DeadLetterPublisher(VirtualHost vhost) {
        this.vhost = vhost;
    }

    @Override
    public void deadLetter(MessageQueue source, QueueSettings settings, Message message, DeadLetterReason reason,
                           Consumer<Outcome> done) {
        Exchange x = vhost.exchanges().lookup(settings.deadLetterExchange());
        if (x == null) {
            done.accept(Outcome.UNROUTABLE);
            return;
        }
        DeadLetter letter = DeadLetterStamp.apply(message, reason, source.name(),
                x.name(), settings.deadLetterRoutingKey(), System.currentTimeMillis() / 1000);
        Message stamped = letter.message();
        RouteResult route = new RouteResult();
        vhost.exchanges().route(x, letter.routingKeys(), letter.headers(), route);
        List<MessageQueue> targets = new ArrayList<>(route.size());
        boolean cycled = false;
        for (int i = 0; i < route.size(); i++) {
            MessageQueue q = vhost.queue(route.get(i));
            if (q == null) {
                continue;
            }
            if (letter.closesCycleInto(q.name())) {
                cycled = true;
            } else {
                targets.add(q);
            }
        }
        if (targets.isEmpty()) {
            // RabbitMQ drops a dead letter whose every target closes an automatic cycle; that is a
            // rule, not a failure, so the source lets it go.
            done.accept(cycled ? Outcome.DROPPED : Outcome.UNROUTABLE);
            return;
        }
        DurableBarrier taken = new DurableBarrier();
        for (MessageQueue q : targets) {
            Runnable onDurable = taken.expect();
            q.owner().execute(() -> q.enqueue(stamped, onDurable, taken::rejectOne));
        }
        taken.arm(() -> done.accept(taken.rejected() ? Outcome.UNROUTABLE : Outcome.TAKEN));
    }
}
