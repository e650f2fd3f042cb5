package io.warren.queue.store;

import java.util.Objects;

/**
 * Tuning of a {@link MessageStore}.
 *
 * @param segmentSize  the size at which a queue's log starts a new segment file. A record larger
 *                     than this gets a segment of its own. Smaller segments are freed sooner
 *                     once acked; larger ones mean fewer files. Between 1 KiB and 1 GiB.
 * @param fsyncPolicy  what a durability callback promises; see {@link FsyncPolicy}
 */
public record StoreSettings(int segmentSize, FsyncPolicy fsyncPolicy) {
    public static final int DEFAULT_SEGMENT_SIZE = 8 * 1024 * 1024;
    static final int MIN_SEGMENT_SIZE = 1024;
    static final int MAX_SEGMENT_SIZE = 1 << 30;

    public StoreSettings {
        Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("segmentSize must be between " + MIN_SEGMENT_SIZE
                    + " and " + MAX_SEGMENT_SIZE + " bytes, was " + segmentSize);
        }
    }

    /** 8 MiB segments, fsync per batch. */
    public static StoreSettings defaults() {
        return new StoreSettings(DEFAULT_SEGMENT_SIZE, FsyncPolicy.PER_BATCH);
    }

    public StoreSettings withSegmentSize(int size) {
        return new StoreSettings(size, fsyncPolicy);
    }

    public StoreSettings withFsyncPolicy(FsyncPolicy policy) {
        return new StoreSettings(segmentSize, policy);
    }
}
