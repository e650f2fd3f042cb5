package io.warren.queue.store;

import io.warren.queue.Message;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * The append-only log of one durable queue's persistent messages, in segment files.
 *
 * <p>Promises: a message passed to {@link #append} is on disk, as {@link FsyncPolicy} defines,
 * before its {@code onDurable} callback runs; callbacks run once each, in append order, on the
 * store thread (hop to your own thread from there). {@link #ack}ed messages are not recovered,
 * and a segment file is deleted once every message in it is acked. Recovery, done when the log is
 * opened, brings back every unacked message whose record is intact, byte for byte.
 *
 * <p>Threads: every method is called by the queue's owner thread, one thread at a time, and
 * returns without doing I/O (except {@link #cursor} reads); the store thread does the writes and
 * fsyncs in batches.
 *
 * <p>Failures: if the store cannot write (no space, I/O error), nothing it wrote in part stays in
 * the files, and the positions handed out stay valid: the store keeps what it could not write and
 * writes it again later, at the same offsets (every second, and with each later round of this
 * log), until it succeeds. Meanwhile {@link #writable()} is false, each append's
 * {@code onFailed} runs (instead of its {@code onDurable}) for every attempt that fails, and
 * callbacks without one, like {@link #flush()}, wait for the write that succeeds. The fault is
 * reported to the store's {@link StorageHealth} and cleared when writes succeed again.
 */
public final class QueueLog {
    // Set by delete(), read by a store opening a new log of the same queue name.
    private volatile CompletableFuture<Void> deletion;
    private final MessageStore store;
    private final QueueId id;
    private final Path dir;
    private final int segmentSize;
    private final RecoveryReport recovery;
    private final SegmentWriter writer;
    private final CRC32C crc = new CRC32C();

    // Owner-thread state.
    private final TreeMap<Integer, SegmentState> segments;
    private SegmentState writeState;
    private int writeOffset = RecordFormat.SEGMENT_HEADER;
    private long messageCount;
    private long byteCount;

    // Handed between owner and store thread under the lock.
    private final Object lock = new Object();
    // Both allocated on first use: most durable queues are idle most of the time.
    private PendingBatch pending;
    private PendingBatch spare;
    private boolean scheduled;
    private boolean closed;

    private volatile long writtenUpTo;
    // Set by the store thread while this log's writes fail, read by the owner.
    private volatile boolean faulted;

    // Store-thread state: what a failed round could not write, kept to be written again.
    PendingBatch retained;
    boolean inRound;
    long retryAt;
    long lastActive = System.nanoTime();

    QueueLog(MessageStore store, QueueId id, Path dir, StoreSettings settings, LogRecovery recovered,
             SegmentWriter.Opener opener) {
        this.store = store;
        this.id = id;
        this.dir = dir;
        this.segmentSize = settings.segmentSize();
        this.recovery = recovered.report();
        this.segments = recovered.segments;
        this.writer = new SegmentWriter(dir, opener, settings.fsyncPolicy(), recovered.manifest);
        this.messageCount = recovery.messages();
        this.byteCount = recovery.bytes();
        startSegment(recovered.nextSegment());
        this.writtenUpTo = ((long) writeState.id << 32) | RecordFormat.SEGMENT_HEADER;
    }

    public QueueId id() {
        return id;
    }

    /** What opening this log found on disk. */
    public RecoveryReport recovery() {
        return recovery;
    }

    /** Messages stored and not acked. */
    public long messageCount() {
        return messageCount;
    }

    /** Disk bytes of the messages stored and not acked. */
    public long byteCount() {
        return byteCount;
    }

    /**
     * Whether the store can write this log now: false from a failed write until one succeeds, and
     * for good once the store's thread has stopped. Appends are still taken meanwhile (and
     * written once the store can); a queue that can refuse a message should refuse it instead.
     */
    public boolean writable() {
        return !faulted && store.running();
    }

    /** {@link #append(Message, long, Runnable, Runnable)} whose callback waits for a write that succeeds. */
    public SegmentPosition append(Message message, long queueSequence, Runnable onDurable) {
        return append(message, queueSequence, onDurable, null);
    }

    /**
     * Stores a message. Encodes it into the pending batch and returns; the store thread writes it.
     *
     * @param queueSequence  the queue's own number for the message, given back on reading
     * @param onDurable      run on the store thread once the message is durable; may be null
     * @param onFailed       run on the store thread instead of {@code onDurable} if the first
     *                       attempt to write the message fails: it may or may not reach the disk
     *                       later. Null: {@code onDurable} waits until a write succeeds.
     * @return where the message is stored
     * @throws StoreException if the log is closed or the store's thread has stopped
     */
    public SegmentPosition append(Message message, long queueSequence, Runnable onDurable, Runnable onFailed) {
        checkUsable();
        int length = RecordFormat.recordLength(message);
        if (writeOffset > RecordFormat.SEGMENT_HEADER && (long) writeOffset + length > segmentSize) {
            startSegment(writeState.id + 1);
        }
        SegmentPosition position = new SegmentPosition(writeState.id, writeState.records(), writeOffset, length);
        boolean signal;
        synchronized (lock) {
            checkOpen();
            PendingBatch batch = pending();
            // Encoded first: if that fails (no heap for the batch), nothing says the record exists,
            // so no later record is placed after a gap in the file; once it is in the batch, the
            // state says so before anything else can fail.
            batch.append(position.segment(), message, queueSequence, length, crc, store.pool());
            writeState.appended(length);
            writeOffset += length;
            writeState.readableEnd(writeOffset);
            messageCount++;
            byteCount += length;
            if (onDurable != null) {
                batch.afterDurable(onDurable, onFailed);
            }
            signal = schedule();
        }
        signalIf(signal);
        return position;
    }

    /**
     * Records that the message is gone for good: it will not be recovered. Acking an unknown or
     * already acked position does nothing.
     */
    public void ack(SegmentPosition position) {
        checkUsable();
        SegmentState state = segments.get(position.segment());
        if (state == null || !state.ack(position.ordinal(), position.length())) {
            return;
        }
        messageCount--;
        byteCount -= position.length();
        boolean signal;
        synchronized (lock) {
            checkOpen();
            pending().mark(position.segment(), position.offset());
            if (state.live() == 0 && state.sealed()) {
                segments.remove(state.id);
                pending().deleteSegment(state.id);
            }
            signal = schedule();
        }
        signalIf(signal);
    }

    /**
     * Records that the message was handed to a consumer, so that after a clean restart it comes
     * back with redelivered=true and messages never delivered come back with false.
     */
    public void markDelivered(SegmentPosition position) {
        checkUsable();
        SegmentState state = segments.get(position.segment());
        if (state == null || !state.markDelivered(position.ordinal())) {
            return;
        }
        boolean signal;
        synchronized (lock) {
            checkOpen();
            pending().mark(position.segment(), position.offset() | AckFile.DELIVERED);
            signal = schedule();
        }
        signalIf(signal);
    }

    /**
     * Completes once everything asked of this log so far (appends, acks, delivery marks) is
     * written and, under {@link FsyncPolicy#PER_BATCH}, synced. While writes fail it waits for
     * the one that succeeds.
     */
    public CompletableFuture<Void> flush() {
        checkUsable();
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean signal;
        synchronized (lock) {
            checkOpen();
            pending().afterDurable(() -> done.complete(null));
            signal = schedule();
        }
        signalIf(signal);
        return done;
    }

    /** A cursor over the live messages from the oldest one on. */
    public MessageCursor cursor() {
        int first = segments.isEmpty() ? writeState.id : segments.firstKey();
        return new MessageCursor(this, first, 0, RecordFormat.SEGMENT_HEADER);
    }

    /** A cursor over the live messages from {@code from} (inclusive) on. */
    public MessageCursor cursor(SegmentPosition from) {
        return new MessageCursor(this, from.segment(), from.ordinal(), from.offset());
    }

    /**
     * Discards every message stored so far, delivered or not, and deletes their segment files.
     * When a queue purges only its ready messages while some are unacked, it acks the ready ones
     * instead.
     *
     * @return completes on the store thread once the files are gone
     */
    public CompletableFuture<Void> purge() {
        checkUsable();
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean signal;
        synchronized (lock) {
            checkOpen();
            for (int segment : segments.keySet()) {
                pending().deleteSegment(segment);
            }
            segments.clear();
            messageCount = 0;
            byteCount = 0;
            pending().afterDurable(() -> done.complete(null));
            signal = schedule();
        }
        startSegment(writeState.id + 1);
        signalIf(signal);
        return done;
    }

    /**
     * Deletes the log and its directory; the log cannot be used afterwards. Callbacks of earlier
     * appends still run. Unlike the other methods, may be called from any thread.
     *
     * @return completes on the store thread once the directory is gone
     */
    public CompletableFuture<Void> delete() {
        checkUsable();
        CompletableFuture<Void> done = new CompletableFuture<>();
        deletion = done;
        boolean signal;
        synchronized (lock) {
            checkOpen();
            closed = true;
            pending().deleteLog();
            pending().afterDurable(() -> done.complete(null));
            signal = schedule();
        }
        signalIf(signal);
        return done;
    }

    /** Completes once this deleted log's files are gone; null unless {@link #delete} was called. */
    CompletableFuture<Void> deletion() {
        return deletion;
    }

    SegmentState segmentState(int segment) {
        return segments.get(segment);
    }

    Map.Entry<Integer, SegmentState> segmentAfter(int segment) {
        return segments.higherEntry(segment);
    }

    /** How far the store has written {@code segment}: readers must not go past it. */
    long writtenEnd(int segment) {
        long written = writtenUpTo;
        int writtenSegment = (int) (written >>> 32);
        if (segment < writtenSegment) {
            return Long.MAX_VALUE;
        }
        return segment == writtenSegment ? (int) written : RecordFormat.SEGMENT_HEADER;
    }

    Path segmentFile(int segment) {
        return QueueDirectory.segment(dir, segment);
    }

    Path directory() {
        return dir;
    }

    // Store-thread side.

    SegmentWriter writer() {
        return writer;
    }

    /**
     * Takes what the owner asked for since the last round, appended to what an earlier round
     * could not write; null if there is neither.
     */
    PendingBatch collect() {
        PendingBatch taken = null;
        lastActive = System.nanoTime();
        synchronized (lock) {
            if (scheduled) {
                taken = pending;
                pending = spare;
                spare = null;
                scheduled = false;
            }
        }
        if (retained == null) {
            // Kept here until written, whatever happens to the round that writes it.
            retained = taken;
            return taken;
        }
        if (taken != null) {
            retained.absorb(taken, store.pool());
            recycle(taken);
        }
        return retained;
    }

    void recycle(PendingBatch batch) {
        batch.clear(store.pool());
        synchronized (lock) {
            if (pending == null) {
                pending = batch;
            } else if (spare == null) {
                spare = batch;
            }
        }
    }

    /** The store thread found this log idle: its empty batches give their arrays back. */
    void releaseIdleBuffers() {
        synchronized (lock) {
            if (pending != null) {
                pending.release(store.pool());
            }
            if (spare != null) {
                spare.release(store.pool());
            }
        }
    }

    /** Bytes of batch arrays this log holds; for tests. */
    long heldBatchBytes() {
        PendingBatch kept = retained;
        synchronized (lock) {
            return (pending == null ? 0 : pending.heldBytes()) + (spare == null ? 0 : spare.heldBytes())
                    + (kept == null || kept == pending || kept == spare ? 0 : kept.heldBytes());
        }
    }

    void faulted(boolean now) {
        faulted = now;
    }

    boolean faulted() {
        return faulted;
    }

    /** Stops further calls; what was appended before is in the pending batch. */
    void closeForShutdown() {
        synchronized (lock) {
            closed = true;
        }
    }

    void written(long upTo) {
        if (upTo >= 0) {
            writtenUpTo = upTo;
        }
    }

    private void startSegment(int segment) {
        if (writeState != null) {
            writeState.seal();
            if (writeState.live() == 0 && segments.remove(writeState.id) != null) {
                // The append or purge that started the new segment schedules the round.
                synchronized (lock) {
                    pending().deleteSegment(writeState.id);
                }
            }
        }
        writeState = new SegmentState(segment, RecordFormat.SEGMENT_HEADER);
        segments.put(segment, writeState);
        writeOffset = RecordFormat.SEGMENT_HEADER;
    }

    /** The batch the owner fills; under the lock. */
    private PendingBatch pending() {
        if (pending == null) {
            pending = spare != null ? spare : new PendingBatch();
            spare = null;
        }
        return pending;
    }

    private boolean schedule() {
        if (scheduled) {
            return false;
        }
        scheduled = true;
        return true;
    }

    private void signalIf(boolean signal) {
        if (signal) {
            store.schedule(this);
        }
    }

    private void checkUsable() {
        store.checkRunning();
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("message log of " + id + " is closed");
        }
    }

    @Override
    public String toString() {
        return "QueueLog" + Objects.toString(id);
    }
}
