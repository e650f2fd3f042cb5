package io.warren.queue;

import io.netty.util.concurrent.EventExecutor;
import io.warren.queue.store.MessageCursor;
import io.warren.queue.store.QueueLog;
import io.warren.queue.store.SegmentPosition;
import io.warren.queue.store.StoredMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * its whole backlog is in memory, and neither does a priority queue.
 *
 * <p>Lifecycle ({@link QueueSettings}): messages expire after the message TTL or their own
 * expiration, whichever is lower, and are removed within the timer's precision wherever they
 * are in memory, not only at the head; a length limit drops from the head or refuses publishes;
 * a message returned more often than the delivery limit allows is dead-lettered instead of
 * requeued; an unused queue with x-expires deletes itself. A message leaving for one of those
 * reasons, or rejected without requeue, goes to the {@link DeadLetterer} when the queue has a
 * dead-letter exchange, and the queue keeps it until the dead letter is taken.
 */
public final class MessageQueue {
    /** Outcome of {@link #addConsumer}. */
    public enum AddConsumerResult { ADDED, EXCLUSIVE_CONSUMER_PRESENT, CONSUMERS_PRESENT }

    private final QueueDefinition definition;
    private final EventExecutor owner;
    // When opening a spill log may be tried again after a failure (System.nanoTime); 0: no failure.
    private long spillRetryAt;
    // The durable log given at construction, or a spill log opened once a transient queue's head
    // fills; null while there is neither.
    private QueueLog log;
    private final boolean storesPersistent;
    private final Supplier<QueueLog> spill;
    private final Runnable onUnused;
    private final PagingSettings paging;
    // Whether this queue can page at all: it has a log or may open a spill log, and no priorities.
    private final boolean pages;
    private final MemoryBudget.Account memory;
    private final ReadyList ready;
    private final DeadLetterer deadLetterer;
    private volatile QueueSettings settings;
    // Ready entries that will expire, soonest first and in queue order among equal deadlines (messages
    // published within one millisecond share one), so that they are dead-lettered in the order they
    // were queued; entries that left the ready list are skipped lazily.
    private final PriorityQueue<QueueEntry> expiry = new PriorityQueue<>(
            Comparator.<QueueEntry>comparingLong(QueueEntry::deadline).thenComparingLong(QueueEntry::sequence));
    private ScheduledFuture<?> expiryTimer;
    private long expiryTimerAt = Long.MAX_VALUE;
    private final Runnable expiryTask = this::expireDue;
    private int deadLettering;
    private long deadLetteringBytes;
    private long deadLetteringMemory;
    // The highest sequence among entries being dead-lettered (-1 with none): their records are
    // live, so paging out, which needs runs of records with nothing live between them, stops above it.
    private long deadLetterFloor = -1;
    // Dead letters the dead-letter exchange could not route, kept and retried.
    private final ArrayDeque<Parked> parked = new ArrayDeque<>();
    private ScheduledFuture<?> retryTimer;
    private QueueConsumer activeConsumer;
    private long lastUsed = System.currentTimeMillis();
    private ScheduledFuture<?> expiresTimer;
    // Null for a queue without a log, which keeps every ready message in memory.
    private Backlog backlog;
    private final ConsumerRing consumers = new ConsumerRing();
    private final List<QueueConsumer> batchConsumers = new ArrayList<>();
    // Membership of batchConsumers, so marking a consumer costs a hash lookup, not a scan of the list.
    private final Set<QueueConsumer> inBatch = Collections.newSetFromMap(new IdentityHashMap<>());
    private final QueueStats stats = new QueueStats();
    private QueueConsumer exclusiveConsumer;
    private long nextSequence;
    // Entries from this sequence on were enqueued since the last delivery pass. They do not expire
    // before that pass has offered them to consumers: a TTL of 0 means "deliver now or never".
    private long freshFrom;
    private int unacked;
    private long unackedBytes;
    private long unackedMemory;
    private final PersistentTally unackedPersistent = new PersistentTally();
    private boolean drainScheduled;
    private boolean hadConsumer;
    private boolean deleted;
    private final Runnable drainTask = this::drain;

