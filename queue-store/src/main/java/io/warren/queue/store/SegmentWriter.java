package io.warren.queue.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The write side of one queue's files, used only by the store thread: appends batches to the
 * current segment and to ack files, fsyncs what it wrote, and deletes segments.
 *
 * <p>Failures leave no partial record behind. The writer knows where the sound bytes of each
 * file end; a write that fails (no space, I/O error) is cut off the file again before anything
 * else is written there, and the batch keeps how far it got so the next attempt writes the rest at
 * the same offsets. A failed fsync under {@link FsyncPolicy#PER_BATCH} means the bytes written
 * since the last good fsync may never reach the disk, whatever the page cache says: every file
 * goes back to its last synced end and the batch is written again from its start.
 */
final class SegmentWriter {
    /** How the writer opens files; a test can make one fail for real. */
    interface Opener {
        FileChannel open(Path path, OpenOption... options) throws IOException;

        Opener DEFAULT = FileChannel::open;
    }

    /** One file being written. */
    static final class Target {
        final Path path;
        final FileChannel channel;
        final int segment;
        final boolean segmentFile;
        // Sound bytes end here; a failed write may have left more, to cut off before the next write.
        long end;
        long synced;
        boolean suspect;

        Target(Path path, FileChannel channel, int segment, boolean segmentFile, long end) {
            this.path = path;
            this.channel = channel;
            this.segment = segment;
            this.segmentFile = segmentFile;
            this.end = end;
            this.synced = end;
        }
    }

    private final Path dir;
    private final Opener opener;
    private final boolean rewindOnSyncFailure;
    private final SegmentManifest manifest;
    private final CRC32C crc = new CRC32C();
    private final Map<Integer, Target> ackFiles = new HashMap<>(4);
    private final List<Target> unsynced = new ArrayList<>(2);
    private final List<Target> closeAfterSync = new ArrayList<>(1);
    private Target segment;
    private boolean directoryChanged;
    // fsyncs made by segment creations and drops since the last sync(), for the store's count.
    private int creationSyncs;
    private Path lastFile;
    private boolean rewound;

    SegmentWriter(Path dir, Opener opener, FsyncPolicy policy, SegmentManifest manifest) {
        this.dir = dir;
        this.opener = opener;
        this.rewindOnSyncFailure = policy == FsyncPolicy.PER_BATCH;
        this.manifest = manifest;
    }

    /**
     * Deletes the batch's freed segments, then writes its records and marks to the operating
     * system, without syncing. Deletions go first so that acks free space even while writes fail;
     * records and marks of a segment deleted in the same batch are not written at all.
     *
     * @param scratch the store thread's buffer for ack entries, at least {@link AckFile#ENTRY} bytes
     */
    void write(PendingBatch batch, ByteBuffer scratch) throws IOException {
        if (batch.deletionsDone < batch.deletionCount()) {
            unlist(batch);
        }
        while (batch.deletionsDone < batch.deletionCount()) {
            deleteSegment(batch.deletion(batch.deletionsDone));
            batch.deletionsDone++;
        }
        byte[] data = batch.data();
        while (batch.writtenRuns < batch.runCount()) {
            int run = batch.writtenRuns;
            int id = batch.runSegment(run);
            if (!batch.deletes(id)) {
                Target target = segmentFor(id);
                int start = batch.runStart(run);
                writeAtEnd(target, ByteBuffer.wrap(data, start, batch.runEnd(run) - start));
            }
            batch.writtenRuns++;
        }
        writeMarks(batch, scratch);
    }

    /** The segment holding the newest written byte, and the offset after it: what readers may see. */
    long writtenUpTo() {
        return segment == null ? -1 : ((long) segment.segment << 32) | segment.end;
    }

    /**
     * Whether a failed fsync sent the files back to their last synced ends since the last call:
     * then the batch must be written again from its start ({@link PendingBatch#rewind}).
     */
    boolean takeRewound() {
        boolean was = rewound;
        rewound = false;
        return was;
    }

    /** The file of the last operation attempted, for naming it when one fails. */
    Path lastFile() {
        return lastFile;
    }

    /**
     * fsyncs every file written since the last sync, and the directory if files were created.
     * If one fails, every such file goes back to its last synced end, to be written again.
     *
     * @return how many fsync calls were made
     */
    int sync() throws IOException {
        int syncs = creationSyncs;
        creationSyncs = 0;
        try {
            for (Target t : unsynced) {
                if (t.channel.isOpen()) {
                    lastFile = t.path;
                    t.channel.force(false);
                    syncs++;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            if (rewindOnSyncFailure) {
                for (Target t : unsynced) {
                    t.end = t.synced;
                    t.suspect = true;
                }
                unsynced.clear();
                rewound = true;
            }
            throw e;
        }
        for (Target t : unsynced) {
            t.synced = t.end;
        }
        unsynced.clear();
        if (directoryChanged) {
            lastFile = dir;
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
        while (!closeAfterSync.isEmpty()) {
            Target t = closeAfterSync.get(0);
            if (unsynced.remove(t) && t.channel.isOpen()) {
                lastFile = t.path;
                t.channel.force(false);
                syncs++;
            }
            t.channel.close();
            closeAfterSync.remove(0);
        }
        return syncs;
    }

    /**
     * Takes the batch's freed segments out of the manifest, durably, before their files are
     * deleted: a crash in between then reads as an interrupted deletion. One manifest write for
     * all of them; if it fails, the manifest in memory is as it was, and the batch retries.
     */
    private void unlist(PendingBatch batch) throws IOException {
        List<Integer> removed = new ArrayList<>();
        for (int i = batch.deletionsDone; i < batch.deletionCount(); i++) {
            if (manifest.live.remove(batch.deletion(i))) {
                removed.add(batch.deletion(i));
            }
        }
        if (removed.isEmpty()) {
            return;
        }
        try {
            lastFile = SegmentManifest.file(dir);
            manifest.write(dir, rewindOnSyncFailure, opener);
            creationSyncs += rewindOnSyncFailure ? 2 : 0;
        } catch (IOException | RuntimeException | Error e) {
            manifest.live.addAll(removed);
            throw e;
        }
    }

    /** The whole log is about to be deleted: the manifest lists nothing first, so a crash midway leaves no false alarm. */
    void unlistAll() throws IOException {
        if (!manifest.live.isEmpty()) {
            manifest.live.clear();
            manifest.write(dir, false, opener);
        }
    }

    void deleteSegment(int id) throws IOException {
        Target acks = ackFiles.remove(id);
        if (acks != null) {
            forget(acks);
        }
        if (segment != null && segment.segment == id) {
            forget(segment);
            segment = null;
        }
        for (int i = 0; i < closeAfterSync.size(); i++) {
            if (closeAfterSync.get(i).segment == id) {
                forget(closeAfterSync.remove(i--));
            }
        }
        lastFile = QueueDirectory.acks(dir, id);
        Files.deleteIfExists(lastFile);
        lastFile = QueueDirectory.segment(dir, id);
        Files.deleteIfExists(lastFile);
    }

    void close() throws IOException {
        closeSealed();
        if (segment != null) {
            segment.channel.close();
            segment = null;
        }
        for (Target t : ackFiles.values()) {
            t.channel.close();
        }
        ackFiles.clear();
        unsynced.clear();
    }

    private void forget(Target t) throws IOException {
        unsynced.remove(t);
        t.channel.close();
    }

    private Target segmentFor(int id) throws IOException {
        if (segment != null && segment.segment == id) {
            return segment;
        }
        for (Target sealed : closeAfterSync) {
            // Written again after a failed fsync: the segment was sealed in the same round.
            if (sealed.segment == id) {
                return sealed;
            }
        }
        Target created = create(id);
        if (segment != null) {
            closeAfterSync.add(segment);
        }
        segment = created;
        return segment;
    }

    /**
     * Creates segment {@code id} and its ack file (with its header) in one step: both directory
     * entries are made durable, then the manifest lists the segment, before any record of it can
     * be confirmed. A step that fails undoes what it can and the whole creation is tried again
     * with the batch: a segment the manifest does not list holds nothing confirmed, so its files
     * are simply created anew.
     */
    private Target create(int id) throws IOException {
        Path acksPath = QueueDirectory.acks(dir, id);
        Path path = QueueDirectory.segment(dir, id);
        Target created = null;
        boolean listed = false;
        try {
            // The ack file's header is not synced: an ack file cut short or zeroed by a power
            // loss reads as holding no marks, and the first mark's round syncs it with its header.
            lastFile = acksPath;
            try (FileChannel acks = opener.open(acksPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(acks, AckFile.header(), 0);
            }
            lastFile = path;
            created = new Target(path, opener.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), id, true, 0);
            if (rewindOnSyncFailure) {
                lastFile = dir;
                QueueDirectory.syncDirectory(dir);
                creationSyncs++;
            }
            listed = manifest.live.add(id);
            int nextBefore = manifest.next;
            manifest.next = Math.max(manifest.next, id + 1);
            lastFile = SegmentManifest.file(dir);
            try {
                manifest.write(dir, rewindOnSyncFailure, opener);
                creationSyncs += rewindOnSyncFailure ? 2 : 0;
            } catch (IOException | RuntimeException | Error e) {
                manifest.next = nextBefore;
                throw e;
            }
        } catch (IOException | RuntimeException | Error e) {
            if (listed) {
                manifest.live.remove(id);
            }
            if (created != null) {
                try {
                    forget(created);
                } catch (IOException | RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
        return created;
    }

    private void writeMarks(PendingBatch batch, ByteBuffer scratch) throws IOException {
        while (batch.writtenMarks < batch.markCount()) {
            int first = batch.writtenMarks;
            int id = batch.markSegment(first);
            int i = first;
            scratch.clear();
            while (i < batch.markCount() && batch.markSegment(i) == id && scratch.remaining() >= AckFile.ENTRY) {
                AckFile.putEntry(scratch, id, batch.markEntry(i++), crc);
            }
            if (!batch.deletes(id)) {
                writeAtEnd(ackFileFor(id), scratch.flip());
            }
            batch.writtenMarks = i;
        }
    }

    private Target ackFileFor(int id) throws IOException {
        Target t = ackFiles.get(id);
        if (t == null) {
            Path path = QueueDirectory.acks(dir, id);
            lastFile = path;
            directoryChanged |= !Files.exists(path);
            FileChannel channel = opener.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long size = channel.size();
            t = new Target(path, channel, id, false, size < AckFile.HEADER ? 0 : size);
            // A header cut short by a failed write is written again whole.
            t.suspect = size > 0 && size < AckFile.HEADER;
            ackFiles.put(id, t);
        }
        return t;
    }

    /**
     * Writes {@code buffer} where {@code t}'s sound bytes end (a new file gets its header
     * first). Cuts off what an earlier failed write left; if this one fails, it tries to cut off
     * its own remains at once, and the next write tries again.
     */
    private void writeAtEnd(Target t, ByteBuffer buffer) throws IOException {
        lastFile = t.path;
        if (t.suspect) {
            t.channel.truncate(t.end);
            t.suspect = false;
        }
        t.suspect = true;
        try {
            if (t.end == 0) {
                t.end = writeFully(t.channel, t.segmentFile ? RecordFormat.segmentHeader() : AckFile.header(), 0);
            }
            t.end += writeFully(t.channel, buffer, t.end);
        } catch (IOException | RuntimeException | Error e) {
            try {
                t.channel.truncate(t.end);
                t.suspect = false;
            } catch (IOException | RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        t.suspect = false;
        if (!unsynced.contains(t)) {
            unsynced.add(t);
        }
        if (!rewindOnSyncFailure) {
            // Nothing is written twice under NONE: the page cache is the promise.
            t.synced = t.end;
        }
    }

    private static int writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int written = 0;
        while (buffer.hasRemaining()) {
            written += channel.write(buffer, position + written);
        }
        return written;
    }
}
