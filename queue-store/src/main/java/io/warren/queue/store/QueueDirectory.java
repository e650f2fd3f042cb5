package io.warren.queue.store;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The files of one queue's log. The directory is named by a hash of vhost and queue name, so any
 * name is safe on any file system; the real names are kept in {@value #NAME_FILE}.
 */
final class QueueDirectory {
    static final String NAME_FILE = "queue.name";
    private static final String CLEAN_MARKER = "clean-shutdown";
    private static final String SEGMENT_PREFIX = "msgs.";
    private static final String ACKS_PREFIX = "acks.";

    private QueueDirectory() {
    }

    static Path of(Path queuesRoot, QueueId id) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(id.vhost().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(id.name().getBytes(StandardCharsets.UTF_8));
            return queuesRoot.resolve(HexFormat.of().formatHex(sha.digest(), 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static Path segment(Path dir, int segment) {
        return dir.resolve(SEGMENT_PREFIX + String.format("%010d", segment));
    }

    static Path acks(Path dir, int segment) {
        return dir.resolve(ACKS_PREFIX + String.format("%010d", segment));
    }

    /** The segment number of a segment file name, or -1 if the name is not one. */
    static int segmentNumber(String fileName) {
        return number(fileName, SEGMENT_PREFIX);
    }

    /** The segment number of an ack file name, or -1 if the name is not one. */
    static int acksNumber(String fileName) {
        return number(fileName, ACKS_PREFIX);
    }

    private static int number(String fileName, String prefix) {
        if (!fileName.startsWith(prefix) || fileName.length() != prefix.length() + 10) {
            return -1;
        }
        try {
            return Integer.parseInt(fileName.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Creates the directory if needed and durably records which queue it belongs to. */
    static void create(Path dir, QueueId id) throws IOException {
        if (Files.isRegularFile(dir.resolve(NAME_FILE))) {
            QueueId stored = readName(dir);
            if (!stored.equals(id)) {
                throw new IOException("directory " + dir + " belongs to " + stored + ", not " + id);
            }
            return;
        }
        Files.createDirectories(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(id.vhost());
            out.writeUTF(id.name());
        }
        Path tmp = dir.resolve(NAME_FILE + ".tmp");
        writeDurably(tmp, bytes.toByteArray());
        Files.move(tmp, dir.resolve(NAME_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
        syncDirectory(dir.getParent());
    }

    static QueueId readName(Path dir) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve(NAME_FILE)))) {
            return new QueueId(in.readUTF(), in.readUTF());
        }
    }

    /**
     * Whether the last close was clean. The marker is removed durably, so that a crash from now
     * on is seen as unclean by the next recovery.
     */
    static boolean takeCleanMarker(Path dir) throws IOException {
        boolean clean = Files.deleteIfExists(dir.resolve(CLEAN_MARKER));
        if (clean) {
            syncDirectory(dir);
        }
        return clean;
    }

    static void writeCleanMarker(Path dir) throws IOException {
        writeDurably(dir.resolve(CLEAN_MARKER), new byte[0]);
        syncDirectory(dir);
    }

    /** Makes creations, renames and deletions of entries in {@code dir} durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }
}
