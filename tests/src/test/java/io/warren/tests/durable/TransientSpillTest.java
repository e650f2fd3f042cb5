package io.warren.tests.durable;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A non-durable queue whose backlog outgrows its in-memory head (20,000 messages by default)
 * pages the rest out to a spill log instead of holding it on the heap, delivers everything in
 * order, and leaves nothing on disk once the queue is gone. Warren-only: it looks at the data
 * directory.
 */
class TransientSpillTest {
    private static final int MESSAGES = 30_000;

    @TempDir
    Path dataDir;
    private RestartableWarren warren;

    @BeforeEach
    void create() {
        warren = new RestartableWarren(dataDir);
    }

    @AfterEach
    void stop() {
        warren.close();
    }

    @Test
    void aLongTransientBacklogPagesToDiskAndComesBackInOrder() throws Exception {
        try (Connection c = warren.start()) {
            Channel ch = c.createChannel();
            String q = ch.queueDeclare("transient.backlog", false, false, false, null).getQueue();
            ch.confirmSelect();
            for (int i = 0; i < MESSAGES; i++) {
                ch.basicPublish("", q, null, ByteBuffer.allocate(64).putInt(i).array());
            }
            ch.waitForConfirmsOrDie(30_000);
            assertEquals(MESSAGES, ch.queueDeclarePassive(q).getMessageCount());
            assertTrue(spillFiles() > 0, "the part beyond the head went to a spill log");

            CountDownLatch all = new CountDownLatch(MESSAGES);
            AtomicInteger expected = new AtomicInteger();
            AtomicReference<String> disorder = new AtomicReference<>();
            Channel consumer = c.createChannel();
            consumer.basicQos(500);
            consumer.basicConsume(q, false, (tag, d) -> {
                int n = ByteBuffer.wrap(d.getBody()).getInt();
                if (n != expected.getAndIncrement()) {
                    disorder.compareAndSet(null, "got " + n + " expecting " + (expected.get() - 1));
                }
                consumer.basicAck(d.getEnvelope().getDeliveryTag(), false);
                all.countDown();
            }, tag -> { });
            assertTrue(all.await(60, TimeUnit.SECONDS), "every message delivered");
            assertEquals(null, disorder.get());

            ch.queueDelete(q);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (spillFiles() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, spillFiles(), "the spill log is deleted with its queue");
    }

    private long spillFiles() throws IOException {
        Path messages = dataDir.resolve("messages");
        if (!Files.exists(messages)) {
            return 0;
        }
        try (var files = Files.walk(messages)) {
            return files.filter(p -> p.getFileName().toString().startsWith("msgs.")).count();
        } catch (java.io.UncheckedIOException e) {
            // A directory deleted while the walk was in it: the deletion is under way, look again.
            return 1;
        }
    }
}
