package io.warren.queue;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.warren.queue.store.FsyncPolicy;
import io.warren.queue.store.MessageStore;
import io.warren.queue.store.QueueLog;
import io.warren.queue.store.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A storing queue whose backlog outgrows its in-memory head, with a real store and owner thread. */
class PagingTest {
    private static final StoreSettings SMALL_SEGMENTS = StoreSettings.defaults().withSegmentSize(16 * 1024);
    private static final PagingSettings HEAD_OF_10 = new PagingSettings(10, 1 << 20);

    @TempDir
    Path dir;

    private final EventExecutor loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void consumerReceivesEveryMessageInOrderAcrossTheMemoryDiskBoundary() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            publish(q, 0, 1000, true);
            awaitInMemory(q, log, 10);
            assertEquals(1000, (int) onOwner(q::messageCount));
            assertEquals(bodyBytes(0, 1000), (long) onOwner(q::readyBytes));

            RecordingConsumer c = new RecordingConsumer(2000, 0, false);
            onOwner(() -> q.addConsumer(c, false));
            assertEquals(bodies(0, 1000), c.received);
            assertEquals(Collections.nCopies(1000, false), c.redelivered);
            assertEquals(0, (int) onOwner(q::messageCount));

            onOwner(() -> {
                q.ack(c.entries);
                return null;
            });
            assertEquals(0, (long) onOwner(log::messageCount), "every record acked");
        }
    }

    @Test
    void getsTakeTheBacklogInOrderThenReportEmpty() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            publish(q, 0, 300, true);
            awaitInMemory(q, log, 10);
            List<String> got = onOwner(() -> {
                List<String> taken = new ArrayList<>();
                for (QueueEntry e; (e = q.get(true)) != null; ) {
                    taken.add(body(e));
                }
                return taken;
            });
            assertEquals(bodies(0, 300), got);
            assertEquals(0, (int) onOwner(q::messageCount));
            assertEquals(0, (long) onOwner(q::readyBytes));
        }
    }

    @Test
    void messagesNotYetWrittenAreServedFromMemoryWithoutWaiting() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            List<String> got = onOwner(() -> {
                publishNow(q, 0, 50, true);
                List<String> taken = new ArrayList<>();
                for (QueueEntry e; (e = q.get(true)) != null; ) {
                    taken.add(body(e));
                }
                return taken;
            });
            assertEquals(bodies(0, 50), got, "same task as the publishes: nothing can be on disk yet");
        }
    }

    @Test
    void requeuedMessagesGoBackBeforeThePagedOnes() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            publish(q, 0, 100, true);
            awaitInMemory(q, log, 10);
            List<QueueEntry> taken = onOwner(() -> {
                List<QueueEntry> entries = new ArrayList<>();
                for (int i = 0; i < 15; i++) {
                    entries.add(q.get(false));
                }
                return entries;
            });
            publish(q, 100, 110, true);
            onOwner(() -> {
                q.requeue(taken);
                return null;
            });
            assertEquals(110, (int) onOwner(q::messageCount));

            RecordingConsumer c = new RecordingConsumer(1000, 0, true);
            onOwner(() -> q.addConsumer(c, false));
            assertEquals(bodies(0, 110), c.received);
            List<Boolean> expected = new ArrayList<>(Collections.nCopies(15, true));
            expected.addAll(Collections.nCopies(95, false));
            assertEquals(expected, c.redelivered);
        }
    }

    @Test
    void purgeWithUnackedDeliveriesDropsThePagedRecordsButNotTheUnacked() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            publish(q, 0, 200, true);
            awaitInMemory(q, log, 10);
            onOwner(() -> {
                for (int i = 0; i < 3; i++) {
                    q.get(false);
                }
                return null;
            });
            assertEquals(197, (int) onOwner(q::purge));
            assertEquals(0, (int) onOwner(q::messageCount));
            assertEquals(3, (int) onOwner(q::unackedCount));
            assertEquals(3, (long) onOwner(log::messageCount));

            publish(q, 200, 230, true);
            awaitInMemory(q, log, 10);
            List<String> after = drainWithGets(q);
            assertEquals(bodies(200, 230), after, "the queue pages again after a purge");
        }
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            onOwner(() -> {
                q.recover();
                return null;
            });
            RecordingConsumer c = new RecordingConsumer(1000, 0, true);
            onOwner(() -> q.addConsumer(c, false));
            assertEquals(bodies(0, 3), c.received, "only the unacked come back");
            assertEquals(List.of(true, true, true), c.redelivered);
        }
    }

    @Test
    void purgeWithNothingUnackedDropsTheWholeLog() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            publish(q, 0, 200, true);
            awaitInMemory(q, log, 10);
            assertEquals(200, (int) onOwner(q::purge));
            assertEquals(0, (long) onOwner(log::messageCount));
            publish(q, 200, 205, true);
            assertEquals(bodies(200, 205), drainWithGets(q));
        }
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            MessageQueue q = queue(store.openQueue("/", "q"), HEAD_OF_10);
            onOwner(() -> {
                q.recover();
                return null;
            });
            assertEquals(0, (int) onOwner(q::messageCount));
        }
    }

    @Test
    void recoveryLoadsOnlyTheHeadAndPagesTheRestInLazily() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            MessageQueue q = queue(store.openQueue("/", "q"), HEAD_OF_10);
            publish(q, 0, 500, true);
        }
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            onOwner(() -> {
                q.recover();
                return null;
            });
            assertEquals(10, (int) onOwner(q::inMemoryCount));
            assertEquals(500, (int) onOwner(q::messageCount));
            assertEquals(bodyBytes(0, 500), (long) onOwner(q::readyBytes));

            publish(q, 500, 520, true);
            RecordingConsumer c = new RecordingConsumer(1000, 0, false);
            onOwner(() -> q.addConsumer(c, false));
            assertEquals(bodies(0, 520), c.received, "recovered ones first, then the new ones");
            assertEquals(Collections.nCopies(520, false), c.redelivered, "clean shutdown, never delivered");
        }
    }

    @Test
    void transientMessagesKeepTheirPlaceWhilePagingAndAreDroppedByRecovery() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            onOwner(() -> {
                for (int i = 0; i < 100; i++) {
                    q.enqueue(message(i, i % 2 == 0));
                }
                return null;
            });
            awaitInMemory(q, log, 10);
            assertEquals(100, (int) onOwner(q::messageCount));
            List<QueueEntry> firstTwenty = onOwner(() -> {
                List<QueueEntry> entries = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    entries.add(q.get(false));
                }
                return entries;
            });
            List<String> firstBodies = new ArrayList<>();
            firstTwenty.forEach(e -> firstBodies.add(body(e)));
            assertEquals(bodies(0, 20), firstBodies, "transient and persistent in publish order");
            onOwner(() -> {
                q.requeue(firstTwenty);
                return null;
            });
        }
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            onOwner(() -> {
                q.recover();
                return null;
            });
            assertEquals(50, (int) onOwner(q::messageCount));
            assertEquals(50, (long) onOwner(log::messageCount), "transient records acked by recovery");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 100; i += 2) {
                expected.add("m" + i);
            }
            assertEquals(expected, drainWithGets(q));
        }
    }

    @Test
    void belowTheHeadTransientMessagesStayOutOfTheLog() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            onOwner(() -> {
                for (int i = 0; i < 10; i++) {
                    q.enqueue(message(i, i % 2 == 0));
                }
                return null;
            });
            assertEquals(5, (long) onOwner(log::messageCount), "only the persistent five");
            onOwner(() -> {
                q.enqueue(message(10, false));
                return null;
            });
            assertEquals(6, (long) onOwner(log::messageCount), "past the head, a transient one is logged");
            assertEquals(bodies(0, 11), drainWithGets(q));
            assertEquals(0, (long) onOwner(log::messageCount), "and acked once taken");
        }
    }

    @Test
    void deletingAPagingQueueForgetsItsBacklog() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            publish(q, 0, 100, true);
            assertEquals(100, (int) onOwner(q::delete));
            assertEquals(0, (int) onOwner(q::messageCount));
            assertEquals(0L, (long) onOwner(q::readyBytes));
            assertNull(onOwner(() -> q.get(true)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!store.storedQueues().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(store.storedQueues().isEmpty(), "the log is gone");
        }
    }

    @Test
    void aLargeBacklogKeepsOnlyTheHeadInMemory() throws Exception {
        int head = 1000;
        int total = 100_000;
        int batch = 1000;
        int inFlight = 5000;
        StoreSettings settings = StoreSettings.defaults().withFsyncPolicy(FsyncPolicy.NONE);
        try (MessageStore store = MessageStore.open(dir, settings)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, new PagingSettings(head, 64L << 20));
            byte[] body = new byte[1024];
            int peak = 0;
            java.util.concurrent.Semaphore confirmed = new java.util.concurrent.Semaphore(0);
            for (int sent = batch; sent <= total; sent += batch) {
                peak = Math.max(peak, onOwner(() -> {
                    for (int i = 0; i < batch; i++) {
                        q.enqueue(new Message("", "q", new byte[] {0, 0}, body, true), confirmed::release);
                    }
                    return q.inMemoryCount();
                }));
                if (sent % inFlight == 0) {
                    // Like a publisher that waits for its confirms every 5,000 messages.
                    assertTrue(confirmed.tryAcquire(inFlight, 30, TimeUnit.SECONDS), "confirmed");
                }
            }
            awaitInMemory(q, log, head);
            // The queue lets go of an entry one flush round after the one that wrote it, so what
            // awaits writing spans at most two rounds of the publisher plus the current batch.
            assertTrue(peak <= head + 2 * inFlight + batch, "in memory: the head and what awaits writing, was " + peak);
            assertEquals(total, (int) onOwner(q::messageCount));
            assertEquals(1024L * total, (long) onOwner(q::readyBytes));
            assertEquals(total, (int) onOwner(q::purge));
        }
    }

    @Test
    void aPagedOutHeadOfStoredAndTransientMessagesComesBackInOrderAheadOfTheBacklog() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, new PagingSettings(300, 1 << 20));
            // The head mixes messages with records (persistent) and without (transient), with
            // a hole where one was taken from the middle; then a backlog follows it.
            for (int i = 0; i < 300; i++) {
                int n = i;
                onOwner(() -> {
                    q.enqueue(message(n, n % 3 != 0));
                    return null;
                });
            }
            publish(q, 300, 600, true);
            awaitInMemory(q, log, 300);
            long before = onOwner(q::memoryBytes);

            long moved = onOwner(() -> q.pageOut(Long.MAX_VALUE));
            assertTrue(moved > 0, "paged out " + moved);
            awaitInMemory(q, log, 0);
            assertTrue(onOwner(q::memoryBytes) < before / 10, "the head left memory");
            assertEquals(600, (int) onOwner(q::messageCount));

            RecordingConsumer c = new RecordingConsumer(2000, 0, false);
            onOwner(() -> q.addConsumer(c, false));
            assertEquals(bodies(0, 600), c.received);
            onOwner(() -> {
                q.ack(c.entries);
                return null;
            });
            assertEquals(0, (long) onOwner(log::messageCount), "every record acked, the appended ones too");
        }
    }

    @Test
    void aTransientQueueUnderItsHeadLimitPagesOutThroughASpillLogWhenAsked() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog[] spillLog = new QueueLog[1];
            MessageQueue q = new MessageQueue(new QueueDefinition("/", "t", false, false, false, Map.of(), null),
                    loop, () -> { }, null, () -> {
                        try {
                            return spillLog[0] = store.openQueue("/", "t");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, new PagingSettings(10_000, 1 << 30));
            publish(q, 0, 500, false);
            assertNull(spillLog[0], "no spill log while nobody asks");
            assertEquals(500, (int) onOwner(q::inMemoryCount));

            // Asked twice: each call pages the newest part of what is still in memory.
            onOwner(() -> q.pageOut(100 * (Message.MEMORY_OVERHEAD + 10L)));
            onOwner(() -> q.pageOut(Long.MAX_VALUE));
            awaitInMemory(q, spillLog[0], 0);
            publish(q, 500, 700, false);
            awaitInMemory(q, spillLog[0], 0);
            assertEquals(700, (int) onOwner(q::messageCount));

            RecordingConsumer c = new RecordingConsumer(2000, 0, true);
            onOwner(() -> q.addConsumer(c, false));
            assertEquals(bodies(0, 700), c.received);
            assertEquals(0, (long) onOwner(spillLog[0]::messageCount));
            onOwner(q::delete);
        }
    }

    @Test
    void withoutConsumersNothingIsReadBackAfterAPageOut() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            publish(q, 0, 10, true);
            onOwner(() -> q.pageOut(Long.MAX_VALUE));
            awaitInMemory(q, log, 0);
            publish(q, 10, 20, true);
            awaitInMemory(q, log, 0);
            List<String> got = onOwner(() -> {
                List<String> taken = new ArrayList<>();
                for (QueueEntry e; (e = q.get(true)) != null; ) {
                    taken.add(body(e));
                }
                return taken;
            });
            assertEquals(bodies(0, 20), got);
        }
    }

    @Test
    void aTransientQueueSpillsToALogOpenedOnlyOnceItsHeadFillsAndDeliversEverythingInOrder() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
            QueueLog[] spillLog = new QueueLog[1];
            MessageQueue q = new MessageQueue(new QueueDefinition("/", "t", false, false, false, Map.of(), null),
                    loop, () -> { }, null, () -> {
                        opened.incrementAndGet();
                        try {
                            spillLog[0] = store.openQueue("/", "t");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return spillLog[0];
                    }, HEAD_OF_10);
            publish(q, 0, 5, false);
            assertEquals(0, opened.get(), "no log while the head has room");
            org.junit.jupiter.api.Assertions.assertFalse(q.stores(), "a spill log is no promise of durability");

            publish(q, 5, 1000, false);
            assertEquals(1, opened.get(), "the spill log is opened once");
            awaitInMemory(q, spillLog[0], 10);
            assertEquals(1000, (int) onOwner(q::messageCount));

            RecordingConsumer c = new RecordingConsumer(2000, 0, true);
            onOwner(() -> q.addConsumer(c, false));
            assertEquals(bodies(0, 1000), c.received);
            assertEquals(0, (long) onOwner(spillLog[0]::messageCount), "auto-acked deliveries leave the log");
            onOwner(q::delete);
        }
    }

    @Test
    void aTransientQueueUnderItsHeadNeverTouchesTheDisk() throws Exception {
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        MessageQueue q = new MessageQueue(new QueueDefinition("/", "t", false, false, false, Map.of(), null),
                loop, () -> { }, null, () -> {
                    opened.incrementAndGet();
                    throw new AssertionError("no spill expected");
                }, HEAD_OF_10);
        publish(q, 0, 9, true);
        assertEquals(9, (int) onOwner(q::messageCount));
        assertEquals(bodies(0, 9), drainWithGets(q));
        publish(q, 0, 9, false);
        assertEquals(0, opened.get());
    }

    @Test
    void persistentMessagesAreCountedInTheHeadTheBacklogAndTheUnacked() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL_SEGMENTS)) {
            QueueLog log = store.openQueue("/", "q");
            MessageQueue q = queue(log, HEAD_OF_10);
            publish(q, 0, 100, true);
            publish(q, 100, 150, false);
            awaitInMemory(q, log, 10);
            assertEquals(100, q.stats().persistentSnapshot(), "most of them paged out");
            assertEquals(bodyBytes(0, 100), q.stats().persistentBytesSnapshot());

            List<QueueEntry> owed = onOwner(() -> {
                List<QueueEntry> taken = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    taken.add(q.get(false));
                }
                return taken;
            });
            assertEquals(100, q.stats().persistentSnapshot(), "unacked ones still count");
            onOwner(() -> {
                q.ack(owed);
                return null;
            });
            assertEquals(70, q.stats().persistentSnapshot());
            assertEquals(bodyBytes(30, 100), q.stats().persistentBytesSnapshot());

            assertEquals(bodies(30, 150), drainWithGets(q));
            assertEquals(0, q.stats().persistentSnapshot());
            assertEquals(0, q.stats().persistentBytesSnapshot());
        }
    }

    @Test
    void aQueueThatIsNotDurableHasNoPersistentMessages() throws Exception {
        MessageQueue q = new MessageQueue(new QueueDefinition("/", "t", false, false, false, Map.of(), null),
                loop, () -> { }, null, HEAD_OF_10);
        publish(q, 0, 5, true);
        assertEquals(5, (int) onOwner(q::messageCount));
        assertEquals(0, q.stats().persistentSnapshot());
    }

    private MessageQueue queue(QueueLog log, PagingSettings paging) {
        return new MessageQueue(new QueueDefinition("/", "q", true, false, false, Map.of(), null),
                loop, () -> { }, log, paging);
    }

    private static Message message(int n, boolean persistent) {
        return new Message("", "q", new byte[] {0, 0}, ("m" + n).getBytes(StandardCharsets.UTF_8), persistent);
    }

    private static String body(QueueEntry e) {
        return new String(e.message().body(), StandardCharsets.UTF_8);
    }

    private static List<String> bodies(int from, int to) {
        List<String> all = new ArrayList<>();
        for (int i = from; i < to; i++) {
            all.add("m" + i);
        }
        return all;
    }

    private static long bodyBytes(int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            bytes += ("m" + i).length();
        }
        return bytes;
    }

    private static void publishNow(MessageQueue q, int from, int to, boolean persistent) {
        for (int i = from; i < to; i++) {
            q.enqueue(message(i, persistent));
        }
    }

    /** Publishes in tasks of 25, as a connection's reads would arrive. */
    private void publish(MessageQueue q, int from, int to, boolean persistent) throws Exception {
        for (int start = from; start < to; start += 25) {
            int end = Math.min(to, start + 25);
            int first = start;
            onOwner(() -> {
                publishNow(q, first, end, persistent);
                return null;
            });
        }
    }

    private List<String> drainWithGets(MessageQueue q) throws Exception {
        return onOwner(() -> {
            List<String> taken = new ArrayList<>();
            for (QueueEntry e; (e = q.get(true)) != null; ) {
                taken.add(body(e));
            }
            return taken;
        });
    }

    /** Waits until the store has written the backlog and the queue has let go of it. */
    private void awaitInMemory(MessageQueue q, QueueLog log, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int inMemory;
        while ((inMemory = onOwner(q::inMemoryCount)) != expected && System.nanoTime() < deadline) {
            onOwner(log::flush).get(30, TimeUnit.SECONDS);
        }
        assertEquals(expected, inMemory, "messages held in memory");
    }

    /** Runs on the queue's owner thread and waits for every pass that work scheduled. */
    private <T> T onOwner(Callable<T> work) throws Exception {
        T result = loop.submit(work).get(30, TimeUnit.SECONDS);
        loop.submit(() -> { }).get(30, TimeUnit.SECONDS);
        return result;
    }
}
