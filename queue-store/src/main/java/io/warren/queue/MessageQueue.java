package io.warren.queue;

import io.netty.util.concurrent.EventExecutor;
import io.warren.queue.store.MessageCursor;
import io.warren.queue.store.QueueLog;
import io.warren.queue.store.SegmentPosition;
import io.warren.queue.store.StoredMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One queue: its ready messages, how many are out with consumers, and its push consumers.
 *
 * <p>Threading: a queue has one owner thread ({@link #owner()}), and every method except the
 * accessors of immutable state must be called on it; other threads hand work over with
 * {@code owner().execute(...)}. That is what makes the hot path free of locks. Deliveries happen
 * in passes: work that arrives together (a batch of publishes, a batch of acks) ends in one
 * {@link #requestDrain()}, which runs one pass after the current task, so a consumer gets its
 * deliveries and one {@link QueueConsumer#endOfBatch()} per pass rather than per message.
 */
public final class MessageQueue {
    /** Outcome of {@link #addConsumer}. */
    public enum AddConsumerResult { ADDED, EXCLUSIVE_CONSUMER_PRESENT, CONSUMERS_PRESENT }

    private final QueueDefinition definition;
    private final EventExecutor owner;
    private final QueueLog log;
    private final Runnable onUnused;
    private final ReadyList ready = new ReadyList();
    private final ConsumerRing consumers = new ConsumerRing();
    private final List<QueueConsumer> batchConsumers = new ArrayList<>();
    // Membership of batchConsumers, so marking a consumer costs a hash lookup, not a scan of the list.
    private final Set<QueueConsumer> inBatch = Collections.newSetFromMap(new IdentityHashMap<>());
    private final QueueStats stats = new QueueStats();
    private QueueConsumer exclusiveConsumer;
    private long nextSequence;
    private int unacked;
    private long unackedBytes;
    private boolean drainScheduled;
    private boolean hadConsumer;
    private boolean deleted;
    private final Runnable drainTask = this::drain;

    /**
     * @param onUnused run on the owner thread when an auto-delete queue loses its last consumer;
     *                 the broker deletes the queue in response
     */
    public MessageQueue(QueueDefinition definition, EventExecutor owner, Runnable onUnused) {
        this(definition, owner, onUnused, null);
    }

    /**
     * @param log where a durable queue keeps its persistent messages; null for a queue whose
     *            messages live in memory only
     */
    public MessageQueue(QueueDefinition definition, EventExecutor owner, Runnable onUnused, QueueLog log) {
        this.definition = definition;
        this.owner = owner;
        this.onUnused = onUnused;
        this.log = log;
    }

    /** True when persistent messages enqueued here are written to disk. */
    public boolean stores() {
        return log != null;
    }

    /**
     * Loads what the log recovered into the ready list, in order. Call once, on the owner
     * thread, before the queue is used.
     */
    public void recover() {
        if (log == null) {
            return;
        }
        try (MessageCursor cursor = log.cursor()) {
            for (List<StoredMessage> batch; !(batch = cursor.next(1024, 16L << 20)).isEmpty(); ) {
                for (StoredMessage sm : batch) {
                    QueueEntry e = new QueueEntry(sm.message(), sm.queueSequence(), sm.position());
                    if (sm.redelivered()) {
                        e.delivered();
                    }
                    ready.add(e);
                    nextSequence = Math.max(nextSequence, sm.queueSequence() + 1);
                }
            }
        }
        stats.recordLengths(ready.size(), unacked);
    }

    public QueueDefinition definition() { return definition; }

    public String name() { return definition.name(); }

    public EventExecutor owner() { return owner; }

    /** Counters for statistics; readable from any thread. */
    public QueueStats stats() { return stats; }

    public boolean isDeleted() { return deleted; }

    /** Appends a message; deliveries follow in the next pass. */
    public void enqueue(Message message) {
        enqueue(message, null);
    }

    /**
     * Appends a message. A persistent message in a storing queue is written to the log, and
     * {@code onDurable} (if not null) runs on the store's thread once it is on disk; otherwise
     * {@code onDurable} runs at once, since there is nothing to wait for.
     */
    public void enqueue(Message message, Runnable onDurable) {
        assert owner.inEventLoop();
        if (deleted) {
            if (onDurable != null) {
                onDurable.run();
            }
            return;
        }
        long seq = nextSequence++;
        SegmentPosition stored = null;
        if (log != null && message.persistent()) {
            stored = log.append(message, seq, onDurable);
        } else if (onDurable != null) {
            onDurable.run();
        }
        ready.add(new QueueEntry(message, seq, stored));
        stats.recordPublish();
        requestDrain();
    }

    /** Schedules a delivery pass after the current task, once however often it is called. */
    public void requestDrain() {
        if (!drainScheduled && !deleted) {
            drainScheduled = true;
            owner.execute(drainTask);
        }
    }

    private void drain() {
        drainScheduled = false;
        while (!ready.isEmpty()) {
            QueueConsumer c = consumers.nextWithCredit();
            if (c == null) {
                break;
            }
            QueueEntry e = ready.poll();
            handOut(c, e);
        }
        for (int i = 0; i < batchConsumers.size(); i++) {
            batchConsumers.get(i).endOfBatch();
        }
        batchConsumers.clear();
        inBatch.clear();
        stats.recordLengths(ready.size(), unacked);
    }

    private void handOut(QueueConsumer c, QueueEntry e) {
        boolean redelivered = e.redelivered();
        e.delivered();
        if (!c.autoAck()) {
            unacked++;
            unackedBytes += e.message().bodySize();
            markDelivered(e);
        } else {
            forget(e);
        }
        stats.recordDelivery(redelivered);
        if (inBatch.add(c)) {
            batchConsumers.add(c);
        }
        c.deliver(this, e, redelivered);
    }

    /**
     * basic.get: takes the head message, or null when there is none. Unless {@code autoAck},
     * the entry stays owed to the caller until acked, requeued or discarded.
     */
    public QueueEntry get(boolean autoAck) {
        QueueEntry e = ready.poll();
        if (e == null) {
            return null;
        }
        if (!autoAck) {
            unacked++;
            unackedBytes += e.message().bodySize();
            markDelivered(e);
        } else {
            forget(e);
        }
        stats.recordDelivery(e.redelivered());
        e.delivered();
        stats.recordLengths(ready.size(), unacked);
        return e;
    }

    public AddConsumerResult addConsumer(QueueConsumer c, boolean exclusive) {
        if (exclusiveConsumer != null) {
            return AddConsumerResult.EXCLUSIVE_CONSUMER_PRESENT;
        }
        if (exclusive && consumers.size() > 0) {
            return AddConsumerResult.CONSUMERS_PRESENT;
        }
        if (exclusive) {
            exclusiveConsumer = c;
        }
        consumers.add(c);
        hadConsumer = true;
        requestDrain();
        return AddConsumerResult.ADDED;
    }

    /** Removes a consumer (cancel, channel or connection closed); may trigger auto-delete. */
    public void removeConsumer(QueueConsumer c) {
        if (!consumers.remove(c)) {
            return;
        }
        if (exclusiveConsumer == c) {
            exclusiveConsumer = null;
        }
        if (consumers.size() == 0 && hadConsumer && definition.autoDelete() && !deleted) {
            onUnused.run();
        }
    }

    /** Entries that were handed out have been acked: forget them. */
    public void ack(Collection<QueueEntry> entries) {
        for (QueueEntry e : entries) {
            settle(e);
            forget(e);
        }
        stats.recordAcks(entries.size());
        stats.recordLengths(ready.size(), unacked);
    }

    public void ack(QueueEntry e) {
        settle(e);
        forget(e);
        stats.recordAcks(1);
    }

    /** Rejected without requeue. Dead-lettering hooks in here; for now the entry is dropped. */
    public void discard(QueueEntry e) {
        settle(e);
        forget(e);
    }

    /** Puts handed-out entries back at their original positions; they will be redelivered. */
    public void requeue(Collection<QueueEntry> entries) {
        for (QueueEntry e : entries) {
            settle(e);
            if (!deleted) {
                ready.requeue(e);
            }
        }
        stats.recordLengths(ready.size(), unacked);
        requestDrain();
    }

    private void settle(QueueEntry e) {
        unacked--;
        unackedBytes -= e.message().bodySize();
    }

    /** The message has left the queue for good: its record need not be recovered. */
    private void forget(QueueEntry e) {
        if (e.stored() != null && !deleted) {
            log.ack(e.stored());
        }
    }

    private void markDelivered(QueueEntry e) {
        if (e.stored() != null) {
            log.markDelivered(e.stored());
        }
    }

    /** Drops every ready message; returns how many. Unacked ones are untouched, as in RabbitMQ. */
    public int purge() {
        int n = ready.drain(this::forget);
        stats.recordLengths(0, unacked);
        return n;
    }

    /**
     * Deletes the queue: every consumer is told and removed, messages are dropped. Returns the
     * number of ready messages it held.
     */
    public int delete() {
        if (deleted) {
            return 0;
        }
        deleted = true;
        int n = ready.clear();
        if (log != null) {
            log.delete();
        }
        List<QueueConsumer> gone = consumers.snapshot();
        consumers.clear();
        exclusiveConsumer = null;
        for (QueueConsumer c : gone) {
            c.cancelledByQueue(this);
        }
        stats.recordLengths(0, 0);
        return n;
    }

    public int messageCount() { return ready.size(); }

    public long readyBytes() { return ready.bytes(); }

    public int unackedCount() { return unacked; }

    public long unackedBytes() { return unackedBytes; }

    public int consumerCount() { return consumers.size(); }

    public List<QueueConsumer> consumers() { return consumers.snapshot(); }

    @Override
    public String toString() {
        return "queue '" + definition.name() + "' in vhost '" + definition.vhost() + "'";
    }
}
