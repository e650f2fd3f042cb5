package io.warren.queue.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.warren.queue.store.StoreFixtures.VHOST;
import static io.warren.queue.store.StoreFixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {
    private static final int APPENDS = 20_000;

    @TempDir
    Path dir;

    @Test
    void manyAppendsShareFsyncsAndEveryCallbackRunsOnceInOrderAfterItsData() throws Exception {
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults().withSegmentSize(64 << 20))) {
            QueueLog log = store.openQueue(VHOST, "q");
            ConcurrentLinkedQueue<Integer> order = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
            long[] fileSizeWhenDurable = new long[APPENDS];
            List<SegmentPosition> positions = new ArrayList<>(APPENDS);
            CountDownLatch all = new CountDownLatch(APPENDS);
            for (int i = 0; i < APPENDS; i++) {
                int n = i;
                long fsyncsBefore = store.fsyncCount();
                positions.add(log.append(message(i, 200), i, () -> {
                    try {
                        // One 64 MiB segment holds all of them: segment 1 of a new log.
                        fileSizeWhenDurable[n] = Files.size(log.segmentFile(1));
                    } catch (java.io.IOException e) {
                        violations.add("message " + n + ": " + e);
                    }
                    if (store.fsyncCount() <= fsyncsBefore) {
                        violations.add("message " + n + " confirmed before any fsync after its append");
                    }
                    order.add(n);
                    all.countDown();
                }));
            }
            assertTrue(all.await(60, TimeUnit.SECONDS), "every callback ran");
            assertEquals(List.of(), new ArrayList<>(violations));
            for (int i = 0; i < APPENDS; i++) {
                SegmentPosition p = positions.get(i);
                assertEquals(1, p.segment());
                assertTrue(fileSizeWhenDurable[i] >= (long) p.offset() + p.length(),
                        "message " + i + " was in its file when declared durable");
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < APPENDS; i++) {
                expected.add(i);
            }
            assertEquals(expected, new ArrayList<>(order), "once each, in append order");
            assertTrue(store.fsyncCount() < APPENDS / 10,
                    store.fsyncCount() + " fsyncs for " + APPENDS + " appends");
        }
    }

    @Test
    void withoutFsyncCallbacksStillRunButNothingIsSynced() throws Exception {
        StoreSettings settings = StoreSettings.defaults().withFsyncPolicy(FsyncPolicy.NONE);
        try (MessageStore store = MessageStore.open(dir, settings)) {
            QueueLog log = store.openQueue(VHOST, "q");
            CountDownLatch all = new CountDownLatch(1000);
            for (int i = 0; i < 1000; i++) {
                log.append(message(i, 100), i, all::countDown);
            }
            assertTrue(all.await(30, TimeUnit.SECONDS));
            assertEquals(0, store.fsyncCount());
        }
        try (MessageStore store = MessageStore.open(dir, settings)) {
            assertEquals(1000, store.openQueue(VHOST, "q").messageCount(), "clean shutdown syncs anyway");
        }
    }

    @Test
    void appendsFromTwoQueuesShareCommitRounds() throws Exception {
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog a = store.openQueue(VHOST, "a");
            QueueLog b = store.openQueue(VHOST, "b");
            CountDownLatch all = new CountDownLatch(2 * APPENDS);
            Thread ownerOfB = new Thread(() -> {
                for (int i = 0; i < APPENDS; i++) {
                    b.append(message(i, 100), i, all::countDown);
                }
            });
            ownerOfB.start();
            for (int i = 0; i < APPENDS; i++) {
                a.append(message(i, 100), i, all::countDown);
            }
            ownerOfB.join();
            assertTrue(all.await(60, TimeUnit.SECONDS));
            assertTrue(store.commitCount() < APPENDS, store.commitCount() + " rounds");
            assertEquals(APPENDS, StoreFixtures.readAll(a).size());
            assertEquals(APPENDS, StoreFixtures.readAll(b).size());
        }
    }
}
