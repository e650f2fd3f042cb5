package io.warren.queue.store;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Byte arrays for pending batches, shared by every log of one store. A batch takes one when its
 * first record arrives and the store thread gives it back once the batch is written, so an idle
 * queue holds no buffer at all while a busy one reuses the same few arrays round after round.
 *
 * <p>Thread-safe: owner threads take, the store thread gives back.
 */
final class BufferPool {
    static final int CHUNK = 64 * 1024;
    // A new array for a batch that may hold a single small record: thousands of queues that each
    // append a message now and then must not cost a chunk each.
    static final int FIRST = 4 * 1024;
    // One burst's array is kept for the next burst, a runaway one is not.
    private static final int MAX_KEPT_ARRAY = 4 * 1024 * 1024;
    // Idle arrays are heap nobody accounts for: a small heap keeps few of them.
    private static final long MAX_POOLED_BYTES = Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 32);

    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicLong pooledBytes = new AtomicLong();

    /** An array of at least {@code size} bytes: a pooled one, or a new one of at least {@link #FIRST}. */
    byte[] take(int size) {
        byte[] b = free.poll();
        if (b != null) {
            pooledBytes.addAndGet(-b.length);
            if (b.length >= size) {
                return b;
            }
        }
        return new byte[Math.max(FIRST, size)];
    }

    void give(byte[] b) {
        if (b.length < CHUNK || b.length > MAX_KEPT_ARRAY) {
            return;
        }
        if (pooledBytes.addAndGet(b.length) > MAX_POOLED_BYTES) {
            pooledBytes.addAndGet(-b.length);
            return;
        }
        free.offer(b);
    }

    /** Bytes held for reuse; for tests. */
    long pooledBytes() {
        return pooledBytes.get();
    }
}
