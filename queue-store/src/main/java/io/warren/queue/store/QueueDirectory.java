package io.warren.queue.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The files of one queue's log. The directory is named by a hash of vhost and queue name, so any
 * name is safe on any file system; the real names are kept in {@value #NAME_FILE}, checksummed.
 */
final class QueueDirectory {
    static final String NAME_FILE = "queue.name";
    /** Beside the store's {@code queues} directory: copies of damaged files, one directory per queue. */
    static final String DAMAGED = "damaged";
    private static final System.Logger LOG = System.getLogger(QueueDirectory.class.getName());
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

    /**
     * Creates the directory if needed and durably records which queue it belongs to. A name file
     * that is missing or damaged is written anew: the directory's name is the hash of
     * {@code id}, so whoever opens it by that id knows whose it is. The damaged file is copied
     * aside first.
     */
    static void create(Path dir, QueueId id) throws IOException {
        Path nameFile = dir.resolve(NAME_FILE);
        if (Files.exists(nameFile)) {
            try {
                QueueId stored = readName(dir);
                if (!stored.equals(id)) {
                    throw new IOException("directory " + dir + " belongs to " + stored + ", not " + id);
                }
                return;
            } catch (DamagedNameException e) {
                Path copy = copyAside(nameFile);
                LOG.log(Level.ERROR, "{0}; it is written anew for queue ''{1}'' in vhost ''{2}'', whose hash names "
                        + "the directory. A copy of the damaged file is at {3}", e.getMessage(), id.name(), id.vhost(), copy);
            }
        } else if (Files.isDirectory(dir) && hasLogFiles(dir)) {
            LOG.log(Level.WARNING, "{0} was missing; it is written anew for queue ''{1}'' in vhost ''{2}'', whose hash "
                    + "names the directory", nameFile, id.name(), id.vhost());
        }
        Files.createDirectories(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(id.vhost());
            out.writeUTF(id.name());
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        byte[] content = ByteBuffer.allocate(bytes.size() + 4).put(bytes.toByteArray()).putInt((int) crc.getValue()).array();
        Path tmp = dir.resolve(NAME_FILE + ".tmp");
        writeDurably(tmp, content);
        Files.move(tmp, nameFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
        syncDirectory(dir.getParent());
    }

    /**
     * The queue a directory belongs to, from its name file: two modified UTF-8 strings (vhost and
     * queue name) and a CRC32C over them (files written before the checksum lack it). The names
     * must also hash to the directory's own name.
     *
     * @throws DamagedNameException if the file is missing, damaged, or names another directory's queue
     */
    static QueueId readName(Path dir) throws IOException {
        Path file = dir.resolve(NAME_FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DamagedNameException(file, "missing");
        }
        QueueId id;
        int namesEnd;
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            id = new QueueId(in.readUTF(), in.readUTF());
            namesEnd = bytes.length - in.available();
        } catch (IOException e) {
            throw new DamagedNameException(file, "cannot be parsed (" + e.getMessage() + ")");
        }
        if (bytes.length == namesEnd + 4) {
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, namesEnd);
            if (ByteBuffer.wrap(bytes).getInt(namesEnd) != (int) crc.getValue()) {
                throw new DamagedNameException(file, "fails its checksum");
            }
        } else if (bytes.length != namesEnd) {
            throw new DamagedNameException(file, "has " + (bytes.length - namesEnd) + " unexpected bytes after the names");
        }
        if (!of(dir.getParent(), id).equals(dir)) {
            throw new DamagedNameException(file, "names queue '" + id.name() + "' in vhost '" + id.vhost()
                    + "', whose directory would be another");
        }
        return id;
    }

    /** A queue directory's name file is missing or damaged. */
    static final class DamagedNameException extends IOException {
        DamagedNameException(Path file, String problem) {
            super("the queue name file " + file + " is " + (problem.startsWith("missing") ? "" : "damaged: it ")
                    + problem);
        }
    }

    private static boolean hasLogFiles(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.anyMatch(p -> segmentNumber(p.getFileName().toString()) >= 0
                    || acksNumber(p.getFileName().toString()) >= 0);
        }
    }

    /**
     * Copies a damaged file of a queue directory to {@code damaged/<directory>/} beside the
     * store's {@code queues} directory, before recovery changes or deletes it. A copy with the
     * same bytes made by an earlier recovery is reused.
     *
     * @return the copy
     */
    static Path copyAside(Path file) throws IOException {
        Path queueDir = file.getParent();
        Path target = queueDir.getParent().resolveSibling(DAMAGED).resolve(queueDir.getFileName().toString());
        Files.createDirectories(target);
        String name = file.getFileName().toString();
        for (int n = 0; ; n++) {
            Path copy = target.resolve(n == 0 ? name : name + "." + n);
            if (!Files.exists(copy)) {
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                syncDirectory(target);
                return copy;
            }
            if (Files.mismatch(file, copy) == -1) {
                return copy;
            }
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
