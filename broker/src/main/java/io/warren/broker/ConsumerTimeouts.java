package io.warren.broker;

import io.warren.queue.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * RabbitMQ's consumer timeout for one channel: a delivery (to a consumer, or by basic.get) left
 * unacknowledged longer than its queue's timeout closes the channel with 406 and RabbitMQ's text.
 * The timeout is the smaller of the queue's {@code x-consumer-timeout} and its policy's
 * {@code consumer-timeout}, or else the broker's {@code consumer_timeout}; it is read when the
 * deliveries are looked at, so a policy change applies to deliveries already out.
 *
 * <p>RabbitMQ looks once a minute (channel_tick_interval), at the oldest unacked delivery only.
 * Here each consumer's deliveries (and basic.get's, per queue) wait in a lane in delivery order,
 * so a lane's oldest delivery is the first of it to expire, and one timer per channel is set for
 * the earliest of those deadlines, or a minute from now at the latest so that a policy change is
 * seen within RabbitMQ's tick. Channel thread only; the timer runs on the connection's event loop.
 */
final class ConsumerTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerTimeouts.class);

    /** RabbitMQ's channel_tick_interval: the longest the timer waits while deliveries are out. */
    static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** Deliveries awaiting ack of one consumer, or of basic.get from one queue, oldest first. */
    static final class Lane {
        final MessageQueue queue;
        final String consumerTag;
        private final ArrayDeque<Unacked> pending = new ArrayDeque<>();
        private boolean retired;

        Lane(MessageQueue queue, String consumerTag, boolean retired) {
            this.queue = queue;
            this.consumerTag = consumerTag;
            this.retired = retired;
        }

        /** Drops settled deliveries from the head; true when nothing is left. */
        private boolean trim() {
            while (!pending.isEmpty() && pending.peekFirst().settled) {
                pending.pollFirst();
            }
            return pending.isEmpty();
        }
    }

    private final AmqpChannel channel;
    private final long defaultTimeoutMs;
    private final Set<Lane> lanes = new HashSet<>();
    private final Map<MessageQueue, Lane> getLanes = new IdentityHashMap<>();
    private ScheduledFuture<?> timer;
    private long timerAt;
    private boolean closed;

    /** @param defaultTimeoutMs the broker's consumer_timeout; 0 for none */
    ConsumerTimeouts(AmqpChannel channel, long defaultTimeoutMs) {
        this.channel = channel;
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    /** A lane for a consumer's deliveries; it lives until {@link #retire}d and empty. */
    Lane consumerLane(MessageQueue queue, String consumerTag) {
        return new Lane(queue, consumerTag, false);
    }

    /** The lane of basic.get deliveries from {@code queue}. */
    Lane getLane(MessageQueue queue) {
        return getLanes.computeIfAbsent(queue, q -> new Lane(q, null, true));
    }

    /** A delivery awaiting ack joined {@code lane}, written at {@code now} (System.nanoTime). */
    void delivered(Lane lane, Unacked u, long now) {
        if (closed) {
            return;
        }
        if (lane.pending.isEmpty()) {
            lanes.add(lane);
        }
        u.deliveredAt = now;
        u.lane = lane;
        lane.pending.addLast(u);
    }

    /** After deliveries joined {@code lane} at {@code now}: the timer is due by their deadline at the latest. */
    void armFor(Lane lane, long now) {
        if (closed) {
            return;
        }
        long timeout = timeoutMs(lane.queue);
        long due = timeout < 0 ? TICK_NANOS : Math.min(TICK_NANOS, TimeUnit.MILLISECONDS.toNanos(timeout));
        if (timer == null || now + due - timerAt < 0) {
            arm(now, due);
        }
    }

    /** These deliveries left the channel's unacked ones (settled, or their acks await a tx.commit). */
    void settled(List<Unacked> settled) {
        for (int i = 0, n = settled.size(); i < n; i++) {
            Lane lane = settled.get(i).lane;
            if (lane != null && lane.trim() && lane.retired) {
                drop(lane);
            }
        }
    }

    /** Deliveries whose acks were rolled back are unacked again, with the time they were delivered. */
    void restored(List<Unacked> back) {
        if (closed) {
            return;
        }
        Set<Lane> touched = new HashSet<>();
        for (Unacked u : back) {
            if (u.lane != null) {
                touched.add(u.lane);
                u.lane.pending.addLast(u);
            }
        }
        long now = System.nanoTime();
        for (Lane lane : touched) {
            List<Unacked> ordered = new ArrayList<>(lane.pending);
            ordered.removeIf(u -> u.settled);
            ordered.sort(Comparator.comparingLong(u -> u.tag));
            lane.pending.clear();
            lane.pending.addAll(ordered);
            lanes.add(lane);
            if (lane.consumerTag == null) {
                getLanes.putIfAbsent(lane.queue, lane);
            }
        }
        if (!touched.isEmpty()) {
            arm(now, 0);
        }
    }

    /** The consumer is gone; its lane goes once its deliveries are settled. */
    void retire(Lane lane) {
        if (lane == null) {
            return;
        }
        lane.retired = true;
        if (lane.trim()) {
            drop(lane);
        }
    }

    /** The channel is closing: no more checks. */
    void release() {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        lanes.clear();
        getLanes.clear();
    }

    private void drop(Lane lane) {
        lanes.remove(lane);
        if (lane.consumerTag == null) {
            getLanes.remove(lane.queue, lane);
        }
    }

    /** The queue's own timeout, else the broker's; -1 for none. */
    private long timeoutMs(MessageQueue queue) {
        long own = queue.settings().consumerTimeout();
        if (own >= 0) {
            return own;
        }
        return defaultTimeoutMs > 0 ? defaultTimeoutMs : -1;
    }

    private void arm(long now, long delayNanos) {
        if (timer != null) {
            timer.cancel(false);
        }
        timerAt = now + delayNanos;
        timer = channel.connection().executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (!channel.isOpen()) {
            return;
        }
        long now = System.nanoTime();
        long next = TICK_NANOS;
        boolean pending = false;
        Unacked expired = null;
        long expiredTimeout = 0;
        for (Iterator<Lane> it = lanes.iterator(); it.hasNext(); ) {
            Lane lane = it.next();
            if (lane.trim()) {
                if (lane.retired) {
                    it.remove();
                    if (lane.consumerTag == null) {
                        getLanes.remove(lane.queue, lane);
                    }
                }
                continue;
            }
            pending = true;
            long timeout = timeoutMs(lane.queue);
            if (timeout < 0) {
                continue;
            }
            Unacked oldest = lane.pending.peekFirst();
            long left = TimeUnit.MILLISECONDS.toNanos(timeout) - (now - oldest.deliveredAt);
            if (left <= 0) {
                if (expired == null || oldest.tag < expired.tag) {
                    expired = oldest;
                    expiredTimeout = timeout;
                }
            } else {
                next = Math.min(next, left);
            }
        }
        if (expired != null) {
            timedOut(expired, expiredTimeout);
        } else if (pending) {
            arm(now, next);
        }
    }

    private void timedOut(Unacked u, long timeoutMs) {
        Lane lane = u.lane;
        LOG.warn("Consumer '{}' on channel {} and queue '{}' in vhost '{}' has timed out waiting for a consumer "
                        + "acknowledgement of a delivery with delivery tag = {}. Timeout used: {} ms. This timeout "
                        + "value can be configured, see consumers doc guide to learn more",
                lane.consumerTag == null ? "basic.get" : lane.consumerTag, channel.id(), lane.queue.name(),
                channel.vhost().name(), u.tag, timeoutMs);
        channel.connection().closeChannel(channel, ChannelException.preconditionFailed("delivery acknowledgement on "
                + "channel " + channel.id() + " timed out. Timeout value used: " + timeoutMs + " ms. This timeout "
                + "value can be configured, see consumers doc guide to learn more"), null);
    }
}
