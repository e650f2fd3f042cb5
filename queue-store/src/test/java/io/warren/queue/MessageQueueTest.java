package io.warren.queue;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageQueueTest {
    private final EventExecutor loop = new DefaultEventLoop();
    private final AtomicInteger unused = new AtomicInteger();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private MessageQueue queue(boolean autoDelete) {
        return new MessageQueue(new QueueDefinition("/", "q", false, false, autoDelete, Map.of(), null),
                loop, unused::incrementAndGet);
    }

    private static Message msg(String body) {
        return new Message("", "q", new byte[] {0, 0}, body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Runs on the queue's owner thread and waits for every pass that work scheduled. */
    private <T> T onOwner(Callable<T> work) throws Exception {
        T result = loop.submit(work).get();
        loop.submit(() -> { }).get();
        return result;
    }

    @Test
    void deliversInOrderRoundRobinWithinCredit() throws Exception {
        MessageQueue q = queue(false);
        RecordingConsumer a = new RecordingConsumer(2, 0, false);
        RecordingConsumer b = new RecordingConsumer(10, 0, false);
        onOwner(() -> {
            q.addConsumer(a, false);
            q.addConsumer(b, false);
            for (int i = 1; i <= 6; i++) {
                q.enqueue(msg("m" + i));
            }
            return null;
        });
        assertEquals(List.of("m1", "m3"), a.received);
        assertEquals(List.of("m2", "m4", "m5", "m6"), b.received);
        assertEquals(1, a.batches, "one end-of-batch per pass, not per message");
        assertEquals(6, (int) onOwner(q::unackedCount));
        assertEquals(0, (int) onOwner(q::messageCount));
    }

    @Test
    void higherPriorityConsumerFirstWhileItHasCredit() throws Exception {
        MessageQueue q = queue(false);
        RecordingConsumer low = new RecordingConsumer(10, 0, false);
        RecordingConsumer high = new RecordingConsumer(2, 5, false);
        onOwner(() -> {
            q.addConsumer(low, false);
            q.addConsumer(high, false);
            for (int i = 1; i <= 4; i++) {
                q.enqueue(msg("m" + i));
            }
            return null;
        });
        assertEquals(List.of("m1", "m2"), high.received);
        assertEquals(List.of("m3", "m4"), low.received);
    }

    @Test
    void requeuedMessagesReturnToTheirOriginalPositionMarkedRedelivered() throws Exception {
        MessageQueue q = queue(false);
        onOwner(() -> {
            for (int i = 1; i <= 4; i++) {
                q.enqueue(msg("m" + i));
            }
            return null;
        });
        QueueEntry first = onOwner(() -> q.get(false));
        QueueEntry second = onOwner(() -> q.get(false));
        onOwner(() -> {
            q.requeue(List.of(second, first));
            return null;
        });
        RecordingConsumer c = new RecordingConsumer(10, 0, true);
        onOwner(() -> q.addConsumer(c, false));
        assertEquals(List.of("m1", "m2", "m3", "m4"), c.received);
        assertEquals(List.of(true, true, false, false), c.redelivered);
    }

    @Test
    void consumerWithoutCreditIsSkippedUntilWoken() throws Exception {
        MessageQueue q = queue(false);
        RecordingConsumer c = new RecordingConsumer(1, 0, false);
        onOwner(() -> {
            q.addConsumer(c, false);
            q.enqueue(msg("a"));
            q.enqueue(msg("b"));
            return null;
        });
        assertEquals(List.of("a"), c.received);
        assertEquals(1, (int) onOwner(q::messageCount));
        onOwner(() -> {
            c.credit = 1;
            q.requestDrain();
            return null;
        });
        assertEquals(List.of("a", "b"), c.received);
    }

    @Test
    void exclusiveConsumerKeepsOthersOut() throws Exception {
        MessageQueue q = queue(false);
        RecordingConsumer first = new RecordingConsumer(1, 0, false);
        assertEquals(MessageQueue.AddConsumerResult.ADDED, onOwner(() -> q.addConsumer(first, true)));
        assertEquals(MessageQueue.AddConsumerResult.EXCLUSIVE_CONSUMER_PRESENT,
                onOwner(() -> q.addConsumer(new RecordingConsumer(1, 0, false), false)));
        onOwner(() -> {
            q.removeConsumer(first);
            return null;
        });
        onOwner(() -> q.addConsumer(new RecordingConsumer(1, 0, false), false));
        assertEquals(MessageQueue.AddConsumerResult.CONSUMERS_PRESENT,
                onOwner(() -> q.addConsumer(new RecordingConsumer(1, 0, false), true)));
    }

    @Test
    void autoDeleteFiresWhenTheLastConsumerLeavesNotBefore() throws Exception {
        MessageQueue q = queue(true);
        RecordingConsumer a = new RecordingConsumer(1, 0, false);
        RecordingConsumer b = new RecordingConsumer(1, 0, false);
        onOwner(() -> {
            q.addConsumer(a, false);
            q.addConsumer(b, false);
            q.removeConsumer(a);
            return null;
        });
        assertEquals(0, unused.get());
        onOwner(() -> {
            q.removeConsumer(b);
            return null;
        });
        assertEquals(1, unused.get());
    }

    @Test
    void purgeTakesReadyOnlyAndDeleteCancelsConsumers() throws Exception {
        MessageQueue q = queue(false);
        RecordingConsumer c = new RecordingConsumer(1, 0, false);
        onOwner(() -> {
            q.addConsumer(c, false);
            for (int i = 0; i < 3; i++) {
                q.enqueue(msg("m" + i));
            }
            return null;
        });
        assertEquals(2, (int) onOwner(q::purge));
        assertEquals(1, (int) onOwner(q::unackedCount));
        assertFalse(c.cancelled);
        onOwner(q::delete);
        assertTrue(c.cancelled);
        assertTrue(q.isDeleted());
        assertNull(onOwner(() -> q.get(true)));
    }

    @Test
    void ackAndDiscardSettleUnackedCountsAndBytes() throws Exception {
        MessageQueue q = queue(false);
        onOwner(() -> {
            q.enqueue(msg("12345"));
            q.enqueue(msg("123"));
            return null;
        });
        assertEquals(8, (long) onOwner(q::readyBytes));
        QueueEntry a = onOwner(() -> q.get(false));
        QueueEntry b = onOwner(() -> q.get(false));
        assertEquals(8, (long) onOwner(q::unackedBytes));
        onOwner(() -> {
            q.ack(a);
            q.discard(b);
            return null;
        });
        assertEquals(0, (int) onOwner(q::unackedCount));
        assertEquals(0, (long) onOwner(q::unackedBytes));
        assertEquals(1, q.stats().acked());
    }
}
