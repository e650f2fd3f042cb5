package io.warren.tests.durable;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broker with a small heap under transient messages with publisher confirms and no consumer,
 * in the two shapes that used to end in OutOfMemoryErrors and lost confirmed messages or in a
 * memory alarm that never cleared: one big queue of 64 KB messages, and many small queues whose
 * sum, not any one of them, is several times the heap. Each ends with every publish answered,
 * publishers unblocked, no OutOfMemoryError in the broker's log, and every confirmed message
 * delivered exactly once, in order.
 *
 * <p>The suite runs short versions (a 128 MB heap). The sizes of issue 11 run with
 * {@code -Dwarren.memory.full=true}:
 * {@code mvn -B -o -pl tests -am verify -Dtest=MemoryPressureTest -Dsurefire.failIfNoSpecifiedTests=false -Dwarren.memory.full=true}
 * (a 256 MB heap; 1 GB into one queue; 2,000 queues of 3,000 messages of 150 bytes).
 */
class MemoryPressureTest {
    private static final boolean FULL = Boolean.getBoolean("warren.memory.full");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void oneBigQueueOf64KbMessagesPagesInsteadOfRunningOutOfHeap() throws Exception {
        long target = FULL ? 1L << 30 : 384L << 20;
        int size = 64 * 1024;
        Path log = dir.resolve("broker.log");
        try (WarrenProcess w = start(log)) {
            try (Connection admin = w.connect()) {
                admin.createChannel().queueDeclare("big", false, false, false, null);
            }
            List<Publisher> pubs = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                pubs.add(new Publisher(w.connect(), p, 200));
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (Publisher pub : pubs) {
                Thread t = new Thread(() -> pub.publishUntil(stop, i -> "big", size), "publisher-" + pub.id);
                threads.add(t);
                t.start();
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(FULL ? 10 : 3);
            while (confirmedBytes(pubs, size) < target && System.nanoTime() < deadline) {
                Thread.sleep(100);
                for (Publisher pub : pubs) {
                    assertNull(pub.failure.get(), "publisher " + pub.id);
                }
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertTrue(confirmedBytes(pubs, size) >= target, "confirmed " + confirmedBytes(pubs, size) + " bytes in time");
            for (Publisher pub : pubs) {
                pub.awaitAnswers();
            }

            // Drain: one consumer, manual acks.
            int expected = pubs.stream().mapToInt(p -> p.confirmed.cardinality()).sum();
            Delivered got = new Delivered(4);
            try (Connection c = w.connect()) {
                Channel ch = c.createChannel();
                ch.basicQos(200);
                CountDownLatch all = new CountDownLatch(expected);
                ch.basicConsume("big", false, (tag, d) -> {
                    ByteBuffer b = ByteBuffer.wrap(d.getBody());
                    got.add(b.getInt(), b.getInt());
                    ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
                    all.countDown();
                }, tag -> { });
                assertTrue(all.await(FULL ? 10 : 3, TimeUnit.MINUTES), all.getCount() + " confirmed messages missing");
            }
            report("one big queue", pubs, got, log);
            for (Publisher pub : pubs) {
                got.assertExactlyOnceInOrder(pub);
                pub.close();
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void manySmallQueuesTogetherOverTheBudgetPageOutAndPublishersGoOn() throws Exception {
        int queues = FULL ? 2000 : 400;
        int perQueue = FULL ? 3000 : 1000;
        int size = FULL ? 150 : 400;
        Path log = dir.resolve("broker.log");
        try (WarrenProcess w = start(log)) {
            Publisher pub = new Publisher(w.connect(), 0, 1000);
            Channel declare = pub.connection.createChannel();
            for (int q = 0; q < queues; q++) {
                declare.queueDeclare("small-" + q, false, false, false, null);
            }
            long started = System.nanoTime();
            int total = queues * perQueue;
            // Message i goes to queue i % queues: every queue grows together, none past its own head limit.
            pub.publishCount(total, i -> "small-" + (i % queues), size);
            pub.awaitAnswers();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertTrue(seconds < (FULL ? 1200 : 300), "publishing took " + seconds + " s: publishers blocked for good?");
            assertEquals(total, pub.confirmed.cardinality(), "every publish confirmed");

            Delivered got = new Delivered(1);
            try (Connection c = w.connect()) {
                Channel ch = c.createChannel();
                ch.basicQos(500);
                CountDownLatch all = new CountDownLatch(total);
                int[] lastInQueue = new int[queues];
                java.util.Arrays.fill(lastInQueue, -1);
                AtomicReference<String> disorder = new AtomicReference<>();
                for (int q = 0; q < queues; q++) {
                    ch.basicConsume("small-" + q, false, (tag, d) -> {
                        ByteBuffer b = ByteBuffer.wrap(d.getBody());
                        int publisher = b.getInt();
                        int n = b.getInt();
                        // One channel: its deliveries are handled one at a time.
                        if (n < lastInQueue[n % queues]) {
                            disorder.compareAndSet(null, "message " + n + " after " + lastInQueue[n % queues]);
                        }
                        lastInQueue[n % queues] = n;
                        got.add(publisher, n);
                        ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
                        all.countDown();
                    }, tag -> { });
                }
                assertTrue(all.await(FULL ? 15 : 5, TimeUnit.MINUTES), all.getCount() + " confirmed messages missing");
                assertNull(disorder.get(), "order within a queue");
            }
            report("many small queues", List.of(pub), got, log);
            // One publisher round-robins the queues, so its own order is the order within each queue.
            got.assertExactlyOnceInOrder(pub);
            pub.close();
        }
    }

    private WarrenProcess start(Path log) throws Exception {
        return WarrenProcess.start(dir.resolve("data"), log, List.of(), null,
                List.of(FULL ? "-Xmx256m" : "-Xmx128m"));
    }

    private static long confirmedBytes(List<Publisher> pubs, int size) {
        long n = 0;
        for (Publisher p : pubs) {
            n += p.confirmedCount.get();
        }
        return n * size;
    }

    private static void report(String what, List<Publisher> pubs, Delivered got, Path log) throws Exception {
        String text = Files.readString(log);
        long blockedMillis = 0;
        for (Publisher p : pubs) {
            blockedMillis += p.blockedNanos.get() / 1_000_000;
            assertFalse(p.blocked.get(), "publisher " + p.id + " unblocked in the end");
        }
        System.out.printf("%s: confirmed %d, delivered %d, blocked %d ms in all (%d episodes)%n", what,
                pubs.stream().mapToInt(p -> p.confirmed.cardinality()).sum(), got.count.get(), blockedMillis,
                pubs.stream().mapToInt(p -> p.episodes).sum());
        assertFalse(text.contains("OutOfMemoryError"), "the broker ran out of heap:\n" + text);
    }

    /** Deliveries by publisher and number; refuses a duplicate or a message out of publisher order. */
    private static final class Delivered {
        final BitSet[] seen;
        final int[] last;
        final AtomicLong count = new AtomicLong();
        final AtomicReference<String> problem = new AtomicReference<>();

        Delivered(int publishers) {
            seen = new BitSet[publishers];
            last = new int[publishers];
            for (int p = 0; p < publishers; p++) {
                seen[p] = new BitSet();
                last[p] = -1;
            }
        }

        synchronized void add(int publisher, int n) {
            count.incrementAndGet();
            if (seen[publisher].get(n)) {
                problem.compareAndSet(null, "message " + n + " of publisher " + publisher + " delivered twice");
            }
            if (n < last[publisher] && problem.get() == null && seen.length > 1) {
                problem.compareAndSet(null, "message " + n + " of publisher " + publisher + " after " + last[publisher]);
            }
            seen[publisher].set(n);
            last[publisher] = Math.max(last[publisher], n);
        }

        synchronized void assertExactlyOnceInOrder(Publisher pub) {
            assertNull(problem.get());
            BitSet missing = (BitSet) pub.confirmed.clone();
            missing.andNot(seen[pub.id]);
            assertTrue(missing.isEmpty(), missing.cardinality() + " confirmed messages of publisher " + pub.id
                    + " never delivered, first " + missing.nextSetBit(0));
        }
    }

    /** One connection publishing numbered messages with confirms, at most {@code window} unanswered. */
    private static final class Publisher implements AutoCloseable {
        final int id;
        final Connection connection;
        final Channel channel;
        final Semaphore window;
        final ConcurrentSkipListMap<Long, Integer> outstanding = new ConcurrentSkipListMap<>();
        final BitSet confirmed = new BitSet();
        final AtomicLong confirmedCount = new AtomicLong();
        final AtomicLong nacked = new AtomicLong();
        final AtomicBoolean blocked = new AtomicBoolean();
        final AtomicLong blockedNanos = new AtomicLong();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        volatile long blockedSince;
        volatile int episodes;

        Publisher(Connection connection, int id, int window) throws Exception {
            this.id = id;
            this.connection = connection;
            this.window = new Semaphore(window);
            this.channel = connection.createChannel();
            channel.confirmSelect();
            channel.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    settle(tag, multiple, true);
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    settle(tag, multiple, false);
                }
            });
            connection.addBlockedListener(new BlockedListener() {
                @Override
                public void handleBlocked(String reason) {
                    blocked.set(true);
                    blockedSince = System.nanoTime();
                    episodes++;
                }

                @Override
                public void handleUnblocked() {
                    blocked.set(false);
                    blockedNanos.addAndGet(System.nanoTime() - blockedSince);
                }
            });
        }

        private void settle(long tag, boolean multiple, boolean ack) {
            ConcurrentNavigableMap<Long, Integer> settled = multiple ? outstanding.headMap(tag, true)
                    : outstanding.subMap(tag, true, tag, true);
            for (Map.Entry<Long, Integer> e : settled.entrySet()) {
                if (ack) {
                    synchronized (confirmed) {
                        confirmed.set(e.getValue());
                    }
                    confirmedCount.incrementAndGet();
                } else {
                    nacked.incrementAndGet();
                }
                outstanding.remove(e.getKey());
                window.release();
            }
        }

        interface Route {
            String queue(int n);
        }

        void publishUntil(AtomicBoolean stop, Route route, int size) {
            try {
                for (int i = 0; !stop.get(); i++) {
                    if (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                        i--;
                        continue;
                    }
                    publishOne(i, route, size);
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }

        void publishCount(int count, Route route, int size) throws Exception {
            for (int i = 0; i < count; i++) {
                assertTrue(window.tryAcquire(5, TimeUnit.MINUTES), "a confirm came within 5 minutes");
                publishOne(i, route, size);
            }
        }

        private void publishOne(int i, Route route, int size) throws Exception {
            byte[] body = new byte[size];
            ByteBuffer.wrap(body).putInt(id).putInt(i);
            outstanding.put(channel.getNextPublishSeqNo(), i);
            channel.basicPublish("", route.queue(i), null, body);
        }

        /** Every publish gets its answer within a minute, and none is a nack. */
        void awaitAnswers() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!outstanding.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, outstanding.size(), "publishes of publisher " + id + " never answered");
            assertEquals(0, nacked.get(), "publishes of publisher " + id + " nacked");
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
