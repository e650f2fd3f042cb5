package io.warren.queue;

/**
 * How much of a storing queue's ready backlog stays in memory. Once the in-memory head holds
 * {@code maxMessages} messages or {@code maxBytes} of bodies, further messages live only in the
 * queue's log until the head has been consumed; requeued messages are always kept in memory.
 * Queues without a log ignore these limits and keep everything in memory.
 *
 * @param maxMessages  ready messages kept in memory before paging starts; at least 1
 * @param maxBytes     body bytes of ready messages kept in memory before paging starts; at least 1
 */
public record PagingSettings(int maxMessages, long maxBytes) {
    public static final int DEFAULT_MAX_MESSAGES = 20_000;
    public static final long DEFAULT_MAX_BYTES = 32L << 20;

    public PagingSettings {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("paging limits must be positive, were " + maxMessages
                    + " messages and " + maxBytes + " bytes");
        }
    }

    /** 20,000 messages or 32 MiB, whichever is reached first. */
    public static PagingSettings defaults() {
        return new PagingSettings(DEFAULT_MAX_MESSAGES, DEFAULT_MAX_BYTES);
    }
}
