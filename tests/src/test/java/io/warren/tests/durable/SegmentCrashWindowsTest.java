package io.warren.tests.durable;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 while a queue's log creates and drops segments all the time (64 KiB segments, about 230
 * messages each, confirmed publishing and an acking consumer): whatever moment the kill hits,
 * segment creation and deletion leave nothing that recovery takes for a deleted segment, a deleted
 * ack file or a damaged manifest, and no confirmed message is lost. Warren-only.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SegmentCrashWindowsTest {
    private static final int KILLS = Integer.getInteger("warren.crash.kills", 4);
    private static final String QUEUE = "windows";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private final Set<Long> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<Long> delivered = ConcurrentHashMap.newKeySet();

    @Test
    void killsWhileSegmentsComeAndGoLeaveNoTraceThatReadsAsDamage() throws Exception {
        Path config = work.resolve("warren.conf");
        Files.writeString(config, "warren.segment_size = 64KiB\n");
        Path log = work.resolve("warren.log");
        AtomicLong nextId = new AtomicLong();
        for (int run = 0; run < KILLS; run++) {
            try (WarrenProcess warren = WarrenProcess.start(dataDir, log, List.of(), config)) {
                Connection consumer = warren.connect();
                Channel ch = consumer.createChannel();
                ch.queueDeclare(QUEUE, true, false, false, null);
                ch.basicQos(200);
                ch.basicConsume(QUEUE, false, (tag, d) -> {
                    delivered.add(ByteBuffer.wrap(d.getBody()).getLong());
                    // Acked at once: segments are dropped as fast as they are created.
                    ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
                }, tag -> { });
                int before = confirmed.size();
                Thread publisher = new Thread(() -> publishUntilKilled(warren, nextId));
                publisher.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (confirmed.size() <= before && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(ThreadLocalRandom.current().nextLong(300, 1500));
                warren.kill();
                publisher.join(10_000);
                consumer.abort();
            }
        }
        try (WarrenProcess warren = WarrenProcess.start(dataDir, log, List.of(), config);
             Connection c = warren.connect()) {
            Channel ch = c.createChannel();
            for (com.rabbitmq.client.GetResponse r; (r = ch.basicGet(QUEUE, true)) != null; ) {
                delivered.add(ByteBuffer.wrap(r.getBody()).getLong());
            }
        }
        assertTrue(confirmed.size() > 1000, "enough publishing to create segments: " + confirmed.size());
        Set<Long> missing = new java.util.TreeSet<>(confirmed);
        missing.removeAll(delivered);
        assertEquals(Set.of(), missing, "every confirmed message was delivered");
        String text = Files.readString(log);
        for (String damage : List.of("is missing", "segment manifest", "Damaged", "SEVERE: The message store")) {
            assertTrue(!text.contains(damage), "a crash's traces read as damage ('" + damage + "'):\n" + text);
        }
        System.out.println("SEGMENT-CRASH-WINDOWS " + KILLS + " kills, " + confirmed.size() + " confirmed, "
                + nextId.get() + " published, 0 lost, no damage reported");
    }

    private void publishUntilKilled(WarrenProcess warren, AtomicLong nextId) {
        ConfirmedPublisher.publishUntilKilled(warren, nextId, 240, confirmed, ConfirmedPublisher.toQueue(QUEUE));
    }
}
