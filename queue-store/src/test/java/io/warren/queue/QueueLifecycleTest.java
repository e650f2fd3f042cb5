package io.warren.queue;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TTLs, length limits, priorities, single active consumer, delivery limit, x-expires and dead letters. */
class QueueLifecycleTest {
    private final EventExecutor loop = new DefaultEventLoop();
    private final AtomicInteger unused = new AtomicInteger();
    private final RecordingDeadLetterer deadLetters = new RecordingDeadLetterer();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Records dead letters and answers with a fixed outcome. */
    static final class RecordingDeadLetterer implements DeadLetterer {
        final List<String> letters = Collections.synchronizedList(new ArrayList<>());
        volatile Outcome answer = Outcome.TAKEN;

        @Override
        public void deadLetter(MessageQueue source, QueueSettings settings, Message message, DeadLetterReason reason,
                               Consumer<Outcome> done) {
            letters.add(new String(message.body(), StandardCharsets.UTF_8) + ":" + reason.wireName());
            done.accept(answer);
        }
    }

    private static QueueSettings settings(long ttl, long maxLength, Overflow overflow, long deliveryLimit,
                                          int maxPriority, boolean sac, long expires) {
        return new QueueSettings(ttl, expires, maxLength, -1, overflow, "dlx", null, deliveryLimit, maxPriority, sac);
    }

    private MessageQueue queue(QueueSettings s) {
        return new MessageQueue(new QueueDefinition("/", "q", false, false, false, Map.of(), null),
                loop, unused::incrementAndGet, null, null, PagingSettings.defaults(), s, deadLetters);
    }

    private static Message msg(String body) {
        return msg(body, 0, Message.NO_EXPIRATION);
    }

    private static Message msg(String body, int priority, long expiration) {
        return new Message("", "q", new byte[] {0, 0}, body.getBytes(StandardCharsets.UTF_8), false,
                priority, expiration, System.currentTimeMillis());
    }

    private <T> T onOwner(Callable<T> work) throws Exception {
        T result = loop.submit(work).get();
        loop.submit(() -> { }).get();
        return result;
    }

    private void run(Runnable work) throws Exception {
        onOwner(() -> {
            work.run();
            return null;
        });
    }

