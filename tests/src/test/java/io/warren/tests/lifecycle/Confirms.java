package io.warren.tests.lifecycle;

import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The publisher confirms of one channel, by publish sequence number: true for basic.ack, false
 * for basic.nack. Written on the client's connection thread, read by the test thread.
 */
final class Confirms {
    private final SortedMap<Long, Boolean> outcomes = new TreeMap<>();
    private final Channel channel;
    private long highestPublished;

    private Confirms(Channel channel) {
        this.channel = channel;
    }

    /** Puts the channel in confirm mode and starts recording. */
    static Confirms on(Channel channel) throws IOException {
        Confirms confirms = new Confirms(channel);
        channel.addConfirmListener((tag, multiple) -> confirms.record(tag, multiple, true),
                (tag, multiple) -> confirms.record(tag, multiple, false));
        channel.confirmSelect();
        return confirms;
    }

    private synchronized void record(long tag, boolean multiple, boolean ack) {
        long from = multiple ? 1 : tag;
        for (long t = from; t <= tag; t++) {
            outcomes.putIfAbsent(t, ack);
        }
        notifyAll();
    }

    /** Publishes through the default exchange to {@code queue}. */
    void publish(String queue, String body) throws IOException {
        publish("", queue, body);
    }

    void publish(String exchange, String routingKey, String body) throws IOException {
        synchronized (this) {
            highestPublished = channel.getNextPublishSeqNo();
        }
        channel.basicPublish(exchange, routingKey, null, body.getBytes());
    }

    /** Waits for every publish so far to be confirmed; the outcome of each, by sequence number. */
    synchronized Map<Long, Boolean> await() throws InterruptedException {
        long deadline = System.nanoTime() + Rig.PATIENCE.toNanos();
        while (outcomes.size() < highestPublished) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("confirms for " + outcomes.size() + " of " + highestPublished + " publishes: " + outcomes);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return new TreeMap<>(outcomes);
    }
}
