package io.warren.queue.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads one segment file from start to end and tells sound records from damaged bytes. A record
 * is sound when its frame announces a plausible length, the file holds all of it and its CRC32C
 * matches. After damage the scan looks at every following offset for the next sound record (a
 * cheap test of length, sequence and flags first, then the checksum), so damage costs only the
 * records it hit. Queue sequences grow within a segment, so a candidate must come after the last
 * sound record; that keeps a record-shaped piece of a message body from passing for a record.
 */
final class SegmentScan {

    /** Told of each sound record, in file order. */
    interface Visitor {
        void record(long offset, int length, long queueSequence, boolean afterDamage) throws IOException;
    }

    /**
     * Bytes that hold no sound record.
     *
     * @param offset          where they start
     * @param end             where the next sound record starts, or the file's end
     * @param records         how many records they held, if their frames still say so exactly; else -1
     * @param sequenceBefore  the queue sequence of the sound record before them in this file, or -1
     * @param sequenceAfter   the queue sequence of the sound record after them, or -1 if none follows
     * @param reason          what was wrong with the first bad record
     * @param incomplete      the file ends inside the first bad record, or only zeros follow
     *                        from inside it (what a crash leaves)
     * @param zeros           every byte from {@code offset} to the end is zero (what a crash can
     *                        leave where a file grew but its data never landed)
     */
    record Damage(long offset, long end, int records, long sequenceBefore, long sequenceAfter, String reason,
                  boolean incomplete, boolean zeros) {
        long bytes() {
            return end - offset;
        }
    }

    private final SegmentReader reader;
    private final long size;
    private final CRC32C crc = new CRC32C();
    private final List<Damage> damage = new ArrayList<>();
    private String problem;
    private boolean incomplete;

    private SegmentScan(SegmentReader reader, long size) {
        this.reader = reader;
        this.size = size;
    }

    /**
     * Scans the file behind {@code reader}.
     *
     * @return the damaged ranges, in file order (the last may run to the file's end)
     * @throws UnknownFormatException if the header names a format newer than this code reads
     */
    static List<Damage> scan(Path file, SegmentReader reader, Visitor visitor) throws IOException {
        SegmentScan scan = new SegmentScan(reader, reader.size());
        scan.run(file, visitor);
        return scan.damage;
    }

    private void run(Path file, Visitor visitor) throws IOException {
        long offset = RecordFormat.SEGMENT_HEADER;
        if (!reader.fill(0, RecordFormat.SEGMENT_HEADER)) {
            damage.add(new Damage(0, size, 0, -1, -1, "missing segment header", true, trailingZeros() == 0));
            return;
        }
        int version = RecordFormat.headerVersion(reader.window(), reader.indexOf(0));
        if (version > RecordFormat.VERSION && (size <= RecordFormat.SEGMENT_HEADER
                || soundRecord(RecordFormat.SEGMENT_HEADER) == 0)) {
            // A newer format, unless the records read as ours: then it is a damaged header.
            throw new UnknownFormatException(file, version, RecordFormat.VERSION);
        }
        long previous = -1;
        long damagedFrom = version == RecordFormat.VERSION ? -1 : 0;
        String damageReason = "invalid segment header";
        boolean damageIncomplete = false;
        while (offset < size) {
            int length = damagedFrom < 0 ? soundRecord(offset) : candidate(offset, previous);
            if (length > 0) {
                long sequence = RecordFormat.queueSequence(reader.window(), reader.indexOf(offset));
                if (damagedFrom >= 0) {
                    damage.add(new Damage(damagedFrom, offset, countRecords(damagedFrom, offset), previous, sequence,
                            damageReason, false, false));
                    damagedFrom = -1;
                }
                visitor.record(offset, length, sequence, !damage.isEmpty());
                previous = sequence;
                offset += length;
            } else if (damagedFrom < 0) {
                damagedFrom = offset;
                damageReason = problem;
                damageIncomplete = incomplete;
                offset++;
            } else {
                offset++;
            }
        }
        if (damagedFrom >= 0) {
            long zeros = trailingZeros();
            // A last record that has all its bytes but a damaged length was not torn by a crash,
            // even where its garbled length runs past zeros that end the file.
            boolean whole = damagedFrom >= RecordFormat.SEGMENT_HEADER && lengthDamaged(damagedFrom);
            damage.add(new Damage(damagedFrom, size, countRecords(damagedFrom, size), previous, -1, damageReason,
                    !whole && (damageIncomplete || endsInZeros(damagedFrom, zeros)), !whole && zeros <= damagedFrom));
        }
    }

