package io.warren.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.warren.amqp.method.BasicDeliver;
import io.warren.amqp.method.BasicPublish;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Keeps the per-message hot paths lean: decoding a publish allocates the command and what it holds,
 * and encoding a delivery allocates nothing beyond its pooled buffer.
 */
class HotPathAllocationTest {

    private static final int MESSAGES = 20_000;
    private static final int ROUNDS = 15;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void decodingAPublishAllocatesLittleMoreThanTheCommand() throws Exception {
        Assumptions.assumeTrue(THREADS.isThreadAllocatedMemorySupported());
        onEventLoopLikeThread(this::decodePublishes);
    }

    @Test
    void encodingADeliveryAllocatesOnlyItsPooledBuffer() throws Exception {
        Assumptions.assumeTrue(THREADS.isThreadAllocatedMemorySupported());
        onEventLoopLikeThread(this::encodeDeliveries);
    }

    /**
     * Netty keeps its scratch arrays and buffer caches in FastThreadLocals, which only its own
     * threads hold cheaply; event loops are such threads, so measure on one.
     */
    private static void onEventLoopLikeThread(Runnable work) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new FastThreadLocalThread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() instanceof Error e) {
            throw e;
        } else if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    private void decodePublishes() {
        byte[] properties = BasicProperties.builder().deliveryMode(2).build().toBytes();
        FrameBytes frames = new FrameBytes();
        for (int i = 0; i < MESSAGES; i++) {
            frames.method(1, new BasicPublish(0, "", "orders.new", false, false))
                    .header(1, 60, 0, 16, properties)
                    .body(1, new byte[16]);
        }
        byte[] bytes = frames.toBytes();
        ByteBuf in = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        FrameDecoder decoder = new FrameDecoder(131_072, 1 << 20);
        List<Object> out = new ArrayList<>();
        try {
            long perMessage = Long.MAX_VALUE;
            for (int round = 0; round < ROUNDS; round++) {
                in.readerIndex(0);
                long before = THREADS.getCurrentThreadAllocatedBytes();
                int decoded = 0;
                while (in.isReadable()) {
                    decoder.decode(null, in, out);
                    decoded += out.size();
                    out.clear();
                }
                perMessage = Math.min(perMessage, (THREADS.getCurrentThreadAllocatedBytes() - before) / MESSAGES);
                assertEquals(MESSAGES, decoded);
            }
            // BasicPublish 32, routing key 56, ContentHeader 32, raw properties 24, body 32, Command 32: 208.
            assertTrue(perMessage <= 216, "bytes allocated per publish decoded: " + perMessage);
        } finally {
            in.release();
        }
    }

    private void encodeDeliveries() {
        PooledByteBufAllocator alloc = new PooledByteBufAllocator(true);
        BasicDeliver deliver = new BasicDeliver("amq.ctag-abcdef", 1, false, "amq.direct", "orders.new");
        byte[] properties = BasicProperties.builder().deliveryMode(2).build().toBytes();
        byte[] body = new byte[256];
        long perMessage = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MESSAGES; i++) {
                Frames.encodeContentCommand(alloc, 1, deliver, properties, body, 131_072).release();
            }
            perMessage = Math.min(perMessage, (THREADS.getCurrentThreadAllocatedBytes() - before) / MESSAGES);
        }
        // Pooled buffers are recycled; what remains is the pool's own occasional bookkeeping.
        assertTrue(perMessage <= 8, "bytes allocated per delivery encoded: " + perMessage);
    }
}
