package io.warren.broker;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.warren.queue.Message;
import io.warren.queue.MessageQueue;
import io.warren.queue.PagingSettings;
import io.warren.queue.QueueDefinition;
import io.warren.queue.store.MessageStore;
import io.warren.queue.store.QueueLog;
import io.warren.queue.store.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every publish handed to a queue is answered once, even when the queue cannot take it. */
class QueueWorkTest {
    private final EventExecutor loop = new DefaultEventLoop();
    private final AtomicInteger durable = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void anEnqueueThatThrowsIsAnsweredWithItsRejectionOnce() throws Exception {
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            // A head of one message, then a spill log that refuses appends: the second enqueue throws.
            QueueLog closed = store.openQueue("/", "q");
            closed.delete().get(5, TimeUnit.SECONDS);
            MessageQueue q = queue(() -> closed);
            publishTwo(q);
            assertEquals(1, durable.get(), "the first message is taken");
            assertEquals(1, rejected.get(), "the second is answered with a nack, not silence");
            assertEquals(1, (int) loop.submit(q::messageCount).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSpillLogThatCannotBeOpenedKeepsMessagesInMemory() throws Exception {
        // A full disk or no descriptors left: the publisher of a transient message may already
        // have its confirm, so the queue keeps it rather than losing it.
        MessageQueue q = queue(() -> {
            throw new UncheckedIOException(new IOException("No space left on device"));
        });
        publishTwo(q);
        assertEquals(2, durable.get());
        assertEquals(0, rejected.get());
        assertEquals(2, (int) loop.submit(q::messageCount).get(5, TimeUnit.SECONDS));
    }

    private MessageQueue queue(Supplier<QueueLog> spill) {
        return new MessageQueue(new QueueDefinition("/", "q", false, false, false, Map.of(), null),
                loop, () -> { }, null, spill, new PagingSettings(1, 1 << 30));
    }

    private void publishTwo(MessageQueue q) throws Exception {
        QueueWork work = new QueueWork();
        for (int i = 0; i < 2; i++) {
            work.enqueue(q, new Message("", "q", new byte[0], new byte[] {(byte) i}, false),
                    durable::incrementAndGet, rejected::incrementAndGet);
        }
        loop.submit(work::handOver).get(5, TimeUnit.SECONDS);
        loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }
}
