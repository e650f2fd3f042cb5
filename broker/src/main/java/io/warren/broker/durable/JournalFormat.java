package io.warren.broker.durable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte layout of {@code topology.log}, and the parsing of one frame at a given offset.
 *
 * <p>Version 2 (written since issue 11): a 24-byte file header {@code "WARRENTJ"}, version 2,
 * the number of records in the snapshot the file begins with (8 bytes), and the CRC-32C of those
 * 20 bytes; then frames of {@code [magic:u16][length:int][seq:long]
 * [crc32c:int][payload]}, the CRC covering length, sequence number and payload. Every record
 * takes the next sequence number, so a reader that resynchronises after damage knows exactly how
 * many records it lost. Each write (a group of appends, or the snapshot) ends with an
 * end-of-write marker: a frame whose payload is the single byte {@link #END_OF_WRITE} and whose
 * sequence number is that of the write's last record. A write that a crash tore has no marker;
 * damage to the last record of a finished write has a valid marker after it, so it is told from
 * a torn tail.
 *
 * <p>Version 1 (before issue 11): no file header, frames of {@code [length:int][crc32c:int]
 * [payload]}. Still read; the snapshot at open rewrites it as version 2.
 */
final class JournalFormat {
    static final byte[] FILE_MAGIC = "WARRENTJ".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 2;
    static final int FILE_HEADER = 24;
    static final short FRAME_MAGIC = (short) 0xB7E1;
    static final int FRAME_HEADER = 18;
    static final int LEGACY_FRAME_HEADER = 8;
    /** No record comes near this; a length beyond it is damage, not a record. */
    static final int MAX_PAYLOAD = 64 << 20;
    /** The payload of an end-of-write marker: a type no record uses. */
    static final byte END_OF_WRITE = 0;

    private JournalFormat() {}

    /** One frame found in a file: where it is, and what it holds. */
    record Frame(int offset, int end, long seq, byte[] payload) {
        boolean endOfWrite() {
            return payload.length == 1 && payload[0] == END_OF_WRITE;
        }
    }

    /** @param snapshotRecords how many records the snapshot that follows holds */
    static byte[] fileHeader(long snapshotRecords) {
        ByteBuffer b = ByteBuffer.allocate(FILE_HEADER).order(ByteOrder.BIG_ENDIAN);
        b.put(FILE_MAGIC).putInt(VERSION).putLong(snapshotRecords);
        b.putInt(crc(b.array(), 0, 20));
        return b.array();
    }

    static boolean startsWithMagic(byte[] file) {
        return file.length >= FILE_MAGIC.length
                && Arrays.equals(file, 0, FILE_MAGIC.length, FILE_MAGIC, 0, FILE_MAGIC.length);
    }

    /** The version a file header names, or -1 when its checksum fails. */
    static int headerVersion(byte[] file) {
        if (file.length < FILE_HEADER) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        int version = b.getInt(8);
        return b.getInt(20) == crc(file, 0, 20) ? version : -1;
    }

    /** The number of snapshot records a checked file header names. */
    static long headerSnapshotRecords(byte[] file) {
        return ByteBuffer.wrap(file).getLong(12);
    }

    /** Appends one version-2 frame holding {@code payload} to {@code out}. */
    static void writeFrame(ByteBuffer out, long seq, byte[] payload) {
        int start = out.position();
        out.putShort(FRAME_MAGIC).putInt(payload.length).putLong(seq).putInt(0).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), out.arrayOffset() + start + 2, 12);
        crc.update(payload);
        out.putInt(start + 14, (int) crc.getValue());
    }

    /** One write's frames: its records numbered from {@code firstSeq}, then the end-of-write marker. */
    static ByteBuffer write(List<byte[]> payloads, long firstSeq) {
        byte[] marker = {END_OF_WRITE};
        int size = frameSize(marker);
        for (byte[] p : payloads) {
            size += frameSize(p);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        long seq = firstSeq;
        for (byte[] p : payloads) {
            writeFrame(out, seq++, p);
        }
        writeFrame(out, seq - 1, marker);
        return out.flip();
    }

    static int frameSize(byte[] payload) {
        return FRAME_HEADER + payload.length;
    }

    /** The version-2 frame at {@code offset}, or null when there is none (wrong magic, implausible length, bad CRC). */
    static Frame parse(byte[] file, int offset) {
        if (offset < 0 || file.length - offset < FRAME_HEADER) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        if (b.getShort(offset) != FRAME_MAGIC) {
            return null;
        }
        int length = b.getInt(offset + 2);
        if (length <= 0 || length > MAX_PAYLOAD || length > file.length - offset - FRAME_HEADER) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(file, offset + 2, 12);
        crc.update(file, offset + FRAME_HEADER, length);
        if ((int) crc.getValue() != b.getInt(offset + 14)) {
            return null;
        }
        long seq = b.getLong(offset + 6);
        int start = offset + FRAME_HEADER;
        return new Frame(offset, start + length, seq, Arrays.copyOfRange(file, start, start + length));
    }

    /**
     * The payload a version-2 frame header at {@code offset} claims, its checksum unchecked: for
     * naming what damage probably destroyed. Null when the header is not even plausible.
     */
    static byte[] unchecked(byte[] file, int offset) {
        if (offset < 0 || file.length - offset < FRAME_HEADER) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        int length = b.getInt(offset + 2);
        if (length <= 0 || length > file.length - offset - FRAME_HEADER) {
            return null;
        }
        return Arrays.copyOfRange(file, offset + FRAME_HEADER, offset + FRAME_HEADER + length);
    }

    /** The version-1 frame at {@code offset}, or null. Version 1 has no sequence numbers: seq is -1. */
    static Frame parseLegacy(byte[] file, int offset) {
        if (offset < 0 || file.length - offset < LEGACY_FRAME_HEADER) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        int length = b.getInt(offset);
        if (length <= 0 || length > MAX_PAYLOAD || length > file.length - offset - LEGACY_FRAME_HEADER) {
            return null;
        }
        int start = offset + LEGACY_FRAME_HEADER;
        if (crc(file, start, length) != b.getInt(offset + 4)) {
            return null;
        }
        return new Frame(offset, start + length, -1, Arrays.copyOfRange(file, start, start + length));
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
