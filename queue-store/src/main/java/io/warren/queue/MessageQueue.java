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
import java.util.function.Supplier;

/**
 * One queue: its ready messages, how many are out with consumers, and its push consumers.
 *
 * <p>Threading: a queue has one owner thread ({@link #owner()}), and every method except the
 * accessors of immutable state must be called on it; other threads hand work over with
 * {@code owner().execute(...)}. That is what makes the hot path free of locks. Deliveries happen
 * in passes: work that arrives together (a batch of publishes, a batch of acks) ends in one
 * {@link #requestDrain()}, which runs one pass after the current task, so a consumer gets its
 * deliveries and one {@link QueueConsumer#endOfBatch()} per pass rather than per message.
 *
 * <p>Memory: a queue with a log keeps only a head of its ready messages in memory, as bounded by
 * its {@link PagingSettings}, plus requeued ones; the rest of the backlog is read back from the
 * log when the head runs dry (see {@link Backlog}). While such a queue is paging, transient
 * messages are written to the log too, so that they keep their place; they are acked when they
 * leave the queue and dropped by {@link #recover()}. A queue without a log does not page yet:
 * its whole backlog is in memory.
 */
public final class MessageQueue {
    /** Outcome of {@link #addConsumer}. */
    public enum AddConsumerResult { ADDED, EXCLUSIVE_CONSUMER_PRESENT, CONSUMERS_PRESENT }

