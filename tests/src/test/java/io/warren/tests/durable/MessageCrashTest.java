package io.warren.tests.durable;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash test of issue 3: Warren runs as a separate process; a publisher sends persistent
 * messages with confirms (200 in flight) to a durable queue; the process is killed with SIGKILL
 * at a random moment, restarted on the same data, and so on. At the end every confirmed message
 * must be delivered exactly once: lost = 0, duplicated = 0. {@code -Dwarren.crash.kills=N} sets
 * the number of kills (3 by default, as in CI).
 */
class MessageCrashTest {
    private static final String QUEUE = "crash.messages";
    private static final int KILLS = Integer.getInteger("warren.crash.kills", 3);

    @TempDir
    Path dataDir;
    @TempDir
    Path logDir;

    @Test
    void everyConfirmedMessageIsDeliveredExactlyOnceAfterRepeatedSigkills() throws Exception {
        Set<Long> confirmed = ConcurrentHashMap.newKeySet();
        AtomicLong nextId = new AtomicLong();
        for (int kill = 1; kill <= KILLS; kill++) {
            try (WarrenProcess warren = WarrenProcess.start(dataDir, logDir.resolve("warren.log"))) {
                Thread publisher = new Thread(() -> publishUntilKilled(warren, nextId, confirmed));
                publisher.start();
                Thread.sleep(ThreadLocalRandom.current().nextLong(300, 900));
                warren.kill();
                publisher.join(10_000);
            }
        }

        Map<Long, Integer> delivered = new HashMap<>();
        try (WarrenProcess warren = WarrenProcess.start(dataDir, logDir.resolve("warren.log"));
             Connection c = warren.connect()) {
            Channel ch = c.createChannel();
            int stored = ch.queueDeclarePassive(QUEUE).getMessageCount();
            CountDownLatch drained = new CountDownLatch(stored);
            ch.basicQos(1000);
            ch.basicConsume(QUEUE, true, (tag, d) -> {
                synchronized (delivered) {
                    delivered.merge(ByteBuffer.wrap(d.getBody()).getLong(), 1, Integer::sum);
                }
                drained.countDown();
            }, tag -> { });
            assertTrue(drained.await(60, TimeUnit.SECONDS), "the queue drained");
            // Anything beyond what the queue reported would be a duplicate: give it a moment to show.
            Thread.sleep(200);
        }
        long lost = confirmed.stream().filter(id -> !delivered.containsKey(id)).count();
        long duplicated = delivered.values().stream().filter(n -> n > 1).count();
        System.out.printf("crash test: kills=%d confirmed=%d delivered=%d lost=%d duplicated=%d%n",
                KILLS, confirmed.size(), delivered.size(), lost, duplicated);
        assertTrue(confirmed.size() > 0, "messages were confirmed before the kills");
        assertEquals(0, lost, "confirmed messages lost");
        assertEquals(0, duplicated, "messages delivered more than once");
    }

    private static void publishUntilKilled(WarrenProcess warren, AtomicLong nextId, Set<Long> confirmed) {
        ConcurrentNavigableMap<Long, Long> outstanding = new ConcurrentSkipListMap<>();
        Semaphore inFlight = new Semaphore(200);
        try (Connection c = warren.connect()) {
            Channel ch = c.createChannel();
            ch.queueDeclare(QUEUE, true, false, false, null);
            ch.confirmSelect();
            ch.addConfirmListener((tag, multiple) -> {
                var done = multiple ? outstanding.headMap(tag, true) : outstanding.subMap(tag, true, tag, true);
                confirmed.addAll(done.values());
                inFlight.release(done.size());
                done.clear();
            }, (tag, multiple) -> {
                throw new AssertionError("nack for " + tag);
            });
            byte[] filler = new byte[1016];
            while (true) {
                // Confirms stop when the broker dies: notice the closed channel instead of waiting forever.
                while (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    if (!ch.isOpen()) {
                        return;
                    }
                }
                long id = nextId.getAndIncrement();
                byte[] body = ByteBuffer.allocate(8 + filler.length).putLong(id).put(filler).array();
                outstanding.put(ch.getNextPublishSeqNo(), id);
                ch.basicPublish("", QUEUE, MessageProperties.PERSISTENT_BASIC, body);
            }
        } catch (Exception killed) {
            // The broker went away mid-stream: what was confirmed by then is what counts.
        }
    }

