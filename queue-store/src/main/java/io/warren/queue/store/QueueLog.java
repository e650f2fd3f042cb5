package io.warren.queue.store;

import io.warren.queue.Message;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
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
 * fsyncs in batches. If the store cannot write, the log fails: pending callbacks never run, the
 * failure handler given at open is told once, and later calls throw {@link StoreException}.
 */
public final class QueueLog {
    // Set by delete(), read by a store opening a new log of the same queue name.
    private volatile CompletableFuture<Void> deletion;
    private final MessageStore store;
    private final QueueId id;
    private final Path dir;
    private final int segmentSize;
    private final RecoveryReport recovery;
    private final Consumer<StoreException> onFailure;
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
    private PendingBatch pending = new PendingBatch();
    private PendingBatch spare = new PendingBatch();
    private boolean scheduled;
    private boolean closed;

    private volatile long writtenUpTo;
    private volatile StoreException failure;

    QueueLog(MessageStore store, QueueId id, Path dir, int segmentSize, LogRecovery recovered,
             Consumer<StoreException> onFailure) {
        this.store = store;
        this.id = id;
        this.dir = dir;
        this.segmentSize = segmentSize;
        this.onFailure = onFailure;
        this.recovery = recovered.report();
        this.segments = recovered.segments;
        this.writer = new SegmentWriter(dir);
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
     * Stores a message. Encodes it into the pending batch and returns; the store thread writes it.
     *
     * @param queueSequence  the queue's own number for the message, given back on reading
     * @param onDurable      run on the store thread once the message is durable; may be null
     * @return where the message is stored
     * @throws StoreException if the log is closed or failed
     */
    public SegmentPosition append(Message message, long queueSequence, Runnable onDurable) {
        checkUsable();
        int length = RecordFormat.recordLength(message);
        if (writeOffset > RecordFormat.SEGMENT_HEADER && (long) writeOffset + length > segmentSize) {
            startSegment(writeState.id + 1);
        }
        SegmentPosition position = new SegmentPosition(writeState.id, writeState.records(), writeOffset, length);
        writeState.appended(length);
        writeOffset += length;
        writeState.readableEnd(writeOffset);
        messageCount++;
        byteCount += length;
        boolean signal;
        synchronized (lock) {
            checkOpen();
            pending.append(position.segment(), message, queueSequence, length, crc);
            if (onDurable != null) {
                pending.afterDurable(onDurable);
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
            pending.mark(position.segment(), position.offset());
            if (state.live() == 0 && state.sealed()) {
                segments.remove(state.id);
                pending.deleteSegment(state.id);
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
            pending.mark(position.segment(), position.offset() | AckFile.DELIVERED);
            signal = schedule();
        }
        signalIf(signal);
    }

    /**
     * Completes once everything asked of this log so far (appends, acks, delivery marks) is
     * written and, under {@link FsyncPolicy#PER_BATCH}, synced.
     */
    public CompletableFuture<Void> flush() {
        checkUsable();
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean signal;
        synchronized (lock) {
            checkOpen();
            pending.afterDurable(() -> done.complete(null));
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
                pending.deleteSegment(segment);
            }
            segments.clear();
            messageCount = 0;
            byteCount = 0;
            pending.afterDurable(() -> done.complete(null));
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
            pending.deleteLog();
            pending.afterDurable(() -> done.complete(null));
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

    PendingBatch takeBatch() {
        synchronized (lock) {
            PendingBatch taken = pending;
            pending = spare;
            spare = null;
            scheduled = false;
            return taken;
        }
    }

    void recycle(PendingBatch batch) {
        batch.clear();
        synchronized (lock) {
            spare = batch;
        }
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

    boolean failed() {
        return failure != null;
    }

    void fail(Exception cause) {
        if (failure == null) {
            failure = new StoreException("message store of " + id + " failed", cause);
            onFailure.accept(failure);
        }
    }

    private void startSegment(int segment) {
        if (writeState != null) {
            writeState.seal();
            if (writeState.live() == 0 && segments.remove(writeState.id) != null) {
                synchronized (lock) {
                    pending.deleteSegment(writeState.id);
                }
            }
        }
        writeState = new SegmentState(segment, RecordFormat.SEGMENT_HEADER);
        segments.put(segment, writeState);
        writeOffset = RecordFormat.SEGMENT_HEADER;
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
        StoreException failed = failure;
        if (failed != null) {
            throw new StoreException("message store of " + id + " has failed", failed);
        }
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
