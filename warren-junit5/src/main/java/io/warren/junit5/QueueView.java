package io.warren.junit5;

import io.warren.broker.VirtualHost;
import io.warren.queue.MessageQueue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One queue of an {@link EmbeddedWarren}, read from the broker itself rather than over HTTP. Every
 * call reads afresh, on the queue's own thread, so it sees every publish, ack and consume the
 * broker has applied to the queue before the call (a publish the broker has confirmed, say);
 * the names are those of RabbitMQ's management API. A queue that does not exist has no counts:
 * those calls throw {@link IllegalStateException}, {@link #exists()} does not.
 */
public final class QueueView {
    private static final long READ_TIMEOUT_SECONDS = 10;

    private final EmbeddedWarren warren;
    private final String vhost;
    private final String name;

    QueueView(EmbeddedWarren warren, String vhost, String name) {
        this.warren = warren;
        this.vhost = vhost;
        this.name = name;
    }

    public String vhost() {
        return vhost;
    }

    public String name() {
        return name;
    }

    /** Whether the queue exists now. */
    public boolean exists() {
        return find() != null;
    }

    /** Ready and unacknowledged messages together (the management API's {@code messages}). */
    public int messages() {
        Counts c = counts();
        return c.ready() + c.unacked();
    }

    /** Messages waiting for a consumer ({@code messages_ready}). */
    public int messagesReady() {
        return counts().ready();
    }

    /** Messages delivered and not yet acknowledged ({@code messages_unacknowledged}). */
    public int messagesUnacknowledged() {
        return counts().unacked();
    }

    /** Consumers subscribed to the queue ({@code consumers}). */
    public int consumers() {
        return counts().consumers();
    }

    private MessageQueue find() {
        VirtualHost v = warren.running().broker().vhosts().get(vhost);
        return v == null ? null : v.queue(name);
    }

    private Counts counts() {
        MessageQueue q = find();
        if (q == null) {
            throw new IllegalStateException("no queue '" + name + "' in vhost '" + vhost + "'");
        }
        try {
            return q.owner().submit(() -> new Counts(q.messageCount(), q.unackedCount(), q.consumerCount()))
                    .get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading queue '" + name + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read queue '" + name + "' in vhost '" + vhost + "'", e);
        }
    }

    private record Counts(int ready, int unacked, int consumers) {}

    @Override
    public String toString() {
        return "queue '" + name + "' in vhost '" + vhost + "'";
    }
}
