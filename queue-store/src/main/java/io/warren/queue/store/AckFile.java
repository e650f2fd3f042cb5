package io.warren.queue.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The byte layout of ack files ({@code acks.N}, beside segment N), all integers big-endian.
 *
 * <pre>
 * acks  = magic:int32 version:int32 entry*
 * entry = mark:int32 crc:int32
 * mark  = the byte offset of a record in segment N; the top bit set for a delivery mark, clear for an ack
 * crc   = CRC32C over segment:int32 mark:int32
 * </pre>
 *
 * A mark names its record by offset, which stays true when recovery skips a damaged record before
 * it. An entry that fails its checksum is ignored: its record reads back unacked (redelivered),
 * never dropped. Files of version 1 have no header and no checksums; each entry is an int32,
 * ordinal + 1 for an ack and its negation for a delivery mark. Recovery reads them and rewrites
 * them in this format.
 */
final class AckFile {
    static final int MAGIC = 0x5752_4E41;
    /** Version 3: created together with its segment, listed in the {@link SegmentManifest}. Entries as in 2. */
    static final int VERSION = 3;
    static final int VERSION_UNPAIRED = 2;
    static final int HEADER = 8;
    static final int ENTRY = 8;
    static final int DELIVERED = 0x8000_0000;

    private AckFile() {
    }

    static ByteBuffer header() {
        return ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(VERSION).flip();
    }

    static void putEntry(ByteBuffer out, int segment, int mark, CRC32C crc) {
        out.putInt(mark);
        out.putInt(checksum(segment, mark, crc));
    }

    private static int checksum(int segment, int mark, CRC32C crc) {
        // Byte by byte, big-endian: no buffer to allocate for each ack on the store thread.
        crc.reset();
        for (int shift = 24; shift >= 0; shift -= 8) {
            crc.update(segment >>> shift);
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            crc.update(mark >>> shift);
        }
        return (int) crc.getValue();
    }

    /** What one ack file holds. */
    static final class Contents {
        final Marks acked = new Marks();
        final Marks delivered = new Marks();
        /** Version 1: the marks are record ordinals, not offsets. */
        boolean legacy;
        /** The header's version, if it is sound; 0 otherwise. */
        int version;
        int damagedEntries;
        long firstDamage = -1;
        /** Where the sound part ends, when a torn tail follows it (else the file's size). */
        long soundEnd;
        boolean tornTail;
        long size;

        boolean damaged() {
            return damagedEntries > 0;
        }

        /** Whether recovery must write the file anew: it is of version 1, or damaged. */
        boolean needsRewrite() {
            return legacy || damaged();
        }
    }

    /** Reads the ack file of {@code segment}; a missing file holds nothing. */
    static Contents read(Path file, int segment) throws IOException {
        Contents c = new Contents();
        if (!Files.exists(file)) {
            return c;
        }
        byte[] bytes = Files.readAllBytes(file);
        c.size = bytes.length;
        c.soundEnd = bytes.length;
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        boolean magic = bytes.length >= HEADER && in.getInt(0) == MAGIC;
        if (magic && (in.getInt(4) == VERSION || in.getInt(4) == VERSION_UNPAIRED)) {
            c.version = in.getInt(4);
            readEntries(in, segment, c, crc);
        } else if (magic && in.getInt(4) > VERSION && in.getInt(4) < 256 && bytes.length > HEADER
                && soundEntries(in, segment, crc) == 0) {
            // A newer format, unless its entries read as ours, or there are none to tell (a header
            // alone, as every new segment's ack file has), or the number is no version any Warren
            // would write (a flipped high byte): then it is a damaged header, which costs nothing.
            throw new UnknownFormatException(file, in.getInt(4), VERSION);
        } else if (bytes.length < HEADER && (isZero(bytes, 0) || isHeaderPrefix(bytes))) {
            // Created, then the crash came before its header reached the disk.
            c.tornTail = bytes.length > 0;
            c.soundEnd = 0;
        } else if (magic || nearMagic(in) || soundEntries(in, segment, crc) > 0) {
            // A damaged header in front of checksummed entries (or of none).
            c.damagedEntries++;
            c.firstDamage = 0;
            readEntries(in, segment, c, crc);
        } else {
            readLegacy(in, c);
        }
        return c;
    }