    /**
     * Whether the bad record at {@code at} runs into the zeros that end the file: where a file grew
     * but the data of its last blocks never reached the disk, a record's end reads as zeros.
     */
    private boolean endsInZeros(long at, long zeros) throws IOException {
        if (zeros >= size) {
            return false;
        }
        if (zeros < at + RecordFormat.FRAME) {
            return true;
        }
        reader.fill(at, RecordFormat.FRAME);
        int payload = at == 0 ? -1 : RecordFormat.payloadLength(reader.window(), reader.indexOf(at));
        return payload >= 0 && at + RecordFormat.FRAME + payload > zeros;
    }

    /** Where the run of zero bytes that ends the file starts ({@link #size} if the last byte is not zero). */
    private long trailingZeros() throws IOException {
        long end = size;
        while (end > 0) {
            int n = (int) Math.min(64 * 1024, end);
            if (!reader.fill(end - n, n)) {
                return end;
            }
            byte[] window = reader.window();
            int start = reader.indexOf(end - n);
            for (int i = start + n - 1; i >= start; i--) {
                if (window[i] != 0) {
                    return end - n + (i - start) + 1;
                }
            }
            end -= n;
        }
        return 0;
    }

    /** @return the length of the sound record at {@code offset}, or 0 with {@link #problem} set */
    private int soundRecord(long offset) throws IOException {
        incomplete = false;
        if (!reader.fill(offset, RecordFormat.FRAME)) {
            incomplete = true;
            return fault("incomplete record frame");
        }
        int payload = RecordFormat.payloadLength(reader.window(), reader.indexOf(offset));
        if (payload < 0) {
            return lengthDamaged(offset) ? fault("damaged record length") : fault("invalid record length");
        }
        int length = RecordFormat.FRAME + payload;
        if (offset + length > size) {
            if (lengthDamaged(offset)) {
                return fault("damaged record length");
            }
            incomplete = true;
            return fault("incomplete record");
        }
        if (!reader.fill(offset, length)) {
            incomplete = true;
            return fault("incomplete record");
        }
        String bad = RecordFormat.verify(reader.window(), reader.indexOf(offset), length, crc);
        return bad == null ? length : fault(bad);
    }

    /**
     * Whether the bytes from {@code offset} to the file's end are a whole record but for a damaged
     * length field: then the last record was damaged, not torn by a crash.
     */
    private boolean lengthDamaged(long offset) throws IOException {
        long rest = size - offset;
        if (rest < RecordFormat.HEAD || rest > StoreSettings.MAX_SEGMENT_SIZE || !reader.fill(offset, (int) rest)) {
            return false;
        }
        return RecordFormat.soundButForLength(reader.window(), reader.indexOf(offset), (int) rest, crc);
    }

    /** @return the length of a sound record at {@code offset} after damage, or 0 */
    private int candidate(long offset, long previousSequence) throws IOException {
        if (offset + RecordFormat.HEAD > size || !reader.fill(offset, RecordFormat.HEAD)
                || !RecordFormat.plausibleHead(reader.window(), reader.indexOf(offset), previousSequence)) {
            return 0;
        }
        int length = RecordFormat.FRAME + RecordFormat.payloadLength(reader.window(), reader.indexOf(offset));
        if (offset + length > size || !reader.fill(offset, length)) {
            return 0;
        }
        return RecordFormat.verify(reader.window(), reader.indexOf(offset), length, crc) == null ? length : 0;
    }

    /** How many records the frames from {@code from} say lie before {@code to}, if they add up exactly; else -1. */
    private int countRecords(long from, long to) throws IOException {
        long at = Math.max(from, RecordFormat.SEGMENT_HEADER);
        int records = 0;
        while (at < to) {
            if (at + RecordFormat.FRAME > to || !reader.fill(at, RecordFormat.FRAME)) {
                return -1;
            }
            int payload = RecordFormat.payloadLength(reader.window(), reader.indexOf(at));
            if (payload < 0) {
                return -1;
            }
            at += RecordFormat.FRAME + payload;
            records++;
        }
        return at == to ? records : -1;
    }

    private int fault(String reason) {
        problem = reason;
        return 0;
    }
}