    private void waitFor(Callable<Boolean> condition) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!onOwner(condition)) {
            assertTrue(System.nanoTime() < until, "condition not reached in 5 s");
            Thread.sleep(10);
        }
    }

    @Test
    void aMessageExpiresFromTheMiddleOfTheQueueOnTime() throws Exception {
        MessageQueue q = queue(settings(-1, -1, Overflow.DROP_HEAD, -1, 0, false, -1));
        long start = System.currentTimeMillis();
        onOwner(() -> {
            q.enqueue(msg("keep1"));
            q.enqueue(msg("short", 0, 100));
            q.enqueue(msg("keep2"));
            return null;
        });
        waitFor(() -> q.messageCount() == 2);
        long took = System.currentTimeMillis() - start;
        assertTrue(took < 1000, "expired after " + took + " ms");
        assertEquals(List.of("short:expired"), deadLetters.letters);
        RecordingConsumer c = new RecordingConsumer(10, 0, true);
        onOwner(() -> q.addConsumer(c, false));
        assertEquals(List.of("keep1", "keep2"), c.received);
    }

    @Test
    void theLowerOfQueueTtlAndExpirationWins() throws Exception {
        MessageQueue q = queue(settings(150, -1, Overflow.DROP_HEAD, -1, 0, false, -1));
        onOwner(() -> {
            q.enqueue(msg("queue-ttl"));
            q.enqueue(msg("own-longer", 0, 60_000));
            q.enqueue(msg("own-shorter", 0, 20));
            return null;
        });
        waitFor(() -> q.messageCount() == 2);
        assertEquals(List.of("own-shorter:expired"), deadLetters.letters);
        waitFor(() -> q.messageCount() == 0);
        assertEquals(List.of("own-shorter:expired", "queue-ttl:expired", "own-longer:expired"), deadLetters.letters);
    }

    @Test
    void ttlZeroDeliversToAWaitingConsumerAndExpiresOtherwise() throws Exception {
        MessageQueue q = queue(settings(0, -1, Overflow.DROP_HEAD, -1, 0, false, -1));
        RecordingConsumer c = new RecordingConsumer(1, 0, false);
        onOwner(() -> {
            q.addConsumer(c, false);
            q.enqueue(msg("taken"));
            q.enqueue(msg("late"));
            return null;
        });
        waitFor(() -> q.messageCount() == 0);
        assertEquals(List.of("taken"), c.received);
        assertEquals(List.of("late:expired"), deadLetters.letters);
    }

    @Test
    void aLowerTtlFromAPolicyAppliesToMessagesAlreadyThere() throws Exception {
        MessageQueue q = queue(settings(-1, -1, Overflow.DROP_HEAD, -1, 0, false, -1));
        run(() -> q.enqueue(msg("a")));
        onOwner(() -> {
            q.applySettings(settings(50, -1, Overflow.DROP_HEAD, -1, 0, false, -1));
            return null;
        });
        waitFor(() -> q.messageCount() == 0);
        assertEquals(List.of("a:expired"), deadLetters.letters);
    }

    @Test
    void dropHeadDeadLettersTheOldest() throws Exception {
        MessageQueue q = queue(settings(-1, 2, Overflow.DROP_HEAD, -1, 0, false, -1));
        onOwner(() -> {
            for (String b : List.of("m1", "m2", "m3", "m4")) {
                q.enqueue(msg(b));
            }
            return null;
        });
        assertEquals(2, (int) onOwner(q::messageCount));
        assertEquals(List.of("m1:maxlen", "m2:maxlen"), deadLetters.letters);
    }

    @Test
    void rejectPublishRefusesAndTellsThePublisher() throws Exception {
        MessageQueue q = queue(settings(-1, 1, Overflow.REJECT_PUBLISH, -1, 0, false, -1));
        List<String> outcomes = new ArrayList<>();
        onOwner(() -> {
            for (String b : List.of("m1", "m2")) {
                q.enqueue(msg(b), () -> outcomes.add(b + ":ok"), () -> outcomes.add(b + ":rejected"));
            }
            return null;
        });
        assertEquals(List.of("m1:ok", "m2:rejected"), outcomes);
        assertEquals(1, (int) onOwner(q::messageCount));
        assertTrue(deadLetters.letters.isEmpty(), "reject-publish does not dead-letter");
    }

    @Test
    void rejectPublishDlxAlsoDeadLettersTheRefusedMessage() throws Exception {
        MessageQueue q = queue(settings(-1, 1, Overflow.REJECT_PUBLISH_DLX, -1, 0, false, -1));
        boolean[] accepted = new boolean[2];
        onOwner(() -> {
            accepted[0] = q.enqueue(msg("m1"), null, null);
            accepted[1] = q.enqueue(msg("m2"), null, null);
            return null;
        });
        assertTrue(accepted[0]);
        assertFalse(accepted[1]);
        assertEquals(List.of("m2:maxlen"), deadLetters.letters);
    }

    @Test
    void higherPriorityMessagesGoFirstAndPrioritiesAboveTheMaximumCountAsTheMaximum() throws Exception {
        MessageQueue q = queue(settings(-1, -1, Overflow.DROP_HEAD, -1, 5, false, -1));
        onOwner(() -> {
            q.enqueue(msg("p0", 0, -1));
            q.enqueue(msg("p9", 9, -1));
            q.enqueue(msg("p3", 3, -1));
            q.enqueue(msg("p5", 5, -1));
            return null;
        });
        RecordingConsumer c = new RecordingConsumer(10, 0, true);
        onOwner(() -> q.addConsumer(c, false));
        assertEquals(List.of("p9", "p5", "p3", "p0"), c.received);
    }

    @Test
    void singleActiveConsumerFailsOverToTheNext() throws Exception {
        MessageQueue q = queue(settings(-1, -1, Overflow.DROP_HEAD, -1, 0, true, -1));
        RecordingConsumer first = new RecordingConsumer(100, 0, true);
        RecordingConsumer second = new RecordingConsumer(100, 0, true);
        onOwner(() -> {
            q.addConsumer(first, false);
            q.addConsumer(second, false);
            q.enqueue(msg("m1"));
            q.enqueue(msg("m2"));
            return null;
        });
        assertEquals(List.of("m1", "m2"), first.received);
        assertTrue(second.received.isEmpty());
        onOwner(() -> {
            q.removeConsumer(first);
            q.enqueue(msg("m3"));
            return null;
        });
        assertSame(second, onOwner(q::activeConsumer));
        assertEquals(List.of("m3"), second.received);
    }

    @Test
    void aMessageReturnedMoreOftenThanTheDeliveryLimitIsDeadLettered() throws Exception {
        MessageQueue q = queue(
                new QueueSettings(-1, -1, -1, -1, Overflow.DROP_HEAD, "dlx", null, 1, 0, false));
        run(() -> q.enqueue(msg("m")));
        for (int delivery = 1; delivery <= 2; delivery++) {
            QueueEntry e = onOwner(() -> q.get(false));
            assertEquals(delivery, e.deliveryCount());
            onOwner(() -> {
                q.requeue(List.of(e));
                return null;
            });
        }
        assertEquals(0, (int) onOwner(q::messageCount));
        assertEquals(List.of("m:delivery_limit"), deadLetters.letters);
    }

    @Test
    void aRejectedMessageIsKeptUntilTheDeadLetterIsTakenAndRetriedWhileUnroutable() throws Exception {
        deadLetters.answer = DeadLetterer.Outcome.UNROUTABLE;
        MessageQueue q = queue(settings(-1, -1, Overflow.DROP_HEAD, -1, 0, false, -1));
        run(() -> q.enqueue(msg("m")));
        QueueEntry e = onOwner(() -> q.get(false));
        onOwner(() -> {
            q.discard(e);
            return null;
        });
        assertEquals(1, (int) onOwner(q::deadLetteringCount));
        waitFor(() -> deadLetters.letters.size() >= 2);
        assertEquals(1, (int) onOwner(q::deadLetteringCount), "kept while unroutable");
        deadLetters.answer = DeadLetterer.Outcome.TAKEN;
        waitFor(() -> q.deadLetteringCount() == 0);
        assertTrue(deadLetters.letters.stream().allMatch("m:rejected"::equals));
    }

    @Test
    void withoutADeadLetterExchangeARejectedMessageIsDropped() throws Exception {
        MessageQueue q = queue(new QueueSettings(-1, -1, -1, -1, Overflow.DROP_HEAD, null, null, -1, 0, false));
        run(() -> q.enqueue(msg("m")));
        QueueEntry e = onOwner(() -> q.get(false));
        onOwner(() -> {
            q.discard(e);
            return null;
        });
        assertEquals(0, (int) onOwner(q::deadLetteringCount));
        assertTrue(deadLetters.letters.isEmpty());
        assertNull(onOwner(() -> q.get(true)));
    }

    @Test
    void anUnusedQueueWithExpiresDeletesItselfAndAConsumerKeepsItAlive() throws Exception {
        MessageQueue q = queue(settings(-1, -1, Overflow.DROP_HEAD, -1, 0, false, 100));
        RecordingConsumer c = new RecordingConsumer(1, 0, true);
        onOwner(() -> q.addConsumer(c, false));
        Thread.sleep(250);
        assertEquals(0, unused.get(), "a queue with a consumer is in use");
        onOwner(() -> {
            q.removeConsumer(c);
            return null;
        });
        waitFor(() -> unused.get() == 1);
    }
}
