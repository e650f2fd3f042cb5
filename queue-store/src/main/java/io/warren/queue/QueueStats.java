package io.warren.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters and lengths a queue keeps for statistics and management. Written only by the queue's
 * owner thread, with plain increments published as opaque stores (no fence, no contention), and
 * read by anyone: a reader sees each value as of some recent moment, never a torn one.
 *
 * <p>Counters only grow; lengths are snapshots the owner takes at the end of each pass.
 */
public final class QueueStats {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private static final int PUBLISH = 0;
    private static final int DELIVER = 1;
    private static final int DELIVER_NO_ACK = 2;
    private static final int GET = 3;
    private static final int GET_NO_ACK = 4;
    private static final int GET_EMPTY = 5;
    private static final int ACK = 6;
    private static final int REDELIVER = 7;
    // Two slots per DeadLetterReason, in ordinal order: without, then with a dead-letter exchange.
    private static final int DEAD_LETTERED = 8;
    private static final int READY = DEAD_LETTERED + 2 * DeadLetterReason.values().length;
    private static final int UNACKED = READY + 1;
    private static final int READY_BYTES = UNACKED + 1;
    private static final int UNACKED_BYTES = READY_BYTES + 1;
    private static final int CONSUMERS = UNACKED_BYTES + 1;
    private static final int PAGED_OUT = CONSUMERS + 1;
    private static final int PERSISTENT = PAGED_OUT + 1;
    private static final int PERSISTENT_BYTES = PERSISTENT + 1;
    private static final int IDLE_SINCE = PERSISTENT_BYTES + 1;
    private static final int SLOTS = IDLE_SINCE + 1;

    private final long[] slots = new long[SLOTS];

    QueueStats() {
        slots[IDLE_SINCE] = System.currentTimeMillis();
    }

    private void add(int slot, long n) {
        SLOT.setOpaque(slots, slot, slots[slot] + n);
    }

    private void set(int slot, long v) {
        SLOT.setOpaque(slots, slot, v);
    }

    private long read(int slot) {
        return (long) SLOT.getOpaque(slots, slot);
    }

    void recordPublish() {
        add(PUBLISH, 1);
    }

    /** A message handed to a consumer ({@code get} false) or taken by basic.get. */
    void recordDelivery(boolean get, boolean autoAck, boolean redelivery) {
        add(get ? (autoAck ? GET_NO_ACK : GET) : (autoAck ? DELIVER_NO_ACK : DELIVER), 1);
        if (redelivery) {
            add(REDELIVER, 1);
        }
    }

    void recordGetEmpty() {
        add(GET_EMPTY, 1);
    }

    void recordAcks(int n) {
        add(ACK, n);
    }

    void recordDeadLettered(DeadLetterReason reason, boolean toExchange) {
        add(deadLetterSlot(reason, toExchange), 1);
    }

    private static int deadLetterSlot(DeadLetterReason reason, boolean toExchange) {
        return DEAD_LETTERED + 2 * reason.ordinal() + (toExchange ? 1 : 0);
    }

    void recordLengths(int ready, int unacked, long readyBytes, long unackedBytes, long pagedOut, long persistent,
                       long persistentBytes) {
        set(PERSISTENT, persistent);
        set(PERSISTENT_BYTES, persistentBytes);
        set(READY, ready);
        set(UNACKED, unacked);
        set(READY_BYTES, readyBytes);
        set(UNACKED_BYTES, unackedBytes);
        set(PAGED_OUT, pagedOut);
    }

    void recordConsumers(int consumers) {
        set(CONSUMERS, consumers);
    }

    void recordUse(long millis) {
        set(IDLE_SINCE, millis);
    }

    /** Messages enqueued (RabbitMQ's queue message_stats.publish). */
    public long published() { return read(PUBLISH); }

    /** Messages delivered to consumers that must acknowledge them. */
    public long delivered() { return read(DELIVER); }

    public long deliveredNoAck() { return read(DELIVER_NO_ACK); }

    /** Messages taken by basic.get that must be acknowledged. */
    public long gotten() { return read(GET); }

    public long gottenNoAck() { return read(GET_NO_ACK); }

    public long getEmpty() { return read(GET_EMPTY); }

    /** Deliveries of messages that had been delivered before, either way. */
    public long redelivered() { return read(REDELIVER); }

    public long acked() { return read(ACK); }

    /**
     * Messages that left for the given reason: handed to the dead-letter exchange
     * ({@code toExchange}), or dropped because the queue had none.
     */
    public long deadLettered(DeadLetterReason reason, boolean toExchange) {
        return read(deadLetterSlot(reason, toExchange));
    }

    /** Ready messages as of the end of the last pass. */
    public int readySnapshot() { return (int) read(READY); }

    public int unackedSnapshot() { return (int) read(UNACKED); }

    public long readyBytesSnapshot() { return read(READY_BYTES); }

    public long unackedBytesSnapshot() { return read(UNACKED_BYTES); }

    /** Ready messages whose bodies are on disk only, not in memory. */
    public long pagedOutSnapshot() { return read(PAGED_OUT); }

    /** Persistent messages in a durable queue, ready and unacked (RabbitMQ's messages_persistent). */
    public long persistentSnapshot() { return read(PERSISTENT); }

    /** Body bytes of {@link #persistentSnapshot()}'s messages. */
    public long persistentBytesSnapshot() { return read(PERSISTENT_BYTES); }

    public int consumersSnapshot() { return (int) read(CONSUMERS); }

    /** When the queue was last used (consumer added or removed, get, redeclare), epoch ms. */
    public long lastUsed() { return read(IDLE_SINCE); }
}
