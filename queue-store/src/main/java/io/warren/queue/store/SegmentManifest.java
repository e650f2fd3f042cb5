package io.warren.queue.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * Which segments of a queue's log exist: the file {@value #FILE} in the queue's directory, so
 * that recovery can tell a segment (or an ack file) that something else deleted from one the
 * store deleted because every message in it was acked. All integers big-endian:
 *
 * <pre>
 * manifest = magic:int32 version:int32 next:int32 count:int32 segment:int32{count} crc:int32
 * next     = one more than the newest segment number ever created (numbers are never reused)
 * segment  = a live segment: its segment file and its ack file both exist
 * crc      = CRC32C over everything before it
 * </pre>
 *
 * Rewritten whole (a temporary file renamed over it) only when a segment is created or dropped,
 * never per message. The order makes every crash read as one: a segment's two files are created
 * and their directory entries made durable before the manifest lists it, and the manifest stops
 * listing a segment before its files are deleted. So a listed segment whose file is missing was
 * deleted by something else; an unlisted segment numbered at or above {@code next} is a creation
 * a crash interrupted (none of its records was confirmed); an unlisted one below it is a deletion
 * a crash interrupted.
 *
 * <p>Used by one thread at a time: recovery, then the queue's store thread.
 */
final class SegmentManifest {
    static final String FILE = "segments.manifest";
    static final int MAGIC = 0x5752_4E4D;
    static final int VERSION = 1;

    final TreeSet<Integer> live = new TreeSet<>();
    int next = 1;

    /** The manifest could not be used: missing or damaged. */
    static final class Unreadable extends IOException {
        final boolean missing;

        Unreadable(Path file, boolean missing, String problem) {
            super(file + " " + problem);
            this.missing = missing;
        }
    }

    static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /**
     * Reads the manifest of {@code dir}.
     *
     * @throws Unreadable if it is missing or fails its checksum
     * @throws UnknownFormatException if it is of a newer format
     */
    static SegmentManifest read(Path dir) throws IOException {
        Path file = file(dir);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Unreadable(file, true, "is missing");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 20 || in.getInt(0) != MAGIC) {
            throw new Unreadable(file, false, "is damaged: no manifest header");
        }
        int count = in.getInt(12);
        if (count < 0 || (long) 20 + 4L * count != bytes.length) {
            throw new Unreadable(file, false, "is damaged: its length does not match its count of segments");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if (in.getInt(bytes.length - 4) != (int) crc.getValue()) {
            throw new Unreadable(file, false, "is damaged: it fails its checksum");
        }
        if (in.getInt(4) > VERSION) {
            throw new UnknownFormatException(file, in.getInt(4), VERSION);
        }
        SegmentManifest m = new SegmentManifest();
        m.next = in.getInt(8);
        for (int i = 0; i < count; i++) {
            m.live.add(in.getInt(16 + 4 * i));
        }
        return m;
    }

    /**
     * Replaces the manifest on disk by this one: a temporary file renamed over it, synced with
     * its directory when {@code sync} (under {@link FsyncPolicy#NONE} the page cache is the promise).
     */
    void write(Path dir, boolean sync, SegmentWriter.Opener opener) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(20 + 4 * live.size());
        out.putInt(MAGIC).putInt(VERSION).putInt(next).putInt(live.size());
        for (int segment : live) {
            out.putInt(segment);
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        out.flip();
        Path file = file(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel channel = opener.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            if (sync) {
                channel.force(true);
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (sync) {
            QueueDirectory.syncDirectory(dir);
        }
    }
}
