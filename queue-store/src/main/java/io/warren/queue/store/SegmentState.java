package io.warren.queue.store;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What a queue's owner thread knows about one segment: how many records it holds, which of them
 * are acked or were delivered, and how far it may be read. One bit per record, so a segment of
 * millions of small messages costs kilobytes, not an object per message.
 */
final class SegmentState {
    final int id;
    private final BitSet acked = new BitSet();
    private final BitSet delivered = new BitSet();
    private int records;
    private int live;
    private long liveBytes;
    private int readableEnd;
    private boolean sealed;
    // Damaged byte ranges recovery skipped, as start/end pairs in file order; null when none.
    private int[] skipped;

    SegmentState(int id, int readableEnd) {
        this.id = id;
        this.readableEnd = readableEnd;
    }

    void appended(int length) {
        records++;
        live++;
        liveBytes += length;
    }

    /** Restores a record found by recovery; {@code ackedOnDisk} records were acked before. */
    void recovered(int length, boolean ackedOnDisk, boolean deliveredOnDisk) {
        int ordinal = records++;
        if (ackedOnDisk) {
            acked.set(ordinal);
        } else {
            live++;
            liveBytes += length;
            if (deliveredOnDisk) {
                delivered.set(ordinal);
            }
        }
    }

    /** @return false if the record was already acked */
    boolean ack(int ordinal, int length) {
        if (ordinal >= records || acked.get(ordinal)) {
            return false;
        }
        acked.set(ordinal);
        live--;
        liveBytes -= length;
        return true;
    }

    /** @return false if the record was already marked */
    boolean markDelivered(int ordinal) {
        if (ordinal >= records || delivered.get(ordinal) || acked.get(ordinal)) {
            return false;
        }
        delivered.set(ordinal);
        return true;
    }

    boolean isAcked(int ordinal) {
        return acked.get(ordinal);
    }

    boolean isDelivered(int ordinal) {
        return delivered.get(ordinal);
    }

    int records() {
        return records;
    }

    int live() {
        return live;
    }

    long liveBytes() {
        return liveBytes;
    }

    /** The end of the bytes that hold sound records; short of the file's end after corruption. */
    int readableEnd() {
        return readableEnd;
    }

    void readableEnd(int end) {
        readableEnd = end;
    }

    /** Marks {@code [from, to)} as damaged: readers go from {@code from} straight to {@code to}. */
    void skip(long from, long to) {
        int n = skipped == null ? 0 : skipped.length;
        skipped = skipped == null ? new int[2] : Arrays.copyOf(skipped, n + 2);
        skipped[n] = (int) from;
        skipped[n + 1] = (int) to;
    }

    /** Where a reader at {@code offset} goes on: past the damaged range it is in, else {@code offset}. */
    long skipFrom(long offset) {
        if (skipped != null) {
            for (int i = 0; i < skipped.length; i += 2) {
                if (offset >= skipped[i] && offset < skipped[i + 1]) {
                    return skipped[i + 1];
                }
            }
        }
        return offset;
    }

    /** A sealed segment receives no more appends, so it can be deleted once nothing in it is live. */
    boolean sealed() {
        return sealed;
    }

    void seal() {
        sealed = true;
    }
}
