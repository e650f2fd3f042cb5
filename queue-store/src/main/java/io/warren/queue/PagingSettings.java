package io.warren.queue;

/**
 * How much of a storing queue's ready backlog stays in memory. Once the in-memory head holds
 * {@code maxMessages} messages or {@code maxBytes} of bodies, further messages live only in the
 * queue's log until the head has been consumed; requeued messages are always kept in memory.
 * Besides, every queue of a broker shares one {@link MemoryBudget}: when the messages of all
 * queues together pass it, queues page out their heads, biggest first, whatever their own limits.
 * Queues without a log ignore these limits and keep everything in memory.
 *
 * @param maxMessages  ready messages kept in memory before paging starts; at least 1
 * @param maxBytes     body bytes of ready messages kept in memory before paging starts; at least 1
 * @param budget       the broker's budget for messages in memory, shared by its queues
 */
public record PagingSettings(int maxMessages, long maxBytes, MemoryBudget budget) {
    public static final int DEFAULT_MAX_MESSAGES = 20_000;
    public static final long DEFAULT_MAX_BYTES = 32L << 20;

    public PagingSettings {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("paging limits must be positive, were " + maxMessages
                    + " messages and " + maxBytes + " bytes");
        }
        if (budget == null) {
            throw new IllegalArgumentException("a memory budget is required");
        }
    }

    /** Limits for one queue, with a budget of its own that never pages. */
    public PagingSettings(int maxMessages, long maxBytes) {
        this(maxMessages, maxBytes, MemoryBudget.unlimited());
    }

    /** 20,000 messages or 32 MiB, whichever is reached first, without a shared budget. */
    public static PagingSettings defaults() {
        return new PagingSettings(DEFAULT_MAX_MESSAGES, DEFAULT_MAX_BYTES);
    }

    /** 20,000 messages or 32 MiB per queue, and the broker's shared {@code budget}. */
    public static PagingSettings defaults(MemoryBudget budget) {
        return new PagingSettings(DEFAULT_MAX_MESSAGES, DEFAULT_MAX_BYTES, budget);
    }
}