    @Test
    void everyCommittedTransactionSurvivesSigkill() throws Exception {
        Set<Long> committed = ConcurrentHashMap.newKeySet();
        AtomicLong nextId = new AtomicLong();
        for (int kill = 1; kill <= 2; kill++) {
            try (WarrenProcess warren = WarrenProcess.start(dataDir, logDir.resolve("warren-tx.log"))) {
                Thread publisher = new Thread(() -> commitUntilKilled(warren, nextId, committed));
                publisher.start();
                Thread.sleep(ThreadLocalRandom.current().nextLong(300, 700));
                warren.kill();
                publisher.join(10_000);
            }
        }
        Set<Long> stored = ConcurrentHashMap.newKeySet();
        try (WarrenProcess warren = WarrenProcess.start(dataDir, logDir.resolve("warren-tx.log"));
             Connection c = warren.connect()) {
            Channel ch = c.createChannel();
            for (com.rabbitmq.client.GetResponse r; (r = ch.basicGet("crash.tx", true)) != null; ) {
                stored.add(ByteBuffer.wrap(r.getBody()).getLong());
            }
        }
        long lost = committed.stream().filter(id -> !stored.contains(id)).count();
        System.out.printf("tx crash test: committed=%d lost=%d%n", committed.size(), lost);
        assertTrue(committed.size() > 0, "transactions were committed before the kills");
        assertEquals(0, lost, "committed messages lost");
    }

    private static void commitUntilKilled(WarrenProcess warren, AtomicLong nextId, Set<Long> committed) {
        try (Connection c = warren.connect()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("crash.tx", true, false, false, null);
            ch.txSelect();
            while (true) {
                long[] ids = new long[10];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = nextId.getAndIncrement();
                    ch.basicPublish("", "crash.tx", MessageProperties.PERSISTENT_BASIC,
                            ByteBuffer.allocate(8).putLong(ids[i]).array());
                }
                ch.txCommit(); // commit-ok: all ten are promised
                for (long id : ids) {
                    committed.add(id);
                }
            }
        } catch (Exception killed) {
            // The broker went away.
        }
    }

    @Test
    void deliveriesUnackedAtTheCrashComeBackRedelivered() throws Exception {
        try (WarrenProcess warren = WarrenProcess.start(dataDir, logDir.resolve("warren-redeliver.log"))) {
            Connection c = warren.connect();
            Channel ch = c.createChannel();
            ch.queueDeclare("crash.redeliver", true, false, false, null);
            ch.confirmSelect();
            for (long i = 0; i < 10; i++) {
                ch.basicPublish("", "crash.redeliver", MessageProperties.PERSISTENT_BASIC,
                        ByteBuffer.allocate(8).putLong(i).array());
            }
            ch.waitForConfirmsOrDie(10_000);
            for (int i = 0; i < 5; i++) {
                ch.basicGet("crash.redeliver", false); // delivered, never acked
            }
            warren.kill();
        }
        Map<Long, Boolean> redelivered = new HashMap<>();
        try (WarrenProcess warren = WarrenProcess.start(dataDir, logDir.resolve("warren-redeliver.log"));
             Connection c = warren.connect()) {
            Channel ch = c.createChannel();
            for (com.rabbitmq.client.GetResponse r; (r = ch.basicGet("crash.redeliver", true)) != null; ) {
                redelivered.put(ByteBuffer.wrap(r.getBody()).getLong(), r.getEnvelope().isRedeliver());
            }
        }
        assertEquals(10, redelivered.size(), "every confirmed message is back");
        for (long i = 0; i < 5; i++) {
            assertTrue(redelivered.get(i), "message " + i + " was delivered before the crash");
        }
    }
}
