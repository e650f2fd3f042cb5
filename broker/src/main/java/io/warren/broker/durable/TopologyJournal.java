package io.warren.broker.durable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.warren.queue.store.StorageHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;

/**
 * The durable topology's journal: an append-only file of {@link TopologyRecord}s, each framed as
 * {@code [length:int][crc32c:int][record]}. A declare-ok for a durable object is the promise that
 * it survives a crash, so {@link #append} calls back only after the fsync that covers the
 * record; records appended together, from any threads, share one write and one fsync.
 *
 * <p>{@link #open} replays the file, cuts a torn tail (a record a crash left half written fails
 * its length or checksum), and rewrites the file as a compact snapshot of what is live, so the
 * journal grows with changes made since the last start, not with history.
 *
 * <p>Threading: {@link #append} may be called from any thread; the writes, fsyncs and callbacks
 * run on the journal's own thread, never on an event loop.
 */
public final class TopologyJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopologyJournal.class);
    static final String FILE_NAME = "topology.log";
    private static final int HEADER = 8;

    private record Pending(List<TopologyRecord> records, Runnable onDurable) {}

    private final Path file;
    private final FileChannel channel;
    private final FileChannel lockFile;
    private final DurableTopology recovered;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warren-topology-journal");
        t.setDaemon(true);
        return t;
    });
    private long fsyncs;

    private TopologyJournal(Path file, FileChannel channel, FileChannel lockFile, DurableTopology recovered) {
        this.file = file;
        this.channel = channel;
        this.lockFile = lockFile;
        this.recovered = recovered;
    }

    /** Replays and compacts the journal in {@code dataDir} (creating it if absent), then opens it for appends. */
    public static TopologyJournal open(Path dataDir) {
        return open(dataDir, new StorageHealth());
    }

    /** Opens the journal as {@link #open(Path)} does, reporting its faults to {@code health}. */
    public static TopologyJournal open(Path dataDir, StorageHealth health) {
        try {
            Files.createDirectories(dataDir);
            FileChannel lock = lock(dataDir);
            Path file = dataDir.resolve(FILE_NAME);
            DurableTopology state = replay(file);
            writeSnapshot(dataDir, file, state.snapshot());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new TopologyJournal(file, ch, lock, state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the topology journal in " + dataDir, e);
        }
    }

    /** Two brokers writing one journal would corrupt it: the first one to start holds this lock. */
    private static FileChannel lock(Path dataDir) throws IOException {
        FileChannel ch = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        boolean locked;
        try {
            locked = ch.tryLock() != null;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            locked = false; // held by this same JVM (an embedded broker already running)
        }
        if (!locked) {
            ch.close();
            throw new IllegalStateException("data directory " + dataDir.toAbsolutePath()
                    + " is in use by another Warren process");
        }
        return ch;
    }

    /** What the journal held when it was opened. */
    public DurableTopology recovered() {
        return recovered;
    }

    /** How many fsyncs appends have cost so far (group commit makes this far fewer than appends). */
    public synchronized long fsyncs() {
        return fsyncs;
    }

    /** Appends records; {@code onDurable} runs on the journal's thread once they are on disk. */
    public void append(List<TopologyRecord> records, Runnable onDurable) {
        pending.add(new Pending(records, onDurable));
        if (drainScheduled.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<Pending> batch = new ArrayList<>();
        for (Pending p; (p = pending.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        ByteBuf buf = Unpooled.buffer();
        try {
            for (Pending p : batch) {
                for (TopologyRecord r : p.records()) {
                    frame(buf, r);
                }
            }
            ByteBuffer nio = buf.nioBuffer();
            while (nio.hasRemaining()) {
                channel.write(nio);
            }
            channel.force(false);
            synchronized (this) {
                fsyncs++;
            }
        } catch (IOException e) {
            // Nothing can be promised any more: say so loudly, and do not confirm.
            LOG.error("topology journal {}: write failed; durable declarations are not being saved", file, e);
            return;
        } finally {
            buf.release();
        }
        for (Pending p : batch) {
            p.onDurable().run();
        }
    }

    private static void frame(ByteBuf out, TopologyRecord r) {
        int start = out.writerIndex();
        out.writeInt(0).writeInt(0);
        TopologyCodec.write(out, r);
        int length = out.writerIndex() - start - HEADER;
        CRC32C crc = new CRC32C();
        crc.update(out.nioBuffer(start + HEADER, length));
        out.setInt(start, length);
        out.setInt(start + 4, (int) crc.getValue());
    }

    static DurableTopology replay(Path file) throws IOException {
        DurableTopology state = new DurableTopology();
        if (!Files.exists(file)) {
            return state;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(Files.readAllBytes(file));
        int records = 0;
        while (buf.readableBytes() >= HEADER) {
            int start = buf.readerIndex();
            int length = buf.readInt();
            int expected = buf.readInt();
            if (length < 0 || length > buf.readableBytes()) {
                break;
            }
            CRC32C crc = new CRC32C();
            crc.update(buf.nioBuffer(buf.readerIndex(), length));
            if ((int) crc.getValue() != expected) {
                buf.readerIndex(start);
                break;
            }
            ByteBuf record = buf.readSlice(length);
            try {
                state.apply(TopologyCodec.read(record));
            } catch (RuntimeException e) {
                buf.readerIndex(start);
                break;
            }
            records++;
        }
        if (buf.isReadable()) {
            // A crash mid-append leaves a torn record at the end; what follows it was never promised.
            LOG.warn("topology journal {}: cut {} bytes of an incomplete record at the end after {} records",
                    file, buf.readableBytes(), records);
        }
        return state;
    }

    private static void writeSnapshot(Path dir, Path file, List<TopologyRecord> records) throws IOException {
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        ByteBuf buf = Unpooled.buffer();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (TopologyRecord r : records) {
                frame(buf, r);
            }
            ByteBuffer nio = buf.nioBuffer();
            while (nio.hasRemaining()) {
                ch.write(nio);
            }
            ch.force(true);
        } finally {
            buf.release();
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // make the rename itself durable
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
            channel.close();
            lockFile.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("topology journal {}: close failed", file, e);
        }
    }
}