    private record Parked(QueueEntry entry, DeadLetterReason reason) {}

    private static final System.Logger LOG = System.getLogger(MessageQueue.class.getName());
    private static final long SPILL_RETRY_NANOS = 1_000_000_000L;
    /** How much a refill reads back from disk while the broker's memory is tight. */
    static final long TIGHT_REFILL_BYTES = 64 * 1024;

    /** How long an unroutable dead letter waits before the next try. */
    static final long DEAD_LETTER_RETRY_MS = 1000;
    /** Expired messages removed per task, so that a mass expiry does not hold the thread. */
    private static final int EXPIRE_BATCH = 10_000;

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
        this(definition, owner, onUnused, log, spill, paging, QueueSettings.NONE, null);
    }

    /**
     * @param settings     the lifecycle settings to start with (see {@link #applySettings})
     * @param deadLetterer publishes dead letters; null drops them
     * @param onUnused     also run, on the owner thread, when the queue's x-expires ran out
     */
    public MessageQueue(QueueDefinition definition, EventExecutor owner, Runnable onUnused, QueueLog log,
                        Supplier<QueueLog> spill, PagingSettings paging, QueueSettings settings,
                        DeadLetterer deadLetterer) {
        this.definition = definition;
        this.owner = owner;
        this.onUnused = onUnused;
        this.log = log;
        this.storesPersistent = log != null;
        this.settings = settings;
        this.deadLetterer = deadLetterer;
        this.ready = new ReadyList(settings.maxPriority());
        this.ready.onAdd(this::becameReady);
        // A priority queue keeps its ready messages in memory: a paged backlog in arrival order
        // could not let a later, higher-priority message overtake the ones on disk.
        boolean unordered = settings.maxPriority() == 0;
        this.spill = log == null && unordered ? spill : null;
        this.paging = paging;
        this.pages = unordered && (log != null || this.spill != null);
        this.backlog = log == null || !unordered ? null : new Backlog(log, owner, this::snapshotLengths);
        this.memory = paging.budget().open(this);
        scheduleExpires(settings.expires());
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
                    } else if (backlog == null || (backlog.isEmpty() && !headFull())) {
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
        snapshotLengths();
    }

    public QueueDefinition definition() { return definition; }

    public String name() { return definition.name(); }

    public EventExecutor owner() { return owner; }

    /** The budget this queue's messages in memory count against; any thread. */
    public MemoryBudget memoryBudget() { return paging.budget(); }

    /** Counters for statistics; readable from any thread. */
    public QueueStats stats() { return stats; }

    public boolean isDeleted() { return deleted; }

    /** The lifecycle settings in effect; readable from any thread. */
    public QueueSettings settings() { return settings; }

    /**
     * Changes the lifecycle settings, as a policy change does: new TTLs apply to the messages
     * already here, a lower length limit trims at once. Priorities and single active consumer
     * are fixed when the queue is declared and keep their values. Owner thread.
     */
    public void applySettings(QueueSettings next) {
        QueueSettings old = settings;
        settings = new QueueSettings(next.messageTtl(), next.expires(), next.maxLength(), next.maxLengthBytes(),
                next.overflow(), next.deadLetterExchange(), next.deadLetterRoutingKey(), next.deliveryLimit(),
                old.maxPriority(), old.singleActiveConsumer(), next.consumerTimeout());
        if (old.messageTtl() != next.messageTtl()) {
            reindexExpiry();
        }
        if (old.expires() != next.expires()) {
            scheduleExpires(next.expires());
        }
        requestDrain();
    }

    /**
     * The queue was used (declared again, basic.get): its x-expires period starts again.
     * Any thread.
     */
    public void touch() {
        lastUsed = System.currentTimeMillis();
        stats.recordUse(lastUsed);
    }

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
        enqueue(message, onDurable, null);
    }

    /**
     * Appends a message as {@link #enqueue(Message, Runnable)} does, unless the queue is full
     * and its overflow refuses publishes: then {@code onRejected} runs instead of
     * {@code onDurable} (which runs when {@code onRejected} is null), and with reject-publish-dlx
     * the message is dead-lettered.
     *
     * <p>A persistent message the log cannot write also gets {@code onRejected} (when not null)
     * instead of {@code onDurable}: refused at once while the log is known not to be writable, or
     * run on the store's thread when its write fails. The queue keeps a message whose write
     * failed (its record is written once the store can), so it may or may not be delivered, as
     * RabbitMQ's basic.nack allows. With a null {@code onRejected}, {@code onDurable} waits until
     * the store has written it.
     *
     * @return false when the message was refused
     */
    public boolean enqueue(Message message, Runnable onDurable, Runnable onRejected) {
        assert owner.inEventLoop();
        if (deleted) {
            if (onDurable != null) {
                onDurable.run();
            }
            return true;
        }
        QueueSettings s = settings;
        if (s.overflow() != Overflow.DROP_HEAD && willOverflow(s, message)) {
            Runnable refused = onRejected != null ? onRejected : onDurable;
            if (refused != null) {
                refused.run();
            }
            if (s.overflow() == Overflow.REJECT_PUBLISH_DLX && deadLetterer != null
                    && s.deadLetterExchange() != null) {
                // The publisher has been told (nack); this copy is a courtesy, not owed to anyone.
                deadLetterer.deadLetter(this, s, message, DeadLetterReason.MAXLEN, outcome -> { });
            }
            return false;
        }
        if (onRejected != null && storesPersistent && message.persistent() && !log.writable()) {
            // The store cannot write now: better a prompt nack than a message held in memory
            // that nobody was promised.
            onRejected.run();
            return false;
        }
        long seq = nextSequence++;
        if (backlog == null && spill != null && headFull()) {
            trySpilling();
        }
        if (backlog != null && (!backlog.isEmpty() || headFull())) {
            enqueuePaged(message, seq, onDurable, onRejected);
        } else {
            SegmentPosition stored = null;
            if (storesPersistent && message.persistent()) {
                stored = log.append(message, seq, onDurable, onRejected);
            } else if (onDurable != null) {
                onDurable.run();
            }
            ready.add(new QueueEntry(message, seq, stored));
        }
        stats.recordPublish();
        requestDrain();
        return true;
    }

    /** RabbitMQ's will_overflow: the queue would pass a limit with this message in it. */
    private boolean willOverflow(QueueSettings s, Message message) {
        return (s.maxLength() >= 0 && messageCount() + 1L > s.maxLength())
                || (s.maxLengthBytes() >= 0 && readyBytes() + message.bodySize() > s.maxLengthBytes());
    }

    private void enqueuePaged(Message message, long seq, Runnable onDurable, Runnable onRejected) {
        boolean persistent = message.persistent();
        // A transient record's write has nobody to tell if it fails: the entry stays in memory
        // (the backlog pages only what a flush proved written) and the store writes it later.
        backlog.add(message, seq, persistent ? onDurable : null, persistent ? onRejected : null);
        if (!persistent && onDurable != null) {
            // Logged only to keep its place in the queue, not for safety: nothing to wait for.
            onDurable.run();
        }
    }

    /** A transient queue outgrew its head: from now on its backlog pages out like a durable one's. */
    private void startSpilling() {
        log = spill.get();
        backlog = new Backlog(log, owner, this::snapshotLengths);
    }

    /**
     * Opens the spill log for a head that is full, unless opening it failed less than a second
     * ago. A spill log that cannot be opened (a full disk, no descriptors left) keeps the message
     * in memory, where the memory alarm bounds it: the publisher may already have its confirm.
     */
    private void trySpilling() {
        long now = System.nanoTime();
        if (spillRetryAt != 0 && now - spillRetryAt < 0) {
            return;
        }
        try {
            startSpilling();
            spillRetryAt = 0;
        } catch (RuntimeException e) {
            if (spillRetryAt == 0) {
                LOG.log(System.Logger.Level.ERROR, "cannot open a spill log for " + this
                        + "; its messages stay in memory until one can be opened", e);
            }
            spillRetryAt = now + SPILL_RETRY_NANOS;
        }
    }

    /** Full by the queue's own limits, or the broker's memory is tight: new messages go to disk. */
    private boolean headFull() {
        return ready.size() >= paging.maxMessages() || ready.bytes() >= paging.maxBytes()
                || (pages && paging.budget().tight() && !ready.isEmpty());
    }

    /** Refills the empty head from the backlog; returns false if there was nothing to take. */
    private boolean refill() {
        // With memory tight, thousands of queues reading back a full batch each would undo the paging.
        long maxBytes = paging.budget().tight() ? TIGHT_REFILL_BYTES : paging.maxBytes();
        return backlog != null && !backlog.isEmpty()
                && backlog.refill(ready, paging.maxMessages(), maxBytes) > 0;
    }

    /**
     * Pages out ready messages from the back of the in-memory head, newest first, until about
     * {@code bytes} of heap (as {@link Message#memorySize()} counts it) has moved to the
     * backlog: transient messages are appended to the log (a spill log is opened if the queue
     * has none), messages already stored keep their records. They leave memory once the store
     * has written them. Requeued messages stay in memory, and so does everything in a queue that
     * cannot page (a priority queue, or no storage). The broker's {@link MemoryBudget} asks for
     * this. Owner thread.
     *
     * @return the heap moved out, in bytes
     */
    public long pageOut(long bytes) {
        if (deleted || !pages || ready.isEmpty()) {
            return 0;
        }
        try {
            if (backlog == null) {
                startSpilling();
            }
            // At most what the store takes from a log at a time: the budget asks again if more is needed.
            List<QueueEntry> tail = ready.takeNewest(Math.min(bytes, Backlog.APPEND_AHEAD), deadLetterFloor);
            if (tail.isEmpty()) {
                return 0;
            }
            Collections.reverse(tail);
            backlog.pageOut(tail, ready);
            long moved = 0;
            for (QueueEntry e : tail) {
                moved += e.message().memorySize();
            }
            // The expiry index would keep paged entries reachable; they come back as new entries.
            expiry.removeIf(e -> {
                boolean gone = e.state() != QueueEntry.State.READY;
                if (gone) {
                    e.indexed(false);
                }
                return gone;
            });
            return moved;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot page out messages of " + this + "; they stay in memory", e);
            return 0;
        } finally {
            snapshotLengths();
        }
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
        QueueEntry next;
        // Without consumers nothing is read back from the backlog: a queue that paged out stays paged.
        while (consumers.size() > 0 && (next = peekLive()) != null) {
            QueueConsumer c = nextConsumer();
            if (c == null) {
                break;
            }
            ready.poll();
            handOut(c, next);
        }
        trimToLimits();
        freshFrom = nextSequence;
        if (!expiry.isEmpty()) {
            scheduleExpiry(expiry.peek().deadline());
        }
        for (int i = 0; i < batchConsumers.size(); i++) {
            batchConsumers.get(i).endOfBatch();
        }
        batchConsumers.clear();
        inBatch.clear();
        snapshotLengths();
    }

    /**
     * The next ready entry that has not expired, refilling from the backlog as needed; expired
     * ones met on the way are removed.
     */
    private QueueEntry peekLive() {
        long now = 0;
        while (true) {
            QueueEntry e = ready.peek();
            if (e == null) {
                if (!refill()) {
                    return null;
                }
                continue;
            }
            if (e.deadline() == Long.MAX_VALUE) {
                return e;
            }
            if (now == 0) {
                now = System.currentTimeMillis();
            }
            if (e.deadline() > now || e.sequence() >= freshFrom) {
                return e;
            }
            ready.poll();
            deadLetter(e, DeadLetterReason.EXPIRED);
        }
    }

    private QueueConsumer nextConsumer() {
        if (!settings.singleActiveConsumer()) {
            return consumers.nextWithCredit();
        }
        return activeConsumer != null && activeConsumer.tryAcquireCredit() ? activeConsumer : null;
    }

    /** Drops from the head (reason maxlen) while the queue is over a limit, as drop-head does. */
    private void trimToLimits() {
        QueueSettings s = settings;
        if (s.overflow() != Overflow.DROP_HEAD || (s.maxLength() < 0 && s.maxLengthBytes() < 0)) {
            return;
        }
        while ((s.maxLength() >= 0 && messageCount() > s.maxLength())
                || (s.maxLengthBytes() >= 0 && readyBytes() > s.maxLengthBytes())) {
            if (ready.isEmpty() && !refill()) {
                return;
            }
            deadLetter(ready.poll(), DeadLetterReason.MAXLEN);
        }
    }

    private void handOut(QueueConsumer c, QueueEntry e) {
        boolean redelivered = e.redelivered();
        e.delivered();
        e.state(QueueEntry.State.OUT);
        if (!c.autoAck()) {
            owe(e);
            markDelivered(e);
        } else {
            forget(e);
        }
        stats.recordDelivery(false, c.autoAck(), redelivered);
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
        touch();
        if (peekLive() == null) {
            stats.recordGetEmpty();
            snapshotLengths();
            return null;
        }
        QueueEntry e = ready.poll();
        e.state(QueueEntry.State.OUT);
        if (!autoAck) {
            owe(e);
            markDelivered(e);
        } else {
            forget(e);
        }
        stats.recordDelivery(true, autoAck, e.redelivered());
        e.delivered();
        snapshotLengths();
        return e;
    }

    /**
     * Up to {@code max} ready messages from the head, in delivery order, left where they are and
     * unmarked: not delivered, not redelivered, no expiry clock touched (the management UI's
     * peek, which RabbitMQ cannot do). Only the in-memory head is looked at; a queue that pages
     * keeps at least thousands of messages there. Owner thread.
     */
    public List<PeekedMessage> peek(int max) {
        List<PeekedMessage> out = new ArrayList<>();
        for (QueueEntry e : ready.firstInOrder(max)) {
            out.add(new PeekedMessage(e.message(), e.redelivered()));
        }
        return out;
    }

    /**
     * Takes up to {@code max} ready messages from the head to move them elsewhere (redrive): they
     * count as unacked, not as delivered, until {@link #ack}ed once their new home has them or
     * {@link #requeue}d to their places. Owner thread.
     */
    public List<QueueEntry> takeForMove(int max) {
        List<QueueEntry> taken = new ArrayList<>(Math.min(max, 1024));
        while (taken.size() < max && peekLive() != null) {
            QueueEntry e = ready.poll();
            e.state(QueueEntry.State.OUT);
            owe(e);
            taken.add(e);
        }
        snapshotLengths();
        return taken;
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
        if (settings.singleActiveConsumer() && activeConsumer == null) {
            activeConsumer = c;
        }
        hadConsumer = true;
        stats.recordConsumers(consumers.size());
        touch();
        requestDrain();
        return AddConsumerResult.ADDED;
    }

    /** Removes a consumer (cancel, channel or connection closed); may trigger auto-delete. */
    public void removeConsumer(QueueConsumer c) {
        if (!consumers.remove(c)) {
            return;
        }
        stats.recordConsumers(consumers.size());
        if (exclusiveConsumer == c) {
            exclusiveConsumer = null;
        }
        if (activeConsumer == c) {
            // The next in line takes over: the highest priority, then the longest waiting.
            List<QueueConsumer> rest = consumers.snapshot();
            activeConsumer = rest.isEmpty() ? null : rest.get(0);
            requestDrain();
        }
        touch();
        if (consumers.size() == 0 && hadConsumer && definition.autoDelete() && !deleted) {
            onUnused.run();
        }
    }

    /** With single active consumer: the consumer that receives messages now, else null. */
    public QueueConsumer activeConsumer() {
        return activeConsumer;
    }

    /** Entries that were handed out have been acked: forget them. */
    public void ack(Collection<QueueEntry> entries) {
        for (QueueEntry e : entries) {
            settle(e);
            e.state(QueueEntry.State.GONE);
            forget(e);
        }
        stats.recordAcks(entries.size());
        snapshotLengths();
    }

    public void ack(QueueEntry e) {
        settle(e);
        e.state(QueueEntry.State.GONE);
        forget(e);
        stats.recordAcks(1);
        snapshotLengths();
    }

    /** Rejected without requeue: dead-lettered (reason rejected) or dropped. */
    public void discard(QueueEntry e) {
        discardOne(e);
        snapshotLengths();
    }

    /** Rejected or nacked without requeue, in one go: each dead-lettered (reason rejected) or dropped. */
    public void discard(Collection<QueueEntry> entries) {
        for (QueueEntry e : entries) {
            discardOne(e);
        }
        snapshotLengths();
    }

    private void discardOne(QueueEntry e) {
        settle(e);
        if (!deleted) {
            deadLetter(e, DeadLetterReason.REJECTED);
        }
    }

    /**
     * Puts handed-out entries back at their original positions; they will be redelivered. One
     * returned more often than the delivery limit allows is dead-lettered (reason
     * delivery_limit) instead.
     */
    public void requeue(Collection<QueueEntry> entries) {
        long limit = settings.deliveryLimit();
        for (QueueEntry e : entries) {
            settle(e);
            if (deleted) {
                continue;
            }
            if (limit >= 0 && e.deliveryCount() > limit) {
                deadLetter(e, DeadLetterReason.DELIVERY_LIMIT);
            } else {
                ready.requeue(e);
            }
        }
        snapshotLengths();
        requestDrain();
    }

    /** An entry handed out that must still be acked, requeued or discarded. */
    private void owe(QueueEntry e) {
        unacked++;
        unackedBytes += e.message().bodySize();
        unackedMemory += e.message().memorySize();
        unackedPersistent.add(e.message());
    }

    /** An owed entry was acked, requeued or discarded. */
    private void settle(QueueEntry e) {
        unacked--;
        unackedBytes -= e.message().bodySize();
        unackedMemory -= e.message().memorySize();
        unackedPersistent.remove(e.message());
    }

    // ---- dead-lettering ----

    /**
     * The entry (out of the ready list and not owed to a consumer any more) leaves the queue as a
     * dead letter: published through the dead-letter exchange and forgotten once taken, or
     * simply forgotten when the queue has no dead-letter exchange.
     */
    private void deadLetter(QueueEntry e, DeadLetterReason reason) {
        QueueSettings s = settings;
        boolean toExchange = deadLetterer != null && s.deadLetterExchange() != null;
        stats.recordDeadLettered(reason, toExchange);
        if (!toExchange) {
            e.state(QueueEntry.State.GONE);
            forget(e);
            return;
        }
        e.state(QueueEntry.State.DEAD_LETTERING);
        deadLettering++;
        deadLetteringBytes += e.message().bodySize();
        deadLetteringMemory += e.message().memorySize();
        deadLetterFloor = Math.max(deadLetterFloor, e.sequence());
        publishDeadLetter(e, reason, s);
    }

    private void publishDeadLetter(QueueEntry e, DeadLetterReason reason, QueueSettings s) {
        deadLetterer.deadLetter(this, s, e.message(), reason,
                outcome -> owner.execute(() -> deadLettered(e, reason, outcome)));
    }

    private void deadLettered(QueueEntry e, DeadLetterReason reason, DeadLetterer.Outcome outcome) {
        if (deleted || e.state() != QueueEntry.State.DEAD_LETTERING) {
            return;
        }
        if (outcome == DeadLetterer.Outcome.UNROUTABLE) {
            parked.add(new Parked(e, reason));
            if (retryTimer == null) {
                retryTimer = owner.schedule(this::retryParked, DEAD_LETTER_RETRY_MS, TimeUnit.MILLISECONDS);
            }
            return;
        }
        deadLettering--;
        deadLetteringBytes -= e.message().bodySize();
        deadLetteringMemory -= e.message().memorySize();
        if (deadLettering == 0) {
            deadLetterFloor = -1;
        }
        e.state(QueueEntry.State.GONE);
        forget(e);
        // Not a length, but the heap the dead letter held: the memory budget must see it go.
        snapshotLengths();
    }

    /** Tries the unroutable dead letters again; the queue may have lost its dead-letter exchange since. */
    private void retryParked() {
        retryTimer = null;
        if (deleted) {
            return;
        }
        QueueSettings s = settings;
        for (int n = parked.size(); n > 0; n--) {
            Parked p = parked.poll();
            if (s.deadLetterExchange() == null) {
                deadLettered(p.entry(), p.reason(), DeadLetterer.Outcome.DROPPED);
            } else {
                publishDeadLetter(p.entry(), p.reason(), s);
            }
        }
    }

    /** Dead letters on their way out, unroutable ones included: the queue still holds them. */
    public int deadLetteringCount() {
        return deadLettering;
    }

    public long deadLetteringBytes() {
        return deadLetteringBytes;
    }

    // ---- expiry ----

    /** Every entry entering the ready list: works out when it expires and indexes it if it will. */
    private void becameReady(QueueEntry e) {
        long d = deadlineOf(e.message());
        e.deadline(d);
        if (d != Long.MAX_VALUE) {
            if (!e.indexed()) {
                e.indexed(true);
                expiry.add(e);
            }
            scheduleExpiry(d);
        }
    }

    /** The lower of the message TTL and the message's own expiration, from its arrival. */
    private long deadlineOf(Message m) {
        long ttl = settings.messageTtl();
        long exp = m.expiration();
        if (ttl < 0 && exp < 0) {
            return Long.MAX_VALUE;
        }
        long lifetime = ttl < 0 ? exp : exp < 0 ? ttl : Math.min(ttl, exp);
        return m.arrivedAt() + lifetime;
    }

    /** The message TTL changed: every ready entry gets its new deadline. */
    private void reindexExpiry() {
        for (QueueEntry e : expiry) {
            e.indexed(false);
        }
        expiry.clear();
        ready.forEach(this::becameReady);
    }

    private void scheduleExpiry(long deadline) {
        if (deadline >= expiryTimerAt || deleted) {
            return;
        }
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        expiryTimerAt = deadline;
        long delay = Math.max(0, deadline - System.currentTimeMillis());
        expiryTimer = owner.schedule(expiryTask, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Removes the ready entries whose time is up, wherever they are, then sets the timer for the
     * next. Paged messages have no entries in memory: those reach the head by refills, as
     * the ones before them expire.
     */
    private void expireDue() {
        expiryTimer = null;
        expiryTimerAt = Long.MAX_VALUE;
        if (deleted) {
            return;
        }
        long now = System.currentTimeMillis();
        int removed = 0;
        QueueEntry e;
        while ((e = expiry.peek()) != null && removed < EXPIRE_BATCH) {
            if (e.state() != QueueEntry.State.READY) {
                expiry.poll();
                e.indexed(false);
                continue;
            }
            if (e.deadline() > now) {
                break;
            }
            if (e.sequence() >= freshFrom) {
                // Not yet offered to consumers; the pending delivery pass sets the timer again.
                e = null;
                break;
            }
            expiry.poll();
            e.indexed(false);
            ready.remove(e);
            deadLetter(e, DeadLetterReason.EXPIRED);
            removed++;
            if (expiry.isEmpty() && ready.isEmpty()) {
                refill();
            }
        }
        if (removed >= EXPIRE_BATCH) {
            scheduleExpiry(now);
        } else if (e != null) {
            scheduleExpiry(e.deadline());
        }
        if (removed > 0) {
            snapshotLengths();
        }
    }

    // ---- x-expires ----

    private void scheduleExpires(long expires) {
        if (expiresTimer != null) {
            expiresTimer.cancel(false);
            expiresTimer = null;
        }
        if (expires > 0 && !deleted) {
            expiresTimer = owner.schedule(this::checkExpires, expires, TimeUnit.MILLISECONDS);
        }
    }

    /** Deletes the queue once it has gone unused (no consumers, no get, no redeclare) for x-expires. */
    private void checkExpires() {
        expiresTimer = null;
        long expires = settings.expires();
        if (deleted || expires <= 0) {
            return;
        }
        long idle = System.currentTimeMillis() - lastUsed;
        if (consumers.size() == 0 && idle >= expires) {
            onUnused.run();
            return;
        }
        long wait = consumers.size() > 0 ? expires : expires - idle;
        expiresTimer = owner.schedule(this::checkExpires, wait, TimeUnit.MILLISECONDS);
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
        touch();
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
        snapshotLengths();
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
        memory.close();
        int n = messageCount();
        ready.clear();
        expiry.clear();
        parked.clear();
        for (ScheduledFuture<?> timer : new ScheduledFuture<?>[] {expiryTimer, retryTimer, expiresTimer}) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        if (log != null) {
            if (backlog != null) {
                backlog.close();
            }
            log.delete();
        }
        List<QueueConsumer> gone = consumers.snapshot();
        consumers.clear();
        stats.recordConsumers(0);
        exclusiveConsumer = null;
        activeConsumer = null;
        for (QueueConsumer c : gone) {
            c.cancelledByQueue(this);
        }
        snapshotLengths();
        return n;
    }

    /**
     * Publishes the lengths for readers on other threads (the management API, metrics) and the
     * heap held to the memory budget. Every public method that changes what the queue holds ends
     * with it, or with a delivery pass (which ends with it): nothing else refreshes the figures,
     * so a path that skips it leaves them stale until the queue next changes.
     */
    private void snapshotLengths() {
        long persistent = 0;
        long persistentBytes = 0;
        // As in RabbitMQ, only a durable queue keeps messages persistent.
        if (definition.durable()) {
            persistent = ready.persistent().count() + unackedPersistent.count();
            persistentBytes = ready.persistent().bytes() + unackedPersistent.bytes();
            if (backlog != null) {
                persistent += backlog.persistent().count();
                persistentBytes += backlog.persistent().bytes();
            }
        }
        stats.recordLengths(messageCount(), unacked, readyBytes(), unackedBytes,
                backlog == null ? 0 : backlog.size() - backlog.inMemory(), persistent, persistentBytes);
        if (deleted) {
            return;
        }
        long held = ready.memory() + unackedMemory + deadLetteringMemory;
        memory.update(backlog == null ? held : held + backlog.memory(), pages ? ready.memory() : 0,
                backlog == null ? 0 : backlog.releasing());
    }

    /** Heap this queue's messages hold, as the memory budget counts it (see {@link Message#memorySize()}). */
    public long memoryBytes() {
        return ready.memory() + unackedMemory + deadLetteringMemory + (backlog == null ? 0 : backlog.memory());
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
