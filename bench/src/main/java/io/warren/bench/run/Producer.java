package io.warren.bench.run;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * One publishing loop on its own thread and channel: wait for backlog room, the next pacing slot
 * and a confirm permit, stamp the body, publish. Runs until {@link RunControl} stops.
 */
final class Producer implements Runnable {
    private final String id;
    private final Channel channel;
    private final String exchange;
    private final String routingKey;
    private final AMQP.BasicProperties properties;
    // Reused for every publish: the client has written the frame by the time basicPublish returns.
    private final byte[] body;
    private final Pacer pacer;
    private final BacklogGate backlog;
    private final ConfirmWindow confirms;
    private final TrafficCounters counters;
    private final RunControl control;

    /** @param confirms the channel's confirm window, or null when confirms are off */
    Producer(String id, Channel channel, String exchange, String routingKey, boolean persistent, int bodySize,
             Pacer pacer, BacklogGate backlog, ConfirmWindow confirms, TrafficCounters counters,
             RunControl control) {
        this.id = id;
        this.channel = channel;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.properties = persistent ? MessageProperties.MINIMAL_PERSISTENT_BASIC : MessageProperties.MINIMAL_BASIC;
        this.body = new byte[bodySize];
        this.pacer = pacer;
        this.backlog = backlog;
        this.confirms = confirms;
        this.counters = counters;
        this.control = control;
    }

    @Override
    public void run() {
        int sequence = 0;
        try {
            while (control.isRunning()) {
                if (!backlog.awaitRoom(control)) {
                    return;
                }
                awaitSlot(pacer.claimSlot(System.nanoTime()));
                if (confirms != null && !confirms.reserve(channel.getNextPublishSeqNo(), control)) {
                    return;
                }
                BodyStamp.write(body, sequence++, System.nanoTime());
                channel.basicPublish(exchange, routingKey, properties, body);
                counters.recordSent();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            control.fail("producer " + id, e);
        }
    }

    private static void awaitSlot(long slotNanos) {
        long remaining;
        while ((remaining = slotNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
