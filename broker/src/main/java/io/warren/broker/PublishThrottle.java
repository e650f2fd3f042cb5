package io.warren.broker;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.warren.amqp.Command;
import io.warren.amqp.OversizedContent;
import io.warren.amqp.method.BasicPublish;
import io.warren.amqp.method.ConnectionBlocked;
import io.warren.amqp.method.ConnectionUnblocked;
import io.warren.broker.alarm.ResourceAlarm;
import io.warren.broker.alarm.ResourceAlarms;
import io.warren.broker.stats.ConnectionStatistics;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Publisher blocking for one connection, as rabbit_reader throttles: a connection that publishes
 * while a resource alarm is in effect stops being read, and is read again once every alarm has
 * cleared. A connection that only consumes is never blocked, and deliveries to a blocked one keep
 * flowing, since only reading stops.
 *
 * <p>The publish that met the alarm waits here, with whatever the frame decoder had already taken
 * from the socket after it, and all of it is handled in order, before anything new is read, when
 * reading resumes; what came before it was accepted. RabbitMQ likewise stops at the first content
 * frame it sees, so a message whose body had not arrived is held there too.
 *
 * <p>Clients whose capabilities include connection.blocked are sent connection.blocked with the
 * reason ("low on memory", "low on disk") when blocked and connection.unblocked when released:
 * one of each, however the alarms change in between. The client's heartbeats go unread meanwhile,
 * so a blocked connection is not closed for missing them, and the heartbeat timer restarts when
 * reading resumes, as RabbitMQ pauses and resumes its heartbeat monitor.
 *
 * <p>Belongs to one connection and runs on its event loop.
 */
final class PublishThrottle {
    private static final String CAPABILITY = "connection.blocked";

    private final AmqpConnection connection;
    private final ResourceAlarms alarms;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private boolean blocked;

    PublishThrottle(AmqpConnection connection, ResourceAlarms alarms) {
        this.connection = connection;
        this.alarms = alarms;
    }

    boolean isBlocked() {
        return blocked;
    }

    /** Handles a message from the frame decoder now, or holds it while the connection is blocked. */
    void inbound(Object msg) {
        if (blocked || blocksOn(msg)) {
            held.add(msg);
        } else {
            connection.handleInbound(msg);
        }
    }

    /** The alarms changed: if they have all cleared, handles what was held and resumes reading. */
    void alarmsChanged() {
        if (!blocked || alarms.anyActive()) {
            reportState();
            return;
        }
        blocked = false;
        reportState();
        if (connection.clientCapability(CAPABILITY)) {
            connection.send(0, new ConnectionUnblocked());
        }
        Object msg;
        while (!blocked && (msg = held.poll()) != null) {
            // An alarm raised again meanwhile stops the replay at the next publish, which keeps its place.
            if (blocksOn(msg)) {
                held.addFirst(msg);
            } else {
                connection.handleInbound(msg);
            }
        }
        connection.endOfReadBatch();
        if (!blocked) {
            restartHeartbeatMonitor();
            connection.ctx().channel().config().setAutoRead(true);
        }
    }

    /** The connection is gone: what it sent while blocked will never be handled. */
    void discardHeld() {
        held.clear();
        blocked = false;
    }

    /** Blocks the connection if {@code msg} is a publish and an alarm is in effect; says whether it did. */
    private boolean blocksOn(Object msg) {
        if (!isPublish(msg) || !alarms.anyActive() || !connection.isOpen()) {
            return false;
        }
        Set<ResourceAlarm> active = alarms.active();
        if (active.isEmpty()) {
            return false; // cleared since the cheap check above
        }
        blocked = true;
        reportState();
        connection.ctx().channel().config().setAutoRead(false);
        if (connection.clientCapability(CAPABILITY)) {
            connection.send(0, new ConnectionBlocked(ResourceAlarm.blockedReason(active)));
            connection.scheduleFlush();
        }
        return true;
    }

    /**
     * Shows the connection's state as rabbit_reader's: {@code blocking} while an alarm is in
     * effect and it has not published since, {@code blocked} once a publish was held.
     */
    private void reportState() {
        if (!connection.isOpen()) {
            return;
        }
        connection.statistics().state(blocked ? ConnectionStatistics.State.BLOCKED
                : alarms.anyActive() ? ConnectionStatistics.State.BLOCKING : ConnectionStatistics.State.RUNNING);
    }

    private static boolean isPublish(Object msg) {
        return msg instanceof Command cmd && cmd.method() instanceof BasicPublish || msg instanceof OversizedContent;
    }

    private void restartHeartbeatMonitor() {
        ChannelHandlerContext ctx = connection.ctx();
        ChannelPipeline pipeline = ctx.pipeline();
        if (pipeline.get(Broker.IDLE) instanceof IdleStateHandler idle) {
            pipeline.replace(idle, Broker.IDLE, new IdleStateHandler(idle.getReaderIdleTimeInMillis(),
                    idle.getWriterIdleTimeInMillis(), 0, TimeUnit.MILLISECONDS));
        }
    }
}
