package io.warren.tests.durable;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The crash tests' publisher: persistent messages with confirms (200 in flight), each body
 * starting with its id, until the broker is killed under it. The ids whose publish was confirmed
 * go into the given set; those are the messages that must survive.
 */
final class ConfirmedPublisher {
    /** Publishes message {@code id} (its body already carries the id) on the channel. */
    interface Send {
        void publish(Channel ch, long id, byte[] body) throws IOException;
    }

    private ConfirmedPublisher() {
    }

    /** Sends to {@code queue} through the default exchange. */
    static Send toQueue(String queue) {
        return (ch, id, body) -> ch.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
    }

    /** Publishes ids from {@code nextId} until the connection dies; returns then. */
    static void publishUntilKilled(WarrenProcess warren, AtomicLong nextId, int fillerBytes, Set<Long> confirmed,
                                   Send send) {
        ConcurrentNavigableMap<Long, Long> outstanding = new ConcurrentSkipListMap<>();
        Semaphore inFlight = new Semaphore(200);
        try (Connection c = warren.connect()) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.addConfirmListener((tag, multiple) -> {
                var done = multiple ? outstanding.headMap(tag, true) : outstanding.subMap(tag, true, tag, true);
                confirmed.addAll(done.values());
                inFlight.release(done.size());
                done.clear();
            }, (tag, multiple) -> {
                throw new AssertionError("nack for " + tag);
            });
            byte[] filler = new byte[fillerBytes];
            while (true) {
                // Confirms stop when the broker dies: notice the closed channel instead of waiting forever.
                while (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    if (!ch.isOpen()) {
                        return;
                    }
                }
                long id = nextId.getAndIncrement();
                outstanding.put(ch.getNextPublishSeqNo(), id);
                send.publish(ch, id, ByteBuffer.allocate(8 + filler.length).putLong(id).put(filler).array());
            }
        } catch (Exception killed) {
            // The broker went away mid-stream: what was confirmed by then is what counts.
        }
    }
}
