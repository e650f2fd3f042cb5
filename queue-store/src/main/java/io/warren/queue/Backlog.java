package io.warren.queue;

import io.netty.util.concurrent.EventExecutor;
import io.warren.queue.store.MessageCursor;
import io.warren.queue.store.QueueLog;
import io.warren.queue.store.SegmentPosition;
import io.warren.queue.store.StoreException;
import io.warren.queue.store.StoredMessage;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The ready messages of a storing queue that come after its in-memory head, oldest first. Every
 * one of them has a record in the queue's log, transient messages included, so that the log holds
 * them in queue order.
 *
 * <p>Two parts. The older, <em>paged</em> part is on disk only: the backlog keeps a count, a
 * byte total and the position of its first record, and reads it back with a
 * {@link MessageCursor} when the head runs dry. The newer, <em>unwritten</em> part is kept in
 * memory because a cursor cannot read records the store thread has not written yet; one
 * {@link QueueLog#flush()} at a time is outstanding, and when it completes the entries it covers
 * move to the paged part. Its size is what the store thread has yet to write, a commit round's
 * worth, not the backlog's.
 *
 * <p>Owner thread only, like the queue; the flush completion hops back to the owner.
 */
final class Backlog {
    private static final int READ_MESSAGES = 1024;
    private static final long READ_BYTES = 4L << 20;

    private final QueueLog log;
    private final EventExecutor owner;
    private final ArrayDeque<QueueEntry> unwritten = new ArrayDeque<>();
    private final Runnable releaseTask = this::releaseWritten;
    private long unwrittenBytes;
    private boolean flushPending;
    // How many entries at the front of unwritten the outstanding flush covers.
    private int flushCovers;
    private long pagedCount;
    private long pagedBytes;
    // Written and unwritten entries alike: paging a message does not change whether it is persistent.
    private final PersistentTally persistent = new PersistentTally();
    private SegmentPosition pagedFrom;
    private MessageCursor cursor;
    private boolean closed;

    Backlog(QueueLog log, EventExecutor owner) {
        this.log = log;
        this.owner = owner;
    }

    boolean isEmpty() {
        return pagedCount == 0 && unwritten.isEmpty();
    }

    long size() {
        return pagedCount + unwritten.size();
    }

    long bytes() {
        return pagedBytes + unwrittenBytes;
    }

    PersistentTally persistent() {
        return persistent;
    }

    /** Entries of the backlog held in memory: those whose records are not known to be written. */
    int inMemory() {
        return unwritten.size();
    }

    /** Takes a newly enqueued entry, whose record was just appended to the log. */
    void add(QueueEntry e) {
        unwritten.addLast(e);
        unwrittenBytes += e.message().bodySize();
        persistent.add(e.message());
        if (!flushPending) {
            requestFlush();
        }
    }

    /** Takes a message found by recovery after the head was full; its record is on disk. */
    void recovered(StoredMessage m) {
        page(m.position(), m.message().bodySize());
        persistent.add(m.message());
    }

    /**
     * Moves the oldest messages into {@code ready}: up to one read batch from disk, or, when
     * nothing is paged, the unwritten entries themselves. Call when {@code ready} is empty.
     *
     * @return how many moved
     */
    int refill(ReadyList ready, int maxMessages, long maxBytes) {
        if (pagedCount > 0) {
            return readPaged(ready, Math.min(maxMessages, READ_MESSAGES), Math.min(maxBytes, READ_BYTES));
        }
        int moved = 0;
        long bytes = 0;
        while (moved < maxMessages && bytes < maxBytes && !unwritten.isEmpty()) {
            QueueEntry e = unwritten.pollFirst();
            unwrittenBytes -= e.message().bodySize();
            persistent.remove(e.message());
            bytes += e.message().bodySize();
            ready.add(e);
            moved++;
        }
        flushCovers = Math.max(0, flushCovers - moved);
        return moved;
    }

    /** Acks every record of the backlog, reading the paged ones back to find them, and empties it. */
    void ackAll() {
        for (QueueEntry e : unwritten) {
            log.ack(e.stored());
        }
        if (pagedCount > 0) {
            MessageCursor reading = openCursor();
            for (long left = pagedCount; left > 0; ) {
                List<StoredMessage> batch = reading.next((int) Math.min(READ_MESSAGES, left), READ_BYTES);
                checkNotShort(batch);
                for (StoredMessage m : batch) {
                    log.ack(m.position());
                }
                left -= batch.size();
            }
        }
        clear();
    }

    /** Forgets the backlog without touching the log; for when the log was purged or deleted. */
    void clear() {
        unwritten.clear();
        unwrittenBytes = 0;
        flushCovers = 0;
        pagedCount = 0;
        pagedBytes = 0;
        persistent.clear();
        pagedFrom = null;
        closeCursor();
    }

    /** The queue is deleted: forget everything and ignore a flush still outstanding. */
    void close() {
        closed = true;
        clear();
    }

    private int readPaged(ReadyList ready, int maxMessages, long maxBytes) {
        List<StoredMessage> batch = openCursor().next((int) Math.min(maxMessages, pagedCount), maxBytes);
        checkNotShort(batch);
        for (StoredMessage m : batch) {
            QueueEntry e = new QueueEntry(m.message(), m.queueSequence(), m.position());
            if (m.redelivered()) {
                e.delivered();
            }
            ready.add(e);
            pagedBytes -= m.message().bodySize();
            persistent.remove(m.message());
        }
        pagedCount -= batch.size();
        if (pagedCount == 0) {
            // The next paged section starts wherever the next release puts it, not here.
            closeCursor();
        }
        return batch.size();
    }

    private void checkNotShort(List<StoredMessage> batch) {
        if (batch.isEmpty()) {
            // Paged records are written and never acked while paged: a short read is a broken log.
            throw new IllegalStateException(pagedCount + " paged messages of " + log.id()
                    + " cannot be read from " + pagedFrom);
        }
    }

    private void requestFlush() {
        flushPending = true;
        flushCovers = unwritten.size();
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
        for (int n = Math.min(flushCovers, unwritten.size()); n > 0; n--) {
            QueueEntry e = unwritten.pollFirst();
            unwrittenBytes -= e.message().bodySize();
            page(e.stored(), e.message().bodySize());
        }
        flushCovers = 0;
        if (!unwritten.isEmpty()) {
            try {
                requestFlush();
            } catch (StoreException e) {
                // The store was closed (shutdown) or failed, and the queue hears of either on its
                // next append; until then the rest simply stays in memory.
                flushPending = false;
            }
        }
    }

    private void page(SegmentPosition position, int bodySize) {
        if (pagedCount == 0) {
            pagedFrom = position;
        }
        pagedCount++;
        pagedBytes += bodySize;
    }

    private MessageCursor openCursor() {
        if (cursor == null) {
            cursor = log.cursor(pagedFrom);
        }
        return cursor;
    }

    private void closeCursor() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
