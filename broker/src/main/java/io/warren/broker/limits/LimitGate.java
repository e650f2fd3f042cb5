package io.warren.broker.limits;

import io.netty.util.concurrent.EventExecutor;
import io.warren.amqp.ReplyCode;
import io.warren.broker.ChannelException;
import io.warren.broker.ConnectionException;
import io.warren.broker.User;
import io.warren.broker.Users;
import io.warren.broker.VirtualHost;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueDefinition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that enforces the vhost limits ({@code max-connections}, {@code max-queues}) and
 * the user limits ({@code max-connections}, {@code max-channels}) as RabbitMQ does, with its reply
 * codes and texts, and that owns the per-user counts (the per-vhost ones live on the
 * {@link VirtualHost}). Limits are read afresh at each connection.open, channel.open and
 * queue.declare of a new queue, so a changed limit applies to later ones only: nothing open is
 * closed. Counting goes on whether or not a limit is set, so a limit set later sees the true
 * numbers. Thread-safe: any connection's event loop calls it; nothing here is on the publish or
 * delivery path.
 */
public final class LimitGate {
    public static final String MAX_CONNECTIONS = "max-connections";
    public static final String MAX_QUEUES = "max-queues";
    public static final String MAX_CHANNELS = "max-channels";

    private final Users users;
    /** Per user name; an entry stays once the name has logged in, as a user's connections outlive its deletion. */
    private final Map<String, UserCounts> byUser = new ConcurrentHashMap<>();

    private record UserCounts(BoundedCount connections, BoundedCount channels) {
        UserCounts() {
            this(new BoundedCount(), new BoundedCount());
        }
    }

    public LimitGate(Users users) {
        this.users = users;
    }

    /**
     * At connection.open: takes a place in the vhost's and then in the user's connections, in
     * RabbitMQ's order, or throws 530 NOT_ALLOWED naming the limit that is reached. The caller
     * releases the admission when the connection ends, or at once if it then refuses the open.
     */
    public ConnectionAdmission admitConnection(VirtualHost vhost, String user) {
        long vhostLimit = LimitValue.of(vhost.metadata().limits(), MAX_CONNECTIONS);
        BoundedCount vhostConnections = vhost.connections();
        if (!vhostConnections.tryAcquire(vhostLimit)) {
            throw ConnectionException.notAllowed("access to vhost '" + vhost.name() + "' refused for user '" + user
                    + "': connection limit (" + vhostLimit + ") is reached");
        }
        UserCounts counts = countsOf(user);
        long userLimit = userLimit(user, MAX_CONNECTIONS);
        if (!counts.connections().tryAcquire(userLimit)) {
            vhostConnections.release();
            throw ConnectionException.notAllowed("connection refused for user '" + user
                    + "': user connection limit (" + userLimit + ") is reached");
        }
        return new ConnectionAdmission(this, user, vhostConnections, counts.connections(), counts.channels());
    }

    /**
     * At channel.open: takes a place in the user's channels or throws 530 NOT_ALLOWED, which
     * closes the whole connection, with class and method 0 as RabbitMQ sends it.
     */
    void admitChannel(String user, BoundedCount channels) {
        long limit = userLimit(user, MAX_CHANNELS);
        if (!channels.tryAcquire(limit)) {
            throw new ConnectionException(ReplyCode.NOT_ALLOWED, "number of channels opened for user '" + user
                    + "' has reached the maximum allowed user limit of (" + limit + ")", true);
        }
    }

    /**
     * At queue.declare of a queue that does not exist, before its arguments are looked at (as
     * RabbitMQ checks): throws 406 PRECONDITION_FAILED when the vhost holds its limit of queues.
     * Only a first look, for the order of errors; {@link #declareQueue} decides.
     */
    public void checkQueueLimit(VirtualHost vhost, String queue) {
        long limit = LimitValue.of(vhost.metadata().limits(), MAX_QUEUES);
        if (limit >= 0 && vhost.queueCount() >= limit) {
            throw queueLimitReached(vhost, queue, limit);
        }
    }

    /**
     * Declares the queue as {@link VirtualHost#declareQueue(QueueDefinition, EventExecutor, long)}
     * does, creating it only if that keeps the vhost within its queue limit (checked and counted
     * in one step); throws 406 PRECONDITION_FAILED otherwise. An existing queue is returned
     * whatever the limit.
     */
    public MessageQueue declareQueue(VirtualHost vhost, QueueDefinition definition, EventExecutor owner) {
        long limit = LimitValue.of(vhost.metadata().limits(), MAX_QUEUES);
        MessageQueue q = vhost.declareQueue(definition, owner, limit);
        if (q == null) {
            throw queueLimitReached(vhost, definition.name(), limit);
        }
        return q;
    }

    private static ChannelException queueLimitReached(VirtualHost vhost, String queue, long limit) {
        return ChannelException.preconditionFailed("cannot declare queue '" + queue + "': queue limit in vhost '"
                + vhost.name() + "' (" + limit + ") is reached");
    }

    /** How many counted connections {@code user} has open now, in every vhost. */
    public int connectionsOf(String user) {
        UserCounts c = byUser.get(user);
        return c == null ? 0 : c.connections().held();
    }

    /** How many channels {@code user} has open now on counted connections. */
    public int channelsOf(String user) {
        UserCounts c = byUser.get(user);
        return c == null ? 0 : c.channels().held();
    }

    private UserCounts countsOf(String user) {
        return byUser.computeIfAbsent(user, u -> new UserCounts());
    }

    /** The user's limit as stored now; a deleted user has none, as in RabbitMQ. */
    private long userLimit(String user, String key) {
        User u = users.get(user);
        return u == null ? BoundedCount.UNLIMITED : LimitValue.of(u.limits(), key);
    }
}
