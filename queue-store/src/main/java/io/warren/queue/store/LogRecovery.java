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
                    // An ack file being rewritten when the process stopped: the original is still there.
                    stale.add(path);
                }
            });
        }
        for (Path tmp : stale) {
            Files.deleteIfExists(tmp);
        }
        for (int orphan : ackIds) {
            if (!segmentIds.contains(orphan)) {
                missingSegment(orphan);
            }
        }
        for (int id : segmentIds) {
            try {
                recoverSegment(id, id == segmentIds.last());
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
        if (!segmentIds.isEmpty()) {
            nextSegment = segmentIds.last() + 1;
        }
    }

    private void recoverSegment(int id, boolean newest) throws IOException {
        Path file = QueueDirectory.segment(dir, id);
        Path acksFile = QueueDirectory.acks(dir, id);
        AckFile.Contents marks = AckFile.read(acksFile, id);
        bytesScanned += marks.size;
        SegmentState state = new SegmentState(id, RecordFormat.SEGMENT_HEADER);
        AckFile.Marks rewritten = marks.needsRewrite() ? new AckFile.Marks() : null;
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
                    delivered = marks.damaged() || marks.delivered.contains((int) offset);
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
        if (state.live() == 0) {
            Files.deleteIfExists(acksFile);
            Files.deleteIfExists(file);
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
     * An ack file without its segment. The store deletes a segment's ack file before the segment,
     * so this is not the trace of a crash: the segment file was removed by something else, and the
     * messages it held are gone. Say so, keep the ack file aside, and go on with the others.
     */
    private void missingSegment(int id) throws IOException {
        Path acks = QueueDirectory.acks(dir, id);
        Path segment = QueueDirectory.segment(dir, id);
        Path copy = QueueDirectory.copyAside(acks);
        corruption.add(new CorruptionReport(id, segment, 0, -1, -1, -1, -1, false, "segment file missing", copy));
        LOG.log(Level.ERROR, "The message store file {0} is missing, though its ack file remains: the messages it held "
                + "of queue ''{1}'' in vhost ''{2}'' are lost (how many cannot be known). The ack file is kept at {3}",
                segment, queue.name(), queue.vhost(), copy);
        Files.deleteIfExists(acks);
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
