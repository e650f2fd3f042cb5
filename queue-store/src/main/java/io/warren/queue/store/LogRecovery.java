package io.warren.queue.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * Rebuilds a queue's segment states from its directory. Reads every segment still on disk, since
 * those are the ones holding live messages (fully acked segments are deleted as the queue runs),
 * so the work is proportional to what is still queued. The newest segment's torn tail is cut off
 * the file; damage in an older segment is reported and reading resumes with the next segment.
 */
final class LogRecovery {
    private static final System.Logger LOG = System.getLogger(LogRecovery.class.getName());
    private static final int WINDOW = 1024 * 1024;

    final TreeMap<Integer, SegmentState> segments = new TreeMap<>();
    private final List<CorruptionReport> corruption = new ArrayList<>();
    private final Path dir;
    private final boolean clean;
    private final CRC32C crc = new CRC32C();
    private long bytesScanned;
    private int nextSegment = 1;

    private LogRecovery(Path dir, boolean clean) {
        this.dir = dir;
        this.clean = clean;
    }

    static LogRecovery run(Path dir, boolean clean) throws IOException {
        LogRecovery recovery = new LogRecovery(dir, clean);
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
            });
        }
        for (int orphan : ackIds) {
            if (!segmentIds.contains(orphan)) {
                // The segment went first and the crash came before its ack file followed.
                Files.deleteIfExists(QueueDirectory.acks(dir, orphan));
            }
        }
        for (int id : segmentIds) {
            recoverSegment(id, id == segmentIds.last());
        }
        if (!segmentIds.isEmpty()) {
            nextSegment = segmentIds.last() + 1;
        }
    }

    private void recoverSegment(int id, boolean newest) throws IOException {
        BitSet acked = new BitSet();
        BitSet delivered = new BitSet();
        readMarks(id, acked, delivered);
        SegmentState state = new SegmentState(id, RecordFormat.SEGMENT_HEADER);
        Path file = QueueDirectory.segment(dir, id);
        try (SegmentReader reader = new SegmentReader(FileChannel.open(file, StandardOpenOption.READ), WINDOW)) {
            long size = reader.size();
            long end = scanRecords(reader, size, state, acked, delivered, newest);
            bytesScanned += reader.bytesRead();
            if (end < size && newest) {
                truncate(file, end);
            }
            state.readableEnd((int) end);
        }
        state.seal();
        if (state.live() == 0) {
            Files.deleteIfExists(QueueDirectory.acks(dir, id));
            Files.deleteIfExists(file);
        } else {
            segments.put(id, state);
        }
    }

    /** @return the offset after the last sound record */
    private long scanRecords(SegmentReader reader, long size, SegmentState state, BitSet acked,
                             BitSet delivered, boolean newest) throws IOException {
        if (!reader.fill(0, RecordFormat.SEGMENT_HEADER)
                || !RecordFormat.isSegmentHeader(reader.window(), reader.indexOf(0))) {
            report(state.id, 0, size, newest, "missing or invalid segment header");
            return 0;
        }
        long offset = RecordFormat.SEGMENT_HEADER;
        while (offset < size) {
            if (!reader.fill(offset, RecordFormat.FRAME)) {
                report(state.id, offset, size - offset, newest, "incomplete record frame");
                return offset;
            }
            int payload = RecordFormat.payloadLength(reader.window(), reader.indexOf(offset));
            if (payload < 0) {
                report(state.id, offset, size - offset, newest, "invalid record length");
                return offset;
            }
            int length = RecordFormat.FRAME + payload;
            if (!reader.fill(offset, length)) {
                report(state.id, offset, size - offset, newest, "incomplete record");
                return offset;
            }
            String problem = RecordFormat.verify(reader.window(), reader.indexOf(offset), length, crc);
            if (problem != null) {
                report(state.id, offset, size - offset, newest, problem);
                return offset;
            }
            int ordinal = state.records();
            state.recovered(length, acked.get(ordinal), !clean || delivered.get(ordinal));
            offset += length;
        }
        return offset;
    }

    private void readMarks(int id, BitSet acked, BitSet delivered) throws IOException {
        Path file = QueueDirectory.acks(dir, id);
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        bytesScanned += bytes.length;
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int sound = 0;
        while (in.remaining() >= 4) {
            int entry = in.getInt();
            if (entry == 0) {
                // Zeros are what a crash leaves where the file grew but the data never landed.
                break;
            }
            (entry > 0 ? acked : delivered).set(Math.abs(entry) - 1);
            sound += 4;
        }
        if (sound < bytes.length) {
            truncate(file, sound);
        }
    }

    private void report(int segment, long offset, long dropped, boolean tornTail, String reason) {
        CorruptionReport report = new CorruptionReport(segment, offset, dropped, tornTail, reason);
        corruption.add(report);
        LOG.log(tornTail ? Level.INFO : Level.WARNING, "Skipped {0} bytes of {1} at offset {2}: {3}",
                dropped, dir.resolve(QueueDirectory.segment(dir, segment).getFileName()), offset, reason);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        }
    }
}
