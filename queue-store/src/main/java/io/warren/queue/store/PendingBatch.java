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
 */
final class PendingBatch {
    private static final int INITIAL_BYTES = 64 * 1024;
    // A batch that grew for a burst gives its memory back rather than holding it forever.
    private static final int RETAINED_BYTES = 4 * 1024 * 1024;

    private byte[] data = new byte[INITIAL_BYTES];
    private int dataSize;
    private int[] runSegments = new int[4];
    private int[] runEnds = new int[4];
    private int runCount;
    private long[] marks = new long[64];
    private int markCount;
    private int[] deletions = new int[4];
    private int deletionCount;
    private final List<Runnable> callbacks = new ArrayList<>();
    private boolean deleteLog;

    void append(int segment, Message m, long queueSequence, int recordLength, CRC32C crc) {
        ensureData(recordLength);
        RecordFormat.encode(m, queueSequence, data, dataSize, recordLength, crc);
        dataSize += recordLength;
        if (runCount > 0 && runSegments[runCount - 1] == segment) {
            runEnds[runCount - 1] = dataSize;
        } else {
            if (runCount == runSegments.length) {
                runSegments = Arrays.copyOf(runSegments, runCount * 2);
                runEnds = Arrays.copyOf(runEnds, runCount * 2);
            }
            runSegments[runCount] = segment;
            runEnds[runCount] = dataSize;
            runCount++;
        }
    }

    /** Records an entry for a segment's ack file: see {@link AckFile} (the record's offset, flagged for a delivery). */
    void mark(int segment, int entry) {
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, markCount * 2);
        }
        marks[markCount++] = ((long) segment << 32) | (entry & 0xFFFF_FFFFL);
    }

    void deleteSegment(int segment) {
        if (deletionCount == deletions.length) {
            deletions = Arrays.copyOf(deletions, deletionCount * 2);
        }
        deletions[deletionCount++] = segment;
    }

    void afterDurable(Runnable callback) {
        callbacks.add(callback);
    }

    void deleteLog() {
        deleteLog = true;
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

    void clear() {
        if (data.length > RETAINED_BYTES) {
            data = new byte[INITIAL_BYTES];
        }
        dataSize = 0;
        runCount = 0;
        markCount = 0;
        deletionCount = 0;
        callbacks.clear();
        deleteLog = false;
    }

    private void ensureData(int extra) {
        if (dataSize + extra > data.length) {
            long wanted = Math.max((long) data.length * 2, (long) dataSize + extra);
            data = Arrays.copyOf(data, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
    }
}