    private final QueueDefinition definition;
    private final EventExecutor owner;
    // The durable log given at construction, or a spill log opened once a transient queue's head
    // fills; null while there is neither.
    private QueueLog log;
    private final boolean storesPersistent;
    private final Supplier<QueueLog> spill;
    private final Runnable onUnused;
    private final PagingSettings paging;
    private final ReadyList ready = new ReadyList();
    // Null for a queue without a log, which keeps every ready message in memory.
    private Backlog backlog;
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
        this(definition, owner, onUnused, log, PagingSettings.defaults());
    }

    /**
     * @param paging how much of the ready backlog a queue with a log keeps in memory; ignored
     *               without a log
     */
    public MessageQueue(QueueDefinition definition, EventExecutor owner, Runnable onUnused, QueueLog log,
                        PagingSettings paging) {
        this(definition, owner, onUnused, log, null, paging);
    }

    /**
     * @param spill for a queue without a durable log: opens a log to page its backlog out to,
     *              called once, on the owner thread, when the in-memory head first fills (null:
     *              the whole backlog stays in memory). What a spill log holds is never recovered:
     *              it only keeps the heap bounded, and promises nothing.
     */
    public MessageQueue(QueueDefinition definition, EventExecutor owner, Runnable onUnused, QueueLog log,
                        Supplier<QueueLog> spill, PagingSettings paging) {
        this.definition = definition;
        this.owner = owner;
        this.onUnused = onUnused;
        this.log = log;
        this.storesPersistent = log != null;
        this.spill = log == null ? spill : null;
        this.paging = paging;
        this.backlog = log == null ? null : new Backlog(log, owner);
    }

    /** True when persistent messages enqueued here are written to disk to survive a restart. */
    public boolean stores() {
        return storesPersistent;
    }

    /**
     * Takes back what the log recovered, in order: a head of it into memory, the rest counted
     * and left on disk. Transient messages written while the queue was paging are acked and
     * dropped, as a restart drops them in RabbitMQ. Call once, on the owner thread, before the
     * queue is used; it reads the whole log once, holding one batch at a time.
     */
    public void recover() {
        if (log == null) {
            return;
        }
        try (MessageCursor cursor = log.cursor()) {
            for (List<StoredMessage> batch; !(batch = cursor.next(1024, 16L << 20)).isEmpty(); ) {
                for (StoredMessage sm : batch) {
                    nextSequence = Math.max(nextSequence, sm.queueSequence() + 1);
                    if (!sm.message().persistent()) {
                        log.ack(sm.position());
                    } else if (backlog.isEmpty() && !headFull()) {
                        QueueEntry e = new QueueEntry(sm.message(), sm.queueSequence(), sm.position());
                        if (sm.redelivered()) {
                            e.delivered();
                        }
                        ready.add(e);
                    } else {
                        backlog.recovered(sm);
                    }
                }
            }
        }
        stats.recordLengths(messageCount(), unacked);
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
     * {@code onDurable} runs at once, since there is nothing to wait for. A transient message is
     * written to the log too while the queue is paging, but only to keep its place: its
     * {@code onDurable} still runs at once.
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
        if (backlog == null && spill != null && headFull()) {
            startSpilling();
        }
        if (backlog != null && (!backlog.isEmpty() || headFull())) {
            enqueuePaged(message, seq, onDurable);
        } else {
            SegmentPosition stored = null;
            if (storesPersistent && message.persistent()) {
                stored = log.append(message, seq, onDurable);
            } else if (onDurable != null) {
                onDurable.run();
            }
            ready.add(new QueueEntry(message, seq, stored));
        }
        stats.recordPublish();
        requestDrain();
    }

    private void enqueuePaged(Message message, long seq, Runnable onDurable) {
        boolean persistent = message.persistent();
        SegmentPosition stored = log.append(message, seq, persistent ? onDurable : null);
        if (!persistent && onDurable != null) {
            // Logged only to keep its place in the queue, not for safety: nothing to wait for.
            onDurable.run();
        }
        backlog.add(new QueueEntry(message, seq, stored));
    }

    /** A transient queue outgrew its head: from now on its backlog pages out like a durable one's. */
    private void startSpilling() {
        log = spill.get();
        backlog = new Backlog(log, owner);
    }

    private boolean headFull() {
        return ready.size() >= paging.maxMessages() || ready.bytes() >= paging.maxBytes();
    }

    /** Refills the empty head from the backlog; returns false if there was nothing to take. */
    private boolean refill() {
        return backlog != null && !backlog.isEmpty()
                && backlog.refill(ready, paging.maxMessages(), paging.maxBytes()) > 0;
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
        while (!ready.isEmpty() || refill()) {
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
        stats.recordLengths(messageCount(), unacked);
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
        if (ready.isEmpty() && !refill()) {
            return null;
        }
        QueueEntry e = ready.poll();
        if (!autoAck) {
            unacked++;
            unackedBytes += e.message().bodySize();
            markDelivered(e);
        } else {
            forget(e);
        }
        stats.recordDelivery(e.redelivered());
        e.delivered();
        stats.recordLengths(messageCount(), unacked);
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
        stats.recordLengths(messageCount(), unacked);
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
        stats.recordLengths(messageCount(), unacked);
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

    /**
     * Drops every ready message, paged ones included; returns how many. Unacked ones are
     * untouched, as in RabbitMQ. With nothing unacked the log is purged whole; otherwise the
     * paged records are read back to be acked one by one, which takes time in proportion to them.
     */
    public int purge() {
        int n = messageCount();
        if (backlog == null || backlog.isEmpty()) {
            ready.drain(this::forget);
        } else if (unacked == 0) {
            // Every live record is a ready one: dropping the segments beats reading the backlog back.
            ready.clear();
            backlog.clear();
            log.purge();
        } else {
            ready.drain(this::forget);
            backlog.ackAll();
        }
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
        int n = messageCount();
        ready.clear();
        if (log != null) {
            backlog.close();
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

    /** Ready messages, those paged out to the log included. */
    public int messageCount() {
        return backlog == null ? ready.size() : (int) Math.min(Integer.MAX_VALUE, ready.size() + backlog.size());
    }

    /** Body bytes of the ready messages, those paged out to the log included. */
    public long readyBytes() {
        return backlog == null ? ready.bytes() : ready.bytes() + backlog.bytes();
    }

    /** Ready messages held in memory, requeued ones included; what paging bounds. */
    int inMemoryCount() {
        return backlog == null ? ready.size() : ready.size() + backlog.inMemory();
    }

    public int unackedCount() { return unacked; }

    public long unackedBytes() { return unackedBytes; }

    public int consumerCount() { return consumers.size(); }

    public List<QueueConsumer> consumers() { return consumers.snapshot(); }

    @Override
    public String toString() {
        return "queue '" + definition.name() + "' in vhost '" + definition.vhost() + "'";
    }
}
