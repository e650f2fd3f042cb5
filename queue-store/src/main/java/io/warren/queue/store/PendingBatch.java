package io.warren.queue.store;

import io.warren.queue.Message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Everything one log asked for since the store last collected: encoded records (as runs of bytes
 * per segment), ack and delivery marks, segments to delete, and the callbacks to run once all of
 * it is durable. Filled by the queue's owner and drained by the store thread, never both at once:
 * {@link QueueLog} hands it over under its lock, and two batches alternate so that appends never
 * wait for a write.
 *
 * <p>Memory: every array is allocated on first use; the record bytes come from the store's
 * {@link BufferPool}, stay with the batch while its log is busy and go back to the pool once the
 * log has been idle for a few seconds, so the batches of an idle log hold no arrays.
 *
 * <p>A batch whose write failed is kept by the store thread and written again later. It records
 * how far it got ({@link #writtenRuns}, {@link #writtenMarks}, {@link #deletionsDone}), and the
 * next batches of its log are appended to it ({@link #absorb}) so that the order on disk stays
 * the order of the calls.
 */
final class PendingBatch {
    private static final byte[] NO_DATA = new byte[0];
    private static final int SMALL = 4;
    private static final int SMALL_MARKS = 64;
    // A batch that grew for a burst gives its memory back rather than holding it forever.
    private static final int RETAINED_BYTES = 4 * 1024 * 1024;

    private byte[] data = NO_DATA;
    private int dataSize;
    private int[] runSegments;
    private int[] runEnds;
    private int runCount;
    private long[] marks;
    private int markCount;
    private int[] deletions;
    private int deletionCount;
    // Parallel lists: failures.get(i) runs instead of callbacks.get(i) if a write fails, and is null
    // for a callback that waits until the write succeeds. failures stays null until one is given.
    private final ArrayList<Runnable> callbacks = new ArrayList<>();
    private ArrayList<Runnable> failures;
    private boolean deleteLog;

    // Store-thread progress through a batch that is written in more than one attempt.
    int writtenRuns;
    int writtenMarks;
    int deletionsDone;

    void append(int segment, Message m, long queueSequence, int recordLength, CRC32C crc, BufferPool pool) {
        ensureData(recordLength, pool);
        RecordFormat.encode(m, queueSequence, data, dataSize, recordLength, crc);
        dataSize += recordLength;
        addRun(segment, dataSize);
    }

    private void addRun(int segment, int end) {
        // Never extend a run that was already written: its bytes are on disk as they were.
        if (runCount > writtenRuns && runSegments[runCount - 1] == segment) {
            runEnds[runCount - 1] = end;
            return;
        }
        if (runSegments == null) {
            runSegments = new int[SMALL];
            runEnds = new int[SMALL];
        } else if (runCount == runSegments.length) {
            runSegments = Arrays.copyOf(runSegments, runCount * 2);
            runEnds = Arrays.copyOf(runEnds, runCount * 2);
        }
        runSegments[runCount] = segment;
        runEnds[runCount] = end;
        runCount++;
    }

    private void reserveRuns(int more) {
        if (more == 0) {
            return;
        }
        if (runSegments == null) {
            runSegments = new int[Math.max(SMALL, more)];
            runEnds = new int[runSegments.length];
        } else if (runCount + more > runSegments.length) {
            runSegments = Arrays.copyOf(runSegments, Math.max(runCount * 2, runCount + more));
            runEnds = Arrays.copyOf(runEnds, runSegments.length);
        }
    }

    private void reserveMarks(int more) {
        if (more == 0) {
            return;
        }
        if (marks == null) {
            marks = new long[Math.max(SMALL_MARKS, more)];
        } else if (markCount + more > marks.length) {
            marks = Arrays.copyOf(marks, Math.max(markCount * 2, markCount + more));
        }
    }

    private void reserveDeletions(int more) {
        if (more == 0) {
            return;
        }
        if (deletions == null) {
            deletions = new int[Math.max(SMALL, more)];
        } else if (deletionCount + more > deletions.length) {
            deletions = Arrays.copyOf(deletions, Math.max(deletionCount * 2, deletionCount + more));
        }
    }

    private void reserveFailures(int more) {
        if (failures == null) {
            failures = new ArrayList<>(callbacks.size() + more);
            for (int i = 0; i < callbacks.size(); i++) {
                failures.add(null);
            }
        } else {
            failures.ensureCapacity(failures.size() + more);
        }
    }

    /** Records an entry for a segment's ack file: see {@link AckFile} (the record's offset, flagged for a delivery). */
    void mark(int segment, int entry) {
        addMark(((long) segment << 32) | (entry & 0xFFFF_FFFFL));
    }

    private void addMark(long mark) {
        if (marks == null) {
            marks = new long[SMALL_MARKS];
        } else if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, markCount * 2);
        }
        marks[markCount++] = mark;
    }

    void deleteSegment(int segment) {
        if (deletions == null) {
            deletions = new int[SMALL];
        } else if (deletionCount == deletions.length) {
            deletions = Arrays.copyOf(deletions, deletionCount * 2);
        }
        deletions[deletionCount++] = segment;
    }

    /** {@code onFailed} (may be null) runs instead of {@code onDurable} if a write attempt fails. */
    void afterDurable(Runnable onDurable, Runnable onFailed) {
        if (onFailed != null && failures == null) {
            reserveFailures(1);
        }
        callbacks.add(onDurable);
        if (failures != null) {
            failures.add(onFailed);
        }
    }

    void afterDurable(Runnable onDurable) {
        afterDurable(onDurable, null);
    }

    void deleteLog() {
        deleteLog = true;
    }

    /** Appends {@code next} (a later batch of the same log) to this one, leaving {@code next} as it was. */
    void absorb(PendingBatch next, BufferPool pool) {
        // Everything is allocated before anything changes, so that running out of memory here
        // leaves this batch as it was.
        ensureData(next.dataSize, pool);
        reserveRuns(next.runCount);
        reserveMarks(next.markCount);
        reserveDeletions(next.deletionCount);
        callbacks.ensureCapacity(callbacks.size() + next.callbacks.size());
        if (next.failures != null || failures != null) {
            reserveFailures(next.callbacks.size());
        }
        int base = dataSize;
        System.arraycopy(next.data, 0, data, dataSize, next.dataSize);
        dataSize += next.dataSize;
        for (int run = 0; run < next.runCount; run++) {
            addRun(next.runSegments[run], base + next.runEnds[run]);
        }
        for (int i = 0; i < next.markCount; i++) {
            addMark(next.marks[i]);
        }
        for (int i = 0; i < next.deletionCount; i++) {
            deleteSegment(next.deletions[i]);
        }
        for (int i = 0; i < next.callbacks.size(); i++) {
            afterDurable(next.callbacks.get(i), next.failures == null ? null : next.failures.get(i));
        }
        deleteLog |= next.deleteLog;
    }

    /**
     * After a failed write: takes out the callbacks that have a failure handler and returns those
     * handlers, to be run; the callbacks without one stay and wait for a write that succeeds.
     */
    List<Runnable> takeFailureHandlers() {
        if (failures == null) {
            return List.of();
        }
        List<Runnable> handlers = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < callbacks.size(); i++) {
            Runnable onFailed = failures.get(i);
            if (onFailed != null) {
                handlers.add(onFailed);
            } else {
                callbacks.set(kept++, callbacks.get(i));
            }
        }
        callbacks.subList(kept, callbacks.size()).clear();
        failures = null;
        return handlers;
    }

    /** After a failed fsync nothing written since the last good one can be trusted: write it all again. */
    void rewind() {
        writtenRuns = 0;
        writtenMarks = 0;
    }

    boolean deletes(int segment) {
        for (int i = 0; i < deletionCount; i++) {
            if (deletions[i] == segment) {
                return true;
            }
        }
        return false;
    }

    byte[] data() {
        return data;
    }

    int runCount() {
        return runCount;
    }

    int runSegment(int run) {
        return runSegments[run];
    }

    int runStart(int run) {
        return run == 0 ? 0 : runEnds[run - 1];
    }

    int runEnd(int run) {
        return runEnds[run];
    }

    int markCount() {
        return markCount;
    }

    int markSegment(int i) {
        return (int) (marks[i] >>> 32);
    }

    int markEntry(int i) {
        return (int) marks[i];
    }

    int deletionCount() {
        return deletionCount;
    }

    int deletion(int i) {
        return deletions[i];
    }

    List<Runnable> callbacks() {
        return callbacks;
    }

    boolean deletesLog() {
        return deleteLog;
    }

    boolean isEmpty() {
        return dataSize == 0 && markCount == 0 && deletionCount == 0 && callbacks.isEmpty() && !deleteLog;
    }

    /** Gives back the arrays of an empty batch: its log has been idle for a while. */
    void release(BufferPool pool) {
        if (dataSize == 0 && data != NO_DATA) {
            pool.give(data);
            data = NO_DATA;
        }
        if (markCount == 0) {
            marks = null;
        }
        if (runCount == 0) {
            runSegments = null;
            runEnds = null;
        }
        if (deletionCount == 0) {
            deletions = null;
        }
        if (callbacks.isEmpty()) {
            callbacks.trimToSize();
        }
    }

    /** Bytes of arrays this batch holds, for checking that an idle log is light. */
    long heldBytes() {
        return data.length + (marks == null ? 0 : 8L * marks.length)
                + (runSegments == null ? 0 : 8L * runSegments.length)
                + (deletions == null ? 0 : 4L * deletions.length);
    }

    /**
     * Empties the batch for reuse. A busy log's batch keeps its arrays for the next round (unless a
     * burst made them huge); the store takes them back once the log is idle ({@link #release}).
     */
    void clear(BufferPool pool) {
        if (data.length > RETAINED_BYTES) {
            pool.give(data);
            data = NO_DATA;
        }
        dataSize = 0;
        runCount = 0;
        markCount = 0;
        deletionCount = 0;
        callbacks.clear();
        failures = null;
        deleteLog = false;
        writtenRuns = 0;
        writtenMarks = 0;
        deletionsDone = 0;
    }

    private void ensureData(int extra, BufferPool pool) {
        if (dataSize + extra <= data.length) {
            return;
        }
        if (data == NO_DATA) {
            data = pool.take(extra);
            return;
        }
        long wanted = Math.max((long) data.length * 2, (long) dataSize + extra);
        byte[] grown = Arrays.copyOf(data, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        pool.give(data);
        data = grown;
    }
}
