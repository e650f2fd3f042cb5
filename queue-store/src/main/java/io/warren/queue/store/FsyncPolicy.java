package io.warren.queue.store;

/**
 * When the store asks the operating system to put written records on the disk itself, and so
 * what an {@code onDurable} callback promises when it runs.
 */
public enum FsyncPolicy {
    /**
     * Every commit round ends with an fdatasync of each file it wrote, before any callback of that
     * round runs. A callback therefore promises that the message survives a process crash, a
     * kernel panic and a power loss (given a disk that honours flushes). Many appends share one
     * fsync: the round takes whatever accumulated while the previous fsync was running.
     */
    PER_BATCH,

    /**
     * Records are written to the operating system (the page cache) and callbacks run right after
     * the write; flushing to the disk is left to the kernel. A callback promises that the message
     * survives a crash or {@code kill -9} of the broker process, but not a power loss or kernel
     * crash, which may lose the last seconds of appends and acks. Clean shutdown still fsyncs.
     */
    NONE
}
