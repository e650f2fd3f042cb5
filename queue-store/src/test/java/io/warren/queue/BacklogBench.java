package io.warren.queue;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.warren.queue.store.FsyncPolicy;
import io.warren.queue.store.MessageStore;
import io.warren.queue.store.QueueLog;
import io.warren.queue.store.StoreSettings;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The backlog scenario of issue 3 against the queue alone: publish a large backlog of persistent
 * messages to a storing queue with no consumer, then drain it with a prefetch-limited consumer,
 * then reopen the store and recover. Prints the rate of every million and the heap after a GC.
 * Run by hand with a capped heap:
 * {@code java -Xmx512m -cp target/classes:target/test-classes:<netty jars> io.warren.queue.BacklogBench [messages] [bodySize] [inFlight] [PER_BATCH|NONE]}.
 */
public final class BacklogBench {
    private static final int STEP = 1_000_000;
    private static final int TASK = 1000;

    private BacklogBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int bodySize = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        FsyncPolicy policy = args.length > 3 ? FsyncPolicy.valueOf(args[3]) : FsyncPolicy.PER_BATCH;
        Path dir = Files.createTempDirectory("warren-backlog-bench");
        EventExecutor owner = new DefaultEventLoop();
        QueueDefinition definition = new QueueDefinition("/", "bench", true, false, false, Map.of(), null);
        StoreSettings settings = StoreSettings.defaults().withFsyncPolicy(policy);
        System.out.printf("%d x %d B persistent, %d unconfirmed at most, fsync %s, max heap %d MiB%n",
                messages, bodySize, inFlight, policy, Runtime.getRuntime().maxMemory() >> 20);
        try {
            try (MessageStore store = MessageStore.open(dir, settings)) {
                QueueLog log = store.openQueue("/", "bench");
                MessageQueue q = new MessageQueue(definition, owner, () -> { }, log);
                publish(q, owner, messages, bodySize, inFlight);
                drain(q, owner, messages / 2);
            }
            try (MessageStore store = MessageStore.open(dir, settings)) {
                long start = System.nanoTime();
                QueueLog log = store.openQueue("/", "bench");
                MessageQueue q = new MessageQueue(definition, owner, () -> { }, log);
                owner.submit(q::recover).get();
                System.out.printf("recovery: %d messages in %.1f s, %d in memory, heap %d MiB%n",
                        owner.submit(q::messageCount).get(), (System.nanoTime() - start) / 1e9,
                        owner.submit(q::inMemoryCount).get(), heapAfterGc());
                drain(q, owner, messages - messages / 2);
            }
        } finally {
            owner.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void publish(MessageQueue q, EventExecutor owner, int messages, int bodySize, int inFlight)
            throws Exception {
        Message message = new Message("amq.direct", "bench", new byte[] {(byte) 0x90, 0, 2}, new byte[bodySize], true);
        Semaphore window = new Semaphore(inFlight);
        long stepStart = System.nanoTime();
        for (int sent = 0; sent < messages; sent += TASK) {
            window.acquire(TASK);
            owner.execute(() -> {
                for (int i = 0; i < TASK; i++) {
                    q.enqueue(message, i == TASK - 1 ? () -> window.release(TASK) : null);
                }
            });
            if ((sent + TASK) % STEP == 0) {
                long now = System.nanoTime();
                System.out.printf("publish %dM: %.0f msg/s, %d in memory, heap %d MiB%n", (sent + TASK) / STEP,
                        STEP / ((now - stepStart) / 1e9), owner.submit(q::inMemoryCount).get(), heapAfterGc());
                stepStart = System.nanoTime();
            }
        }
        window.acquire(inFlight);
    }

    /** Drains {@code count} messages with a consumer that acks each pass, prefetch 1000. */
    private static void drain(MessageQueue q, EventExecutor owner, int count) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        QueueConsumer consumer = new QueueConsumer() {
            private final List<QueueEntry> outstanding = new ArrayList<>();
            private int received;
            private long stepStart = System.nanoTime();

            @Override
            public boolean tryAcquireCredit() {
                return outstanding.size() < 1000 && received < count;
            }

            @Override
            public void deliver(MessageQueue queue, QueueEntry entry, boolean redelivered) {
                outstanding.add(entry);
                if (++received % STEP == 0) {
                    long now = System.nanoTime();
                    System.out.printf("drain %dM: %.0f msg/s%n", received / STEP, STEP / ((now - stepStart) / 1e9));
                    stepStart = now;
                }
            }

            @Override
            public void endOfBatch() {
                List<QueueEntry> acked = new ArrayList<>(outstanding);
                outstanding.clear();
                owner.execute(() -> {
                    q.ack(acked);
                    if (received == count) {
                        done.countDown();
                    } else {
                        q.requestDrain();
                    }
                });
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public boolean autoAck() {
                return false;
            }

            @Override
            public void cancelledByQueue(MessageQueue queue) {
            }
        };
        long start = System.nanoTime();
        owner.submit(() -> q.addConsumer(consumer, false)).get();
        if (!done.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("drain did not finish");
        }
        System.out.printf("drained %d in %.1f s (%.0f msg/s), heap %d MiB%n", count,
                (System.nanoTime() - start) / 1e9, count / ((System.nanoTime() - start) / 1e9), heapAfterGc());
        owner.submit(() -> q.removeConsumer(consumer)).get();
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }
}
