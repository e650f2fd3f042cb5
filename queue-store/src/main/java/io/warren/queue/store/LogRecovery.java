package io.warren.queue.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * Rebuilds a queue's segment states from its directory. Reads every segment still on disk, since
 * those are the ones holding live messages (fully acked segments are deleted as the queue runs),
 * so the work is proportional to what is still queued.
 *
 * <p>A torn tail (an incomplete record or zeros at the end of the newest segment, nothing sound
 * after them: what a crash leaves) is cut off the file and logged at INFO. Anything else that
 * fails its frame or checksum is damage: the file is copied aside, the damage is logged at ERROR
 * with the file, the offset and what was lost, and reading goes on at the next sound record, so
 * that damage costs only the records it hit. Ack entries that fail their checksum are ignored
 * and the segment's messages come back redelivered: a damaged ack never drops a message.
 */
final class LogRecovery {
    private static final System.Logger LOG = System.getLogger(LogRecovery.class.getName());
    private static final int WINDOW = 1024 * 1024;

    final TreeMap<Integer, SegmentState> segments = new TreeMap<>();
    private final List<CorruptionReport> corruption = new ArrayList<>();
    private final Path dir;
    private final QueueId queue;
    private final boolean clean;
    private final CRC32C crc = new CRC32C();
    private long bytesScanned;
    // First and last sound queue sequence of each segment: what the neighbours of damage at a
    // segment's start or end tell about the sequences it cost. For reports only.
    private final TreeMap<Integer, long[]> sequenceBounds = new TreeMap<>();
    private final List<PendingReport> pendingReports = new ArrayList<>();

    private record PendingReport(int segment, Path file, SegmentScan.Damage damage, boolean torn, Path copy, int kept) {
    }
    private int nextSegment = 1;
    // The manifest as recovery leaves it: the segments kept, and the next number to use.
    final SegmentManifest manifest = new SegmentManifest();
    // Files to delete once the manifest no longer lists them; segments found missing; segments
    // whose ack file was lost, with how many records came back for them.
    private final List<Path> drop = new ArrayList<>();
    private final TreeSet<Integer> missing = new TreeSet<>();
    private final TreeMap<Integer, Integer> lostAcks = new TreeMap<>();

    private LogRecovery(Path dir, QueueId queue, boolean clean) {
        this.dir = dir;
        this.queue = queue;
        this.clean = clean;
    }

    /**
     * Recovers the log in {@code dir}.
     *
     * @throws UnknownFormatException if a file is in a format newer than this code reads
     * @throws IOException if a file cannot be read
     */
    static LogRecovery run(Path dir, QueueId queue, boolean clean) throws IOException {
        LogRecovery recovery = new LogRecovery(dir, queue, clean);
        recovery.scan();
        return recovery;
    }

    int nextSegment() {
        return nextSegment;
    }

    RecoveryReport report() {
        long messages = 0;
        long bytes = 0;
        for (SegmentState state : segments.values()) {
            messages += state.live();
            bytes += state.liveBytes();
        }
        return new RecoveryReport(clean, messages, bytes, segments.size(), bytesScanned, corruption);
    }

