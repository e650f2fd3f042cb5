package io.warren.broker.durable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable topology's journal: an append-only file of {@link TopologyRecord}s in the layout
 * {@link JournalFormat} describes. A declare-ok for a durable object is the promise that it
 * survives a crash, so the future {@link #append} returns completes only after the fsync that
 * covers the records; records appended together, from any threads, share one write and one fsync.
 *
 * <p>{@link #open} recovers the file as {@link JournalRecovery} says (torn tail cut, damage in
 * the middle stepped over, logged and kept aside, or a refusal to start), then rewrites it as a
 * compact snapshot of what is live, so the journal grows with changes made since the last start.
 *
 * <p>A write or fsync that fails (no space, an I/O error) fails the appends it carried, with a
 * {@link JournalWriteException}, and is reported to {@link StorageHealth} as "topology journal".
 * It never leaves a partial record in front of later ones: before anything else is written the
 * file is truncated back to the end of its last good write. The failed records stay queued, in
 * order, ahead of every later append, and are written as soon as the disk takes writes again
 * (with the next append, or by a retry each second), so the file comes to hold what memory holds;
 * their callers were answered with an error, never with OK. The first write that succeeds clears
 * the fault.
 *
 * <p>Threading: {@link #append} may be called from any thread; the writes, fsyncs and future
 * completions run on the journal's own thread, never on an event loop. Any Throwable there is
 * caught, fails the appends concerned and leaves the thread serving the next ones.
 */
public final class TopologyJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopologyJournal.class);
    static final String FILE_NAME = "topology.log";
    /** The subject of this journal's faults in {@link StorageHealth}. */
    public static final String HEALTH_SUBJECT = "topology journal";
    private static final long RETRY_MILLIS = 1000;

    private record Pending(List<TopologyRecord> records, CompletableFuture<Void> done) {}

    private final Path file;
    private final FileChannel channel;
    private final FileChannel lockFile;
    private final JournalRecovery recovery;
    private final StorageHealth health;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "warren-topology-journal");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong fsyncs = new AtomicLong();
    private final boolean fsync;
    // Owned by the journal's thread:
    /** Every byte before this offset is a valid, fsynced write. */
    private long goodEnd;
    private long nextSeq;
    /** A failed write may have left bytes past goodEnd. */
    private boolean dirty;
    /** Encoded records whose write failed, to be written ahead of anything newer. */
    private List<byte[]> retained = List.of();
    private boolean failing;
    private boolean retryScheduled;
    private long lastFailureLog;

    private TopologyJournal(Path file, FileChannel channel, FileChannel lockFile, JournalRecovery recovery,
                            StorageHealth health, long goodEnd, long nextSeq, boolean fsync) {
        this.fsync = fsync;
        this.file = file;
        this.channel = channel;
        this.lockFile = lockFile;
        this.recovery = recovery;
        this.health = health;
        this.goodEnd = goodEnd;
        this.nextSeq = nextSeq;
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Recovers and compacts the journal in {@code dataDir} (creating it if absent), then opens it for appends. */
    public static TopologyJournal open(Path dataDir) {
        return open(dataDir, new StorageHealth());
    }

    /**
     * Opens the journal as {@link #open(Path)} does, reporting its write faults to {@code health}.
     *
     * @throws JournalRecovery.Unrecoverable when the file cannot be recovered without losing more
     *                                       than its damaged records
     */
    public static TopologyJournal open(Path dataDir, StorageHealth health) {
        return open(dataDir, health, false);
    }

    /**
     * Opens the journal as {@link #open(Path, StorageHealth)} does.
     *
     * @param startOnAccessDamage start even when damage may have cost a change that took access
     *                            away (a user's deletion, a permission revoked), instead of refusing
     */
    public static TopologyJournal open(Path dataDir, StorageHealth health, boolean startOnAccessDamage) {
        return open(dataDir, health, startOnAccessDamage, true);
    }

    /**
     * Opens the journal as {@link #open(Path, StorageHealth, boolean)} does; without {@code fsync}
     * ({@code warren.fsync = none}) writes are left to the OS, so a change survives the broker's
     * crash but not the machine's, and an append completes once written.
     */
    public static TopologyJournal open(Path dataDir, StorageHealth health, boolean startOnAccessDamage, boolean fsync) {
        FileChannel lock = null;
        try {
            Files.createDirectories(dataDir);
            lock = lock(dataDir);
            Path file = dataDir.resolve(FILE_NAME);
            JournalRecovery recovery = JournalRecovery.read(file, startOnAccessDamage);
            List<TopologyRecord> live = recovery.state().snapshot();
            long end = writeSnapshot(dataDir, file, live, fsync);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
            return new TopologyJournal(file, ch, lock, recovery, health, end, live.size() + 1L, fsync);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lock);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open the topology journal in " + dataDir, io);
            }
            throw (RuntimeException) e;
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
        return recovery.state();
    }

    /** What opening found: damaged regions, a torn tail, the copy kept aside. */
    public JournalRecovery recovery() {
        return recovery;
    }

    public Path file() {
        return file;
    }

    /** How many fsyncs appends have cost so far (group commit makes this far fewer than appends). */
    public long fsyncs() {
        return fsyncs.get();
    }

    /**
     * Appends records. The future completes (on the journal's thread) once they, and everything
     * appended before them, are on disk; or exceptionally with a {@link JournalWriteException}
     * when that could not be done. An empty list is a barrier: it completes once everything
     * appended before it is on disk, and fails while any of it is not.
     */
    public CompletableFuture<Void> append(List<TopologyRecord> records) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(new Pending(records, done));
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                writer.execute(this::drain);
            } catch (RejectedExecutionException e) {
                for (Pending p; (p = pending.poll()) != null; ) {
                    p.done().completeExceptionally(new JournalWriteException(file, "the journal is closed"));
                }
            }
        }
        return done;
    }

    private void drain() {
        drainScheduled.set(false);
        List<Pending> batch = new ArrayList<>();
        for (Pending p; (p = pending.poll()) != null; ) {
            batch.add(p);
        }
        try {
            write(batch);
        } catch (Throwable t) { // OutOfMemoryError included: this thread must keep serving
            failed(batch, t);
        }
    }

    private void write(List<Pending> batch) throws IOException {
        List<byte[]> payloads = new ArrayList<>(retained);
        List<Pending> writing = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            List<byte[]> encoded;
            try {
                encoded = encode(p.records());
            } catch (RuntimeException e) { // a record that cannot be encoded fails alone
                p.done().completeExceptionally(e);
                continue;
            }
            payloads.addAll(encoded);
            writing.add(p);
        }
        if (!payloads.isEmpty()) {
            retained = payloads; // until the write below is on disk
            if (dirty) {
                channel.truncate(goodEnd);
                channel.force(true);
                dirty = false;
            }
            ByteBuffer frames = JournalFormat.write(payloads, nextSeq);
            dirty = true;
            while (frames.hasRemaining()) {
                channel.write(frames, goodEnd + frames.position());
            }
            if (fsync) {
                channel.force(false);
                fsyncs.incrementAndGet();
            }
            goodEnd += frames.limit();
            nextSeq += payloads.size();
            dirty = false;
            retained = List.of();
        }
        if (failing && !dirty && retained.isEmpty()) { // nothing owed: whatever failed is mended
            failing = false;
            health.clear(HEALTH_SUBJECT);
            LOG.info("topology journal {}: written again; the changes refused while it failed are on disk", file);
        }
        for (Pending p : writing) {
            p.done().complete(null);
        }
    }

    private void failed(List<Pending> batch, Throwable t) {
        String reason = JournalWriteException.reason(t);
        try {
            health.report(HEALTH_SUBJECT, null, file.toAbsolutePath().toString(), "cannot write: " + reason
                    + "; durable declarations and changes to users, permissions, policies and vhosts fail until it can");
            if (!failing) {
                LOG.error("topology journal {}: write failed; durable changes fail until it can be written again,"
                        + " and the {} refused record(s) are written as soon as it can", file, retained.size(), t);
                lastFailureLog = System.nanoTime();
            } else if (System.nanoTime() - lastFailureLog > TimeUnit.MINUTES.toNanos(1)) {
                // At most once a minute: the retry each second would flood the log of a disk that stays full.
                LOG.warn("topology journal {}: write still failing: {}", file, reason);
                lastFailureLog = System.nanoTime();
            }
        } catch (Throwable ignored) { // logging itself may fail when memory is short; the appends must still fail
        }
        failing = true;
        if (dirty) {
            try { // a crash now must not find half a record: cut it (again before the next write if this fails)
                channel.truncate(goodEnd);
                channel.force(true);
                dirty = false;
            } catch (Throwable again) {
                // dirty stays set: the next write truncates first, and fails until it can
            }
        }
        JournalWriteException e = new JournalWriteException(file, t);
        for (Pending p : batch) {
            p.done().completeExceptionally(e);
        }
        if (!retryScheduled && !writer.isShutdown()) {
            retryScheduled = true;
            writer.schedule(() -> {
                retryScheduled = false;
                if (failing) {
                    append(List.of());
                }
            }, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    static List<byte[]> encode(List<TopologyRecord> records) {
        List<byte[]> out = new ArrayList<>(records.size());
        ByteBuf buf = Unpooled.buffer();
        try {
            for (TopologyRecord r : records) {
                buf.clear();
                TopologyCodec.write(buf, r);
                out.add(ByteBufUtil.getBytes(buf));
            }
        } finally {
            buf.release();
        }
        return out;
    }

    /** Writes the live records as a new file, numbered from 1, and swaps it in; returns its length. */
    private static long writeSnapshot(Path dir, Path file, List<TopologyRecord> records, boolean fsync) throws IOException {
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        ByteBuffer frames = JournalFormat.write(encode(records), 1);
        ByteBuffer header = ByteBuffer.wrap(JournalFormat.fileHeader(records.size()));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (header.hasRemaining()) {
                ch.write(header);
            }
            while (frames.hasRemaining()) {
                ch.write(frames);
            }
            if (fsync) {
                ch.force(true);
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // make the rename itself durable
            }
        }
        return JournalFormat.FILE_HEADER + frames.limit();
    }

    /** Writes what is still owed (records refused while the disk was full), then closes. */
    @Override
    public void close() {
        try {
            writer.execute(this::drain);
        } catch (RejectedExecutionException e) {
            return; // closed already
        }
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending p; (p = pending.poll()) != null; ) {
            p.done().completeExceptionally(new JournalWriteException(file, "the journal is closed"));
        }
        closeQuietly(channel);
        closeQuietly(lockFile);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            LOG.warn("topology journal: close failed", e);
        }
    }
}