    private static void readEntries(ByteBuffer in, int segment, Contents c, CRC32C crc) {
        int limit = in.limit();
        int lastSound = HEADER;
        int firstBad = -1;
        int bad = 0;
        for (int at = HEADER; at + ENTRY <= limit; at += ENTRY) {
            int mark = in.getInt(at);
            if (in.getInt(at + 4) == checksum(segment, mark, crc)) {
                ((mark & DELIVERED) != 0 ? c.delivered : c.acked).add(mark & ~DELIVERED);
                lastSound = at + ENTRY;
                if (firstBad >= 0) {
                    // Bad entries with sound ones after them: damage, not the trace of a crash.
                    c.damagedEntries += bad;
                    c.firstDamage = c.firstDamage < 0 ? firstBad : c.firstDamage;
                    firstBad = -1;
                    bad = 0;
                }
            } else {
                firstBad = firstBad < 0 ? at : firstBad;
                bad++;
            }
        }
        if (lastSound < limit) {
            if (isZero(in.array(), lastSound) || limit - lastSound < ENTRY) {
                c.tornTail = true;
                c.soundEnd = lastSound;
            } else {
                c.damagedEntries += Math.max(bad, 1);
                c.firstDamage = c.firstDamage < 0 ? lastSound : c.firstDamage;
            }
        }
    }

    private static int soundEntries(ByteBuffer in, int segment, CRC32C crc) {
        int sound = 0;
        for (int at = HEADER; at + ENTRY <= in.limit(); at += ENTRY) {
            if (in.getInt(at + 4) == checksum(segment, in.getInt(at), crc)) {
                sound++;
            }
        }
        return sound;
    }

    private static void readLegacy(ByteBuffer in, Contents c) {
        c.legacy = true;
        int at = 0;
        while (at + 4 <= in.limit()) {
            int entry = in.getInt(at);
            if (entry == 0) {
                // Zeros are what a crash leaves where the file grew but the data never landed.
                break;
            }
            (entry > 0 ? c.acked : c.delivered).add(Math.abs(entry) - 1);
            at += 4;
        }
        c.tornTail = at < in.limit();
        c.soundEnd = at;
    }

    /**
     * A header whose magic number differs in a byte or two: damage, not a version 1 file (whose
     * entries are small record ordinals), so that a damaged header of an ack file without entries
     * is never read as acks.
     */
    private static boolean nearMagic(ByteBuffer in) {
        if (in.limit() < HEADER) {
            return false;
        }
        int diff = in.getInt(0) ^ MAGIC;
        int bytes = 0;
        for (int shift = 0; shift < 32; shift += 8) {
            bytes += ((diff >>> shift) & 0xFF) != 0 ? 1 : 0;
        }
        return bytes <= 2;
    }

    private static boolean isHeaderPrefix(byte[] bytes) {
        byte[] header = header().array();
        return bytes.length > 0 && java.util.Arrays.equals(bytes, 0, bytes.length, header, 0, bytes.length);
    }

    private static boolean isZero(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Replaces the ack file of {@code segment} by one holding {@code marks}, atomically and durably. */
    static void rewrite(Path file, int segment, Marks marks) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(HEADER + ENTRY * marks.size);
        out.put(header());
        CRC32C crc = new CRC32C();
        for (int i = 0; i < marks.size; i++) {
            putEntry(out, segment, marks.values[i], crc);
        }
        out.flip();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        QueueDirectory.syncDirectory(file.getParent());
    }

    /** A growable set of ints, sorted once filled. */
    static final class Marks {
        private int[] values = new int[16];
        private int size;
        private boolean sorted = true;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            sorted &= size == 0 || values[size - 1] <= value;
            values[size++] = value;
        }

        boolean contains(int value) {
            if (!sorted) {
                Arrays.sort(values, 0, size);
                sorted = true;
            }
            return Arrays.binarySearch(values, 0, size, value) >= 0;
        }

        int size() {
            return size;
        }

        /** The {@code i}th smallest value. */
        int get(int i) {
            contains(0);
            return values[i];
        }
    }
}