    private void scan() throws IOException {
        TreeSet<Integer> segmentIds = new TreeSet<>();
        TreeSet<Integer> ackIds = new TreeSet<>();
        List<Path> stale = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            entries.forEach(path -> {
                String name = path.getFileName().toString();
                int segment = QueueDirectory.segmentNumber(name);
                if (segment >= 0) {
                    segmentIds.add(segment);
                }
                int acks = QueueDirectory.acksNumber(name);
                if (acks >= 0) {
                    ackIds.add(acks);
                }
                if (name.endsWith(".tmp") && !name.startsWith(QueueDirectory.NAME_FILE)) {
                    // An ack file or the manifest being rewritten when the process stopped: the original is still there.
                    stale.add(path);
                }
            });
        }
        for (Path tmp : stale) {
            Files.deleteIfExists(tmp);
        }
        SegmentManifest listed = readManifest(segmentIds, ackIds);
        TreeSet<Integer> all = new TreeSet<>(segmentIds);
        all.addAll(ackIds);
        if (listed != null) {
            all.addAll(listed.live);
            manifest.next = listed.next;
        }
        int newestSegment = segmentIds.isEmpty() ? -1 : segmentIds.last();
        for (int id : all) {
            boolean hasSegment = segmentIds.contains(id);
            boolean hasAcks = ackIds.contains(id);
            AckState acks = hasAcks ? AckState.PRESENT : AckState.CREATE;
            if (listed != null && !listed.live.contains(id)) {
                if (id < listed.next) {
                    // Dropped by the store (every message acked, or purged); the crash came before its files went.
                    LOG.log(Level.INFO, "Deleted the files of segment {0} of queue ''{1}'' in vhost ''{2}'', dropped "
                            + "before the last stop", Integer.toString(id), queue.name(), queue.vhost());
                    drop.add(QueueDirectory.acks(dir, id));
                    drop.add(QueueDirectory.segment(dir, id));
                    continue;
                }
                if (!hasSegment) {
                    // A creation the crash interrupted before the segment file existed: nothing was in it.
                    drop.add(QueueDirectory.acks(dir, id));
                    continue;
                }
                // A creation the crash interrupted before the manifest listed it: none of its records
                // was confirmed, and they come back like any others after a crash.
            } else if (listed != null) {
                if (!hasSegment) {
                    missing.add(id);
                    continue;
                }
                if (!hasAcks) {
                    acks = AckState.LOST;
                }
            } else if (!hasSegment) {
                // No manifest to tell: an ack file without its segment is what it was before manifests.
                missing.add(id);
                continue;
            }
            try {
                recoverSegment(id, id == newestSegment, acks);
            } catch (UnknownFormatException | FileSystemException e) {
                throw e;
            } catch (IOException e) {
                // Name the file: a read error says only what went wrong, not where.
                FileSystemException named = new FileSystemException(QueueDirectory.segment(dir, id).toString(), null,
                        e.toString());
                named.initCause(e);
                throw named;
            }
        }
        for (PendingReport p : pendingReports) {
            var previous = sequenceBounds.lowerEntry(p.segment());
            var next = sequenceBounds.higherEntry(p.segment());
            reportSegment(p.segment(), p.file(), bounded(p.damage(), previous == null ? -1 : previous.getValue()[1],
                    next == null || p.torn() ? -1 : next.getValue()[0]), p.torn(), p.copy(), p.kept());
        }
        for (int id : missing) {
            missingSegment(id, ackIds.contains(id));
        }
        for (int id : lostAcks.keySet()) {
            reportLostAcks(id, lostAcks.get(id));
        }
        if (!all.isEmpty()) {
            nextSegment = all.last() + 1;
        }
        nextSegment = Math.max(nextSegment, manifest.next);
        manifest.next = nextSegment;
        manifest.live.addAll(segments.keySet());
        // The manifest stops listing what is dropped before the files go, so that a crash in
        // between reads as an interrupted deletion, not as files deleted by something else.
        if (listed == null || !listed.live.equals(manifest.live) || listed.next != manifest.next) {
            manifest.write(dir, true, SegmentWriter.Opener.DEFAULT);
        }
        for (Path file : drop) {
            Files.deleteIfExists(file);
        }
    }

    /** What recovery knows of a segment's ack file. */
    private enum AckState {
        /** On disk, to be read. */
        PRESENT,
        /** Never created (before manifests, or an interrupted creation): nothing was marked; create it. */
        CREATE,
        /** Listed in the manifest, so it existed, and it is gone: any record may have been acked. */
        LOST
    }

    /**
     * The manifest, or null with the reason logged when it cannot be used: then the files are
     * taken as they are, as before manifests, and a manifest is written for them.
     */
    private SegmentManifest readManifest(TreeSet<Integer> segmentIds, TreeSet<Integer> ackIds) throws IOException {
        try {
            return SegmentManifest.read(dir);
        } catch (SegmentManifest.Unreadable e) {
            Path file = SegmentManifest.file(dir);
            if (!e.missing) {
                Path copy = QueueDirectory.copyAside(file);
                corruption.add(new CorruptionReport(-1, file, 0, Files.size(file), 0, -1, -1, false, e.getMessage(), copy));
                LOG.log(Level.ERROR, "The segment manifest of queue ''{1}'' in vhost ''{2}'' cannot be used: {0}. It is "
                        + "written anew from the files present, so a segment file deleted together with its ack file "
                        + "cannot be told this time. A copy of the damaged file is at {3}", e.getMessage(), queue.name(),
                        queue.vhost(), copy);
            } else if (anyPairedAckFile(ackIds)) {
                corruption.add(new CorruptionReport(-1, file, 0, -1, 0, -1, -1, false, "segment manifest missing", null));
                LOG.log(Level.ERROR, "The segment manifest {0} of queue ''{1}'' in vhost ''{2}'' is missing, though its "
                        + "ack files were written with one; it is written anew from the files present, so a segment "
                        + "file deleted together with its ack file cannot be told this time", file, queue.name(),
                        queue.vhost());
            } else if (!segmentIds.isEmpty() || !ackIds.isEmpty()) {
                LOG.log(Level.INFO, "The message store directory {0} of queue ''{1}'' in vhost ''{2}'' predates segment "
                        + "manifests; one is written, and each segment gets its ack file", dir, queue.name(), queue.vhost());
            }
            return null;
        }
    }

    private boolean anyPairedAckFile(TreeSet<Integer> ackIds) throws IOException {
        for (int id : ackIds) {
            try (FileChannel channel = FileChannel.open(QueueDirectory.acks(dir, id), StandardOpenOption.READ)) {
                java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(AckFile.HEADER);
                while (header.hasRemaining() && channel.read(header) >= 0) {
                    // fill
                }
                if (!header.hasRemaining() && header.getInt(0) == AckFile.MAGIC && header.getInt(4) == AckFile.VERSION) {
                    return true;
                }
            }
        }
        return false;
    }

    private void recoverSegment(int id, boolean newest, AckState ackState) throws IOException {
        Path file = QueueDirectory.segment(dir, id);
        Path acksFile = QueueDirectory.acks(dir, id);
        AckFile.Contents marks = ackState == AckState.PRESENT ? AckFile.read(acksFile, id) : new AckFile.Contents();
        boolean acksLost = ackState == AckState.LOST;
        bytesScanned += marks.size;
        SegmentState state = new SegmentState(id, RecordFormat.SEGMENT_HEADER);
        AckFile.Marks rewritten = marks.needsRewrite() || ackState != AckState.PRESENT ? new AckFile.Marks() : null;
        long[] bounds = {-1, -1};
        List<SegmentScan.Damage> damage;
        long size;
        try (SegmentReader reader = new SegmentReader(FileChannel.open(file, StandardOpenOption.READ), WINDOW)) {
            size = reader.size();
            damage = SegmentScan.scan(file, reader, (offset, length, sequence, afterDamage) -> {
                int ordinal = state.records();
                boolean acked;
                boolean delivered;
                if (marks.legacy) {
                    // Version 1 marks count records from the segment's start: past skipped damage
                    // that count no longer names the same record, so those read back unacked.
                    acked = !afterDamage && marks.acked.contains(ordinal);
                    delivered = afterDamage || marks.delivered.contains(ordinal);
                } else {
                    acked = marks.acked.contains((int) offset);
                    // A damaged entry may have been any record's ack: every record it could be comes back.
                    // So may any record of a segment whose ack file is lost.
                    delivered = acksLost || marks.damaged() || marks.delivered.contains((int) offset);
                }
                state.recovered(length, acked, !clean || delivered);
                bounds[0] = bounds[0] < 0 ? sequence : bounds[0];
                bounds[1] = sequence;
                if (rewritten != null && (acked || delivered)) {
                    rewritten.add((int) offset | (acked ? 0 : AckFile.DELIVERED));
                }
            });
            bytesScanned += reader.bytesRead();
        }
        long readableEnd = size;
        Path copy = null;
        for (SegmentScan.Damage d : damage) {
            boolean toEnd = d.end() == size;
            boolean torn = newest && toEnd && (d.incomplete() || d.zeros());
            if (toEnd) {
                readableEnd = Math.max(d.offset(), RecordFormat.SEGMENT_HEADER);
            } else {
                state.skip(d.offset(), d.end());
            }
            if (!torn && copy == null) {
                copy = QueueDirectory.copyAside(file);
            }
            pendingReports.add(new PendingReport(id, file, d, torn, torn ? null : copy, state.records()));
        }
        if (bounds[0] >= 0) {
            sequenceBounds.put(id, bounds);
        }
        if (newest && readableEnd < size) {
            truncate(file, Math.min(readableEnd, size));
        }
        state.readableEnd((int) Math.min(readableEnd, size));
        state.seal();
        if (marks.damaged()) {
            reportAcks(id, acksFile, marks, QueueDirectory.copyAside(acksFile));
        } else if (marks.tornTail) {
            LOG.log(Level.INFO, "Cut the torn tail of {0} at offset {1} ({2} bytes an interrupted write left)",
                    acksFile, Long.toString(marks.soundEnd), Long.toString(marks.size - marks.soundEnd));
        }
        if (acksLost) {
            lostAcks.put(id, state.live());
        }
        if (state.live() == 0) {
            drop.add(acksFile);
            drop.add(file);
            return;
        }
        segments.put(id, state);
        if (rewritten != null) {
            AckFile.rewrite(acksFile, id, rewritten);
        } else if (marks.tornTail) {
            truncate(acksFile, marks.soundEnd);
        }
    }

    /**
     * A segment file that is gone though the manifest lists it (or, without a manifest, whose ack
     * file remains). The store drops a segment from the manifest before deleting its files, so
     * this is not the trace of a crash: something else removed it, and the messages it held are
     * lost. Say so with what the ack file and the neighbouring segments tell of how many, keep
     * the ack file aside, and go on with the others.
     */
    private void missingSegment(int id, boolean acksRemain) throws IOException {
        Path acks = QueueDirectory.acks(dir, id);
        Path segment = QueueDirectory.segment(dir, id);
        int acked = -1;
        int deliveredUnacked = 0;
        Path copy = null;
        if (acksRemain) {
            AckFile.Contents marks = AckFile.read(acks, id);
            if (!marks.legacy && !marks.damaged()) {
                acked = marks.acked.size();
                for (int i = 0; i < marks.delivered.size(); i++) {
                    deliveredUnacked += marks.acked.contains(marks.delivered.get(i)) ? 0 : 1;
                }
            }
            copy = QueueDirectory.copyAside(acks);
            drop.add(acks);
        }
        var previous = sequenceBounds.lowerEntry(id);
        var next = sequenceBounds.higherEntry(id);
        long before = previous == null ? -1 : previous.getValue()[1];
        long after = next == null ? -1 : next.getValue()[0];
        // Exactly the records of this segment lie between its live neighbours when they are its
        // direct neighbours; the ones it had acked are not lost.
        long atMost = before >= 0 && after >= 0 ? after - before - 1 - Math.max(acked, 0) : -1;
        boolean adjacent = previous != null && next != null && previous.getKey() == id - 1 && next.getKey() == id + 1;
        int exact = adjacent && acked >= 0 && atMost >= 0 && atMost <= Integer.MAX_VALUE ? (int) atMost : -1;
        String count;
        if (exact >= 0) {
            count = exact + (exact == 1 ? " message" : " messages");
        } else {
            count = "how many cannot be known exactly" + (deliveredUnacked > 0 ? ": at least " + deliveredUnacked : "")
                    + (atMost >= 0 ? (deliveredUnacked > 0 ? ", " : ": ") + "at most " + atMost : "");
        }
        String sequences = before < 0 && after < 0 ? "" : after < 0 ? ", queue sequences after " + before
                : before < 0 ? ", queue sequences before " + after
                : ", queue sequences between " + before + " and " + after + " (exclusive)";
        corruption.add(new CorruptionReport(id, segment, 0, -1, exact, before, after, false,
                acksRemain ? "segment file missing" : "segment file and ack file missing", copy));
        LOG.log(Level.ERROR, "The message store file {0} is missing{1}: the messages it held of queue ''{2}'' in vhost "
                + "''{3}'' are lost ({4}{5}){6}", segment,
                acksRemain ? ", though its ack file remains" : ", and so is its ack file " + acks
                        + " (the queue's segment manifest lists them)",
                queue.name(), queue.vhost(), count, sequences,
                copy == null ? "" : ". The ack file is kept at " + copy);
    }

    /** A segment listed in the manifest whose ack file is gone: its messages come back, all redelivered. */
    private void reportLostAcks(int id, int live) {
        Path acks = QueueDirectory.acks(dir, id);
        corruption.add(new CorruptionReport(id, acks, 0, -1, 0, -1, -1, false, "ack file missing", null));
        LOG.log(Level.ERROR, "The ack file {0} is missing (the queue''s segment manifest lists its segment): which "
                + "messages of segment {1} of queue ''{2}'' in vhost ''{3}'' were acked or delivered is unknown, so all "
                + "{4} of them come back marked redelivered; some may have been acked before. It is written anew",
                acks, Integer.toString(id), queue.name(), queue.vhost(), Integer.toString(live));
    }

    /**
     * The damage with what the neighbours tell: damage at the start of a segment lies after the
     * previous segment's last record, damage at its end before the next one's first; and when
     * only one sequence fits between the neighbours,
     * exactly one record was lost even if its frame no longer says so.
     */
    private static SegmentScan.Damage bounded(SegmentScan.Damage d, long previousSegment, long nextSegment) {
        long before = d.sequenceBefore();
        if (before < 0 && previousSegment >= 0 && (d.sequenceAfter() < 0 || previousSegment < d.sequenceAfter())) {
            before = previousSegment;
        }
        long after = d.sequenceAfter();
        if (after < 0 && nextSegment > before) {
            after = nextSegment;
        }
        int records = d.records();
        if (records < 0 && before >= 0 && after == before + 2) {
            records = 1;
        }
        return new SegmentScan.Damage(d.offset(), d.end(), records, before, after, d.reason(), d.incomplete(), d.zeros());
    }

    private void reportSegment(int segment, Path file, SegmentScan.Damage d, boolean torn, Path copy, int kept) {
        corruption.add(new CorruptionReport(segment, file, d.offset(), d.bytes(), d.records(), d.sequenceBefore(),
                d.sequenceAfter(), torn, d.reason(), copy));
        if (torn) {
            LOG.log(Level.INFO, "Cut the torn tail of {0} at offset {1} ({2} bytes an interrupted write left: {3})",
                    file, Long.toString(d.offset()), Long.toString(d.bytes()), d.reason());
            return;
        }
        String records = d.records() >= 0 ? d.records() + (d.records() == 1 ? " record" : " records")
                : "an unknown number of records (at least one"
                + (d.sequenceBefore() >= 0 && d.sequenceAfter() >= 0
                        ? ", at most " + (d.sequenceAfter() - d.sequenceBefore() - 1) + ")" : ")");
        String sequences = d.sequenceBefore() < 0 && d.sequenceAfter() < 0 ? ""
                : d.sequenceAfter() < 0 ? ", queue sequences after " + d.sequenceBefore()
                : d.sequenceBefore() < 0 ? ", queue sequences before " + d.sequenceAfter()
                : ", queue sequences between " + d.sequenceBefore() + " and " + d.sequenceAfter() + " (exclusive)";
        LOG.log(Level.ERROR, "Damaged message store file {0} at offset {1}: {2}. Skipped {3} bytes holding {4}{5}; "
                        + "those messages of queue ''{6}'' in vhost ''{7}'' are lost, {8} records of the file are kept. "
                        + "A copy of the damaged file is at {9}",
                file, Long.toString(d.offset()), d.reason(), Long.toString(d.bytes()), records, sequences,
                queue.name(), queue.vhost(), Integer.toString(kept), copy);
    }

    private void reportAcks(int segment, Path file, AckFile.Contents marks, Path copy) {
        corruption.add(new CorruptionReport(segment, file, marks.firstDamage, (long) marks.damagedEntries * AckFile.ENTRY,
                0, -1, -1, false, marks.damagedEntries + " ack entries fail their checksum", copy));
        LOG.log(Level.ERROR, "Damaged ack file {0}: {1} entries fail their checksum (the first at offset {2}). No message "
                        + "is dropped for them: every unacked message of segment {3} of queue ''{4}'' in vhost ''{5}'' "
                        + "comes back marked redelivered, and the file is written anew with its sound entries. "
                        + "A copy of the damaged file is at {6}",
                file, Integer.toString(marks.damagedEntries), Long.toString(marks.firstDamage), Integer.toString(segment),
                queue.name(), queue.vhost(), copy);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }
}
