package io.warren.queue;

import io.netty.util.concurrent.EventExecutor;
import io.warren.queue.store.MessageCursor;
import io.warren.queue.store.QueueLog;
import io.warren.queue.store.SegmentPosition;
import io.warren.queue.store.StoreException;
import io.warren.queue.store.StoredMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The ready messages of a storing queue that come after its in-memory head, oldest first. Every
 * one of them has a record in the queue's log, transient messages included, so that they can be
 * read back in queue order.
 *
 * <p>The backlog is a sequence of <em>runs</em>. A run's records follow one another in the log
 * with nothing live between them, so a {@link MessageCursor} started at the run's first record
 * reads exactly the run. Runs need not be in log order: messages paged out of the head
 * ({@link #pageOut}) go before the backlog, though transient ones among them are only now
 * appended. Each run is an older part that is on disk only and a newer part still held in memory
 * because a cursor cannot read records the store thread has not written yet; one
 * {@link QueueLog#flush()} at a time is outstanding, and when it completes the entries it covers
 * are dropped from memory. What is held is a commit round's worth, not the backlog.
 *
 * <p>Owner thread only, like the queue; the flush completion hops back to the owner.
 */
final class Backlog {
    private static final int READ_MESSAGES = 1024;
    private static final long READ_BYTES = 4L << 20;
    /**
     * How much a queue hands the store before the store has written what it had: the rest waits
     * in memory, unappended, so that the store's batch of this log stays small however fast
     * messages come and however slow the disk is.
     */
    static final long APPEND_AHEAD = 4L << 20;
    /** The least a log with records to write costs: the store encodes them into buffers of at least this. */
    static final long STORE_BUFFER = 4 * 1024;

    /** A message not appended yet, and what runs once its record is durable (null: nothing). */
    private record Waiting(QueueEntry entry, Runnable onDurable, Runnable onFailed) {}

    /** A stretch of the backlog whose records are contiguous among the live records of the log. */
    private static final class Run {
        // The record of the run's first message.
        SegmentPosition from;
        long count;
        // The newest messages of the run, whose records may not be written yet.
        final ArrayDeque<QueueEntry> held = new ArrayDeque<>();
        // How many of held the outstanding flush covers.
        int covered;
        // Whether held messages were appended just now, so the store still holds a copy of each.
        final boolean appended;

        Run(SegmentPosition from, boolean appended) {
            this.from = from;
            this.appended = appended;
        }

        long onDisk() {
            return count - held.size();
        }
    }

    private final QueueLog log;
    private final EventExecutor owner;
    private final Runnable onRelease;
    private final ArrayDeque<Run> runs = new ArrayDeque<>();
    // The run new messages extend: its last record is the last one appended to the log.
    private Run open;
    private final Runnable releaseTask = this::releaseWritten;
    private boolean flushPending;
    private long count;
    private long bytes;
    private int heldCount;
    private long heldMemory;
    private long copyMemory;
    // The newest messages, after every run: not appended yet, because the store has enough of ours.
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    // Written and held entries alike: paging a message does not change whether it is persistent.
    private final PersistentTally persistent = new PersistentTally();
    private boolean closed;

    /** @param onRelease runs on the owner after held messages were dropped from memory */
    Backlog(QueueLog log, EventExecutor owner, Runnable onRelease) {
        this.log = log;
        this.owner = owner;
        this.onRelease = onRelease;
    }

    boolean isEmpty() {
        return count == 0;
    }

    long size() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    PersistentTally persistent() {
        return persistent;
    }

    /** Entries of the backlog held in memory: those whose records are not known to be written. */
    int inMemory() {
        return heldCount;
    }

    /**
     * Heap the backlog holds: its held messages, and the store's encoded copies of those it
     * appended and has not written yet.
     */
    long memory() {
        return heldMemory + (copyMemory == 0 ? 0 : Math.max(copyMemory, STORE_BUFFER));
    }

    /** Held heap that the outstanding or next flush gives back. */
    long releasing() {
        return heldMemory;
    }

    /**
     * Takes a newly enqueued message: appends its record, or keeps it waiting in memory while the
     * store has {@link #APPEND_AHEAD} of this log's records still to write.
     *
     * @param onDurable runs on the store thread once the record is durable; null for nothing
     * @param onFailed  runs instead if the store cannot write it; null to wait until it can
     */
    void add(Message message, long sequence, Runnable onDurable, Runnable onFailed) {
        QueueEntry e = new QueueEntry(message, sequence, null);
        if (!waiting.isEmpty() || copyMemory >= APPEND_AHEAD) {
            waiting.addLast(new Waiting(e, onDurable, onFailed));
            count++;
            bytes += message.bodySize();
            heldCount++;
            heldMemory += message.memorySize();
            persistent.add(message);
            return;
        }
        try {
            e.stored(log.append(message, sequence, onDurable, onFailed));
            append(e);
        } catch (RuntimeException | Error failure) {
            // The record may be in the log but in no run: later records must not be read as following it.
            open = null;
            throw failure;
        }
    }

    /** Puts an entry whose record was just appended at the end of the backlog. */
    private void append(QueueEntry e) {
        Run run = open;
        if (run == null || !follows(run.held.isEmpty() ? null : run.held.peekLast().stored(), e.stored())) {
            run = new Run(e.stored(), true);
            runs.addLast(run);
            open = run;
        }
        hold(run, e);
        if (!flushPending) {
            requestFlush();
        }
    }

    /** Takes a message found by recovery after the head was full; its record is on disk. */
    void recovered(StoredMessage m) {
        Run run = runs.peekLast();
        if (run == null || run.held.size() > 0 || run.appended) {
            run = new Run(m.position(), false);
            runs.addLast(run);
        }
        run.count++;
        count++;
        bytes += m.message().bodySize();
        persistent.add(m.message());
    }

    /**
     * Moves entries taken from the back of the head (in queue order) to the front of the
     * backlog. Those without a record are appended to the log now; they stay in memory until a
     * flush says their records are written. If an append fails, nothing has moved: every entry
     * is back in {@code ready}, in order, and the failure is rethrown.
     */
    void pageOut(List<QueueEntry> entries, ReadyList ready) {
        List<Run> made = new ArrayList<>();
        Run run = null;
        QueueEntry prev = null;
        int done = 0;
        try {
            for (QueueEntry e : entries) {
                boolean append = e.stored() == null;
                if (append) {
                    e.stored(log.append(e.message(), e.sequence(), null));
                    // Appends of this loop follow one another; nothing else is appended meanwhile.
                }
                if (run == null || run.appended != append
                        || (!append && !follows(prev.stored(), e.stored()))) {
                    run = new Run(e.stored(), append);
                    made.add(run);
                }
                run.held.add(e);
                prev = e;
                done++;
            }
        } catch (RuntimeException | Error failure) {
            for (QueueEntry e : entries) {
                ready.add(e);
            }
            // Appended records now belong to entries back in the head; later appends start a new run.
            open = null;
            throw failure;
        }
        open = null;
        for (int i = made.size() - 1; i >= 0; i--) {
            Run r = made.get(i);
            runs.addFirst(r);
            for (QueueEntry e : r.held) {
                count(r, e, 1);
            }
            r.count = r.held.size();
        }
        if (!flushPending && done > 0) {
            requestFlush();
        }
    }

    /**
     * Moves the oldest messages into {@code ready}: up to one read batch from disk, or the held
     * messages themselves where the oldest run has nothing on disk. Call when {@code ready} is
     * empty.
     *
     * @return how many moved
     */
    int refill(ReadyList ready, int maxMessages, long maxBytes) {
        Run run = runs.peekFirst();
        if (run == null) {
            return takeWaiting(ready, maxMessages, maxBytes);
        }
        int moved = run.onDisk() > 0
                ? readFromDisk(run, ready, (int) Math.min(Math.min(maxMessages, READ_MESSAGES), run.onDisk()), maxBytes)
                : takeHeld(run, ready, maxMessages, maxBytes);
        if (run.count == 0) {
            runs.pollFirst();
            if (open == run) {
                open = null;
            }
        }
        return moved;
    }

    private int takeHeld(Run run, ReadyList ready, int maxMessages, long maxBytes) {
        int moved = 0;
        long taken = 0;
        while (moved < maxMessages && taken < maxBytes && !run.held.isEmpty()) {
            QueueEntry e = run.held.pollFirst();
            count(run, e, -1);
            run.count--;
            taken += e.message().bodySize();
            ready.add(e);
            moved++;
        }
        run.covered = Math.max(0, run.covered - moved);
        if (!run.held.isEmpty()) {
            run.from = run.held.peekFirst().stored();
        }
        return moved;
    }

    /**
     * Moves waiting messages to the head: the backlog has nothing else left. One that must be
     * durable is appended now, as a message that goes straight to the head is.
     */
    private int takeWaiting(ReadyList ready, int maxMessages, long maxBytes) {
        int moved = 0;
        long taken = 0;
        while (moved < maxMessages && taken < maxBytes && !waiting.isEmpty()) {
            Waiting w = waiting.peekFirst();
            QueueEntry e = w.entry();
            if (w.onDurable() != null) {
                e.stored(log.append(e.message(), e.sequence(), w.onDurable(), w.onFailed()));
            }
            waiting.pollFirst();
            Message m = e.message();
            leaveWaiting(m);
            taken += m.bodySize();
            ready.add(e);
            moved++;
        }
        return moved;
    }

    /** Takes a message that leaves the waiting list (for the head or for a run) out of the counts. */
    private void leaveWaiting(Message m) {
        count--;
        bytes -= m.bodySize();
        heldCount--;
        heldMemory -= m.memorySize();
        persistent.remove(m);
    }

    /** Appends waiting messages while the store has less than {@link #APPEND_AHEAD} of ours to write. */
    private void appendWaiting() {
        while (!waiting.isEmpty() && copyMemory < APPEND_AHEAD) {
            Waiting w = waiting.peekFirst();
            QueueEntry e = w.entry();
            try {
                e.stored(log.append(e.message(), e.sequence(), w.onDurable(), w.onFailed()));
            } catch (RuntimeException | Error failure) {
                open = null;
                throw failure;
            }
            waiting.pollFirst();
            // It moves from waiting to a run: counted again as held there.
            leaveWaiting(e.message());
            append(e);
        }
    }

    /** Runs the callbacks of waiting messages that will never be appended (purged, deleted): nothing to wait for. */
    private void releaseWaiting() {
        for (Waiting w : waiting) {
            if (w.onDurable() != null) {
                w.onDurable().run();
            }
        }
        waiting.clear();
    }

    private int readFromDisk(Run run, ReadyList ready, int maxMessages, long maxBytes) {
        // A cursor holds a read window; one per queue kept open would add up over thousands of queues.
        try (MessageCursor cursor = log.cursor(run.from)) {
            List<StoredMessage> batch = cursor.next(maxMessages, Math.min(maxBytes, READ_BYTES));
            checkNotShort(batch, run);
            for (StoredMessage m : batch) {
                QueueEntry e = new QueueEntry(m.message(), m.queueSequence(), m.position());
                if (m.redelivered()) {
                    e.delivered();
                }
                ready.add(e);
                bytes -= m.message().bodySize();
                persistent.remove(m.message());
            }
            count -= batch.size();
            run.count -= batch.size();
            run.from = cursor.position();
            return batch.size();
        }
    }

    /** Acks every record of the backlog, reading the ones on disk back to find them, and empties it. */
    void ackAll() {
        for (Run run : runs) {
            for (QueueEntry e : run.held) {
                log.ack(e.stored());
            }
            if (run.onDisk() > 0) {
                try (MessageCursor reading = log.cursor(run.from)) {
                    for (long left = run.onDisk(); left > 0; ) {
                        List<StoredMessage> batch = reading.next((int) Math.min(READ_MESSAGES, left), 4L << 20);
                        checkNotShort(batch, run);
                        for (StoredMessage m : batch) {
                            log.ack(m.position());
                        }
                        left -= batch.size();
                    }
                }
            }
        }
        clear();
    }

    /** Forgets the backlog without touching the log; for when the log was purged or deleted. */
    void clear() {
        releaseWaiting();
        runs.clear();
        open = null;
        count = 0;
        bytes = 0;
        heldCount = 0;
        heldMemory = 0;
        copyMemory = 0;
        persistent.clear();
    }

    /** The queue is deleted: forget everything and ignore a flush still outstanding. */
    void close() {
        closed = true;
        clear();
    }

    private void hold(Run run, QueueEntry e) {
        run.held.addLast(e);
        run.count++;
        count(run, e, 1);
    }

    /** Counts {@code e}, held in {@code run}, in ({@code sign} 1) or out (-1). */
    private void count(Run run, QueueEntry e, int sign) {
        Message m = e.message();
        count += sign;
        bytes += sign * (long) m.bodySize();
        heldCount += sign;
        heldMemory += sign * m.memorySize();
        if (run.appended) {
            copyMemory += sign * m.memorySize();
        }
        if (sign > 0) {
            persistent.add(m);
        } else {
            persistent.remove(m);
        }
    }

    /** Whether {@code next} is the record right after {@code prev} in the log (true with no {@code prev}). */
    private static boolean follows(SegmentPosition prev, SegmentPosition next) {
        if (prev == null) {
            return true;
        }
        return next.segment() == prev.segment() ? next.ordinal() == prev.ordinal() + 1
                : next.segment() == prev.segment() + 1 && next.ordinal() == 0;
    }

    private void checkNotShort(List<StoredMessage> batch, Run run) {
        if (batch.isEmpty()) {
            // Records on disk are written and never acked while in the backlog: a short read is a broken log.
            throw new IllegalStateException(run.onDisk() + " paged messages of " + log.id()
                    + " cannot be read from " + run.from);
        }
    }

    private void requestFlush() {
        flushPending = true;
        for (Run run : runs) {
            run.covered = run.held.size();
        }
        log.flush().whenComplete((done, failure) -> {
            if (failure == null) {
                owner.execute(releaseTask);
            }
        });
    }

    private void releaseWritten() {
        flushPending = false;
        if (closed) {
            return;
        }
        for (Run run : runs) {
            for (int n = Math.min(run.covered, run.held.size()); n > 0; n--) {
                QueueEntry e = run.held.pollFirst();
                Message m = e.message();
                heldCount--;
                heldMemory -= m.memorySize();
                if (run.appended) {
                    copyMemory -= m.memorySize();
                }
            }
            run.covered = 0;
        }
        try {
            appendWaiting();
            if (!flushPending && heldCount > waiting.size()) {
                requestFlush();
            }
        } catch (StoreException e) {
            // The store was closed (shutdown) or failed, and the queue hears of either on its
            // next append; until then the rest simply stays in memory.
            flushPending = false;
        }
        onRelease.run();
    }
}
