package io.warren.broker.durable;

import io.warren.broker.durable.JournalFormat.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What reading a journal file's bytes found: its records in order, the damaged regions that
 * recovery stepped over, and a torn tail. Pure: no files, no logging, so that it can be tested
 * against every kind of damage.
 *
 * <p>Reading resynchronises after damage: from the first offset where no valid frame starts, it
 * tries every later offset for a frame with the frame magic, a plausible length, a valid checksum
 * and a sequence number after the last one read. Bytes skipped with a valid frame after them are
 * damage in the middle; bytes at the end with none after them are a torn tail, which is what a
 * crash in the middle of a write leaves.
 *
 * @param version  2 for the current format, 1 for the format before it, 0 for an empty file
 * @param records  the valid records in file order (end-of-write markers left out)
 * @param damages  regions skipped in the middle, in file order
 * @param tail     the torn tail cut at the end, or null
 * @param snapshotRecords how many records the file's first write (the snapshot taken when it was
 *                 opened) holds; records numbered after it were appended since; -1 when unknown
 */
public record JournalScan(int version, List<Frame> records, List<Damage> damages, Tail tail, long snapshotRecords) {

    /**
     * A region recovery skipped, with valid records after it.
     *
     * @param firstLost   the sequence number of the first record lost, or -1 when not known
     * @param recordsLost how many records the region held (from the sequence numbers around it);
     *                    -1 when not known (version 1 has no sequence numbers)
     * @param probably    the payload the first frame header in the region claims, unchecked: a
     *                    hint of what was lost, or null
     */
    public record Damage(int offset, int length, long firstLost, long recordsLost, byte[] probably) {}

    /** Bytes cut at the end: from {@code offset} to the end of the file. */
    public record Tail(int offset, int length) {}

    /** A file header naming a version this build does not read. */
    static final class UnknownVersion extends RuntimeException {
        final int version;

        UnknownVersion(int version) {
            super("it is in format version " + version + ", which this version of Warren does not know", null,
                    false, false);
            this.version = version;
        }
    }

    public boolean damaged() {
        return !damages.isEmpty();
    }

    /**
     * A node that never finished a write after its first start: the file holds the empty
     * snapshot (the header and an end-of-write marker numbered 0) and at most a torn tail. Any
     * other file without a valid record has lost what it held.
     */
    boolean neverWritten(byte[] file) {
        JournalFormat.Frame first = version == 2 ? JournalFormat.parse(file, JournalFormat.FILE_HEADER) : null;
        return records.isEmpty() && damages.isEmpty() && snapshotRecords == 0 && first != null && first.endOfWrite()
                && first.seq() == 0;
    }

    /**
     * Reads a journal file's bytes.
     *
     * @param decodes whether a payload is a record this build can decode: version 1 frames carry
     *                no magic, so a candidate found while resynchronising must also decode
     * @throws UnknownVersion when the file header names another version
     */
    static JournalScan read(byte[] file, Predicate<byte[]> decodes) {
        if (file.length == 0) {
            return new JournalScan(0, List.of(), List.of(), null, -1);
        }
        if (JournalFormat.startsWithMagic(file)) {
            int version = JournalFormat.headerVersion(file);
            if (version != JournalFormat.VERSION && version != -1) {
                throw new UnknownVersion(version);
            }
            return readCurrent(file, version == -1);
        }
        JournalScan legacy = readLegacy(file, decodes);
        if (!legacy.records.isEmpty()) {
            return legacy;
        }
        // Not a version 1 journal either: perhaps a version 2 journal whose header is damaged.
        JournalScan current = readCurrent(file, true);
        return current.records.isEmpty() ? legacy : current;
    }

    private static JournalScan readCurrent(byte[] file, boolean headerDamaged) {
        List<Frame> records = new ArrayList<>();
        List<Damage> damages = new ArrayList<>();
        if (headerDamaged) {
            damages.add(new Damage(0, Math.min(JournalFormat.FILE_HEADER, file.length), -1, 0, null));
        }
        long snapshot = headerDamaged ? -1 : JournalFormat.headerSnapshotRecords(file);
        int pos = JournalFormat.FILE_HEADER;
        long lastSeq = 0;
        while (pos < file.length) {
            Frame f = JournalFormat.parse(file, pos);
            if (f == null || !follows(f, lastSeq)) {
                Frame next = null;
                for (int q = pos + 1; q <= file.length - JournalFormat.FRAME_HEADER && next == null; q++) {
                    Frame c = JournalFormat.parse(file, q);
                    next = c != null && follows(c, lastSeq) ? c : null;
                }
                if (next == null) {
                    return new JournalScan(2, records, damages, new Tail(pos, file.length - pos), snapshot);
                }
                long lost = next.endOfWrite() ? next.seq() - lastSeq : next.seq() - lastSeq - 1;
                damages.add(new Damage(pos, next.offset() - pos, lastSeq + 1, lost, JournalFormat.unchecked(file, pos)));
                f = next;
            }
            if (!f.endOfWrite()) {
                records.add(f);
            }
            lastSeq = f.seq();
            pos = f.end();
        }
        return new JournalScan(2, records, damages, null, snapshot);
    }

    /** A record takes the next sequence number; an end-of-write marker repeats its write's last one. */
    private static boolean follows(Frame f, long lastSeq) {
        return f.endOfWrite() ? f.seq() >= lastSeq : f.seq() > lastSeq;
    }

    private static JournalScan readLegacy(byte[] file, Predicate<byte[]> decodes) {
        List<Frame> records = new ArrayList<>();
        List<Damage> damages = new ArrayList<>();
        int pos = 0;
        while (pos < file.length) {
            Frame f = JournalFormat.parseLegacy(file, pos);
            if (f == null) {
                for (int q = pos + 1; q <= file.length - JournalFormat.LEGACY_FRAME_HEADER && f == null; q++) {
                    Frame c = JournalFormat.parseLegacy(file, q);
                    f = c != null && decodes.test(c.payload()) ? c : null;
                }
                if (f == null) {
                    return new JournalScan(1, records, damages, new Tail(pos, file.length - pos), -1);
                }
                damages.add(new Damage(pos, f.offset() - pos, -1, -1, null));
            }
            records.add(f);
            pos = f.end();
        }
        return new JournalScan(1, records, damages, null, -1);
    }
}
