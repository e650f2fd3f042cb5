package io.warren.queue.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The write side of one queue's files, used only by the store thread: appends batches to the
 * current segment and to ack files, fsyncs what it wrote, and deletes segments.
 */
final class SegmentWriter {
    private final Path dir;
    private final ByteBuffer markBuffer = ByteBuffer.allocate(64 * 1024);
    private final CRC32C crc = new CRC32C();
    private final Map<Integer, FileChannel> ackChannels = new HashMap<>();
    private final Set<FileChannel> unsynced = new LinkedHashSet<>();
    private final List<FileChannel> closeAfterSync = new ArrayList<>();
    private FileChannel segmentChannel;
    private int segmentId = -1;
    private long segmentEnd;
    private boolean directoryChanged;

    SegmentWriter(Path dir) {
        this.dir = dir;
    }

    /** Writes the batch's records and marks to the operating system, without syncing. */
    void write(PendingBatch batch) throws IOException {
        byte[] data = batch.data();
        for (int run = 0; run < batch.runCount(); run++) {
            FileChannel channel = segmentFor(batch.runSegment(run));
            int start = batch.runStart(run);
            writeFully(channel, ByteBuffer.wrap(data, start, batch.runEnd(run) - start));
            segmentEnd += batch.runEnd(run) - start;
            unsynced.add(channel);
        }
        writeMarks(batch);
    }

    /** The segment holding the newest written byte, and the offset after it: what readers may see. */
    long writtenUpTo() {
        return segmentId < 0 ? -1 : ((long) segmentId << 32) | segmentEnd;
    }

    /** @return how many fsync calls were made */
    int sync() throws IOException {
        int syncs = 0;
        for (FileChannel channel : unsynced) {
            if (channel.isOpen()) {
                channel.force(false);
                syncs++;
            }
        }
        unsynced.clear();
        if (directoryChanged) {
            QueueDirectory.syncDirectory(dir);
            directoryChanged = false;
            syncs++;
        }
        return syncs;
    }

    /**
     * Closes segments that were sealed in this round, fsyncing first any the round did not sync
     * (under {@link FsyncPolicy#NONE}), so that a sealed segment is always on disk.
     *
     * @return how many fsync calls were made
     */
    int closeSealed() throws IOException {
        int syncs = 0;
        for (FileChannel channel : closeAfterSync) {
            if (unsynced.remove(channel) && channel.isOpen()) {
                channel.force(false);
                syncs++;
            }
            channel.close();
        }
        closeAfterSync.clear();
        return syncs;
    }

    void deleteSegment(int segment) throws IOException {
        FileChannel acks = ackChannels.remove(segment);
        if (acks != null) {
            unsynced.remove(acks);
            acks.close();
        }
        if (segment == segmentId) {
            unsynced.remove(segmentChannel);
            segmentChannel.close();
            segmentChannel = null;
        }
        Files.deleteIfExists(QueueDirectory.acks(dir, segment));
        Files.deleteIfExists(QueueDirectory.segment(dir, segment));
    }

    void close() throws IOException {
        closeSealed();
        if (segmentChannel != null) {
            segmentChannel.close();
            segmentChannel = null;
        }
        for (FileChannel channel : ackChannels.values()) {
            channel.close();
        }
        ackChannels.clear();
        unsynced.clear();
    }

    private FileChannel segmentFor(int segment) throws IOException {
        if (segment == segmentId && segmentChannel != null) {
            return segmentChannel;
        }
        if (segmentChannel != null) {
            closeAfterSync.add(segmentChannel);
        }
        FileChannel channel = FileChannel.open(QueueDirectory.segment(dir, segment),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        writeFully(channel, RecordFormat.segmentHeader());
        segmentChannel = channel;
        segmentId = segment;
        segmentEnd = RecordFormat.SEGMENT_HEADER;
        directoryChanged = true;
        return channel;
    }

    private void writeMarks(PendingBatch batch) throws IOException {
        int i = 0;
        while (i < batch.markCount()) {
            int segment = batch.markSegment(i);
            markBuffer.clear();
            while (i < batch.markCount() && batch.markSegment(i) == segment && markBuffer.remaining() >= AckFile.ENTRY) {
                AckFile.putEntry(markBuffer, segment, batch.markEntry(i++), crc);
            }
            FileChannel channel = ackChannelFor(segment);
            writeFully(channel, markBuffer.flip());
            unsynced.add(channel);
        }
    }

    private FileChannel ackChannelFor(int segment) throws IOException {
        FileChannel channel = ackChannels.get(segment);
        if (channel == null) {
            Path path = QueueDirectory.acks(dir, segment);
            directoryChanged |= !Files.exists(path);
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            if (channel.size() == 0) {
                writeFully(channel, AckFile.header());
            }
            ackChannels.put(segment, channel);
        }
        return channel;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
