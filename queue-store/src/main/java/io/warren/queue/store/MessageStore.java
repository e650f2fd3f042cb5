package io.warren.queue.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's store of persistent messages: one directory holding a {@link QueueLog} per durable
 * queue, and one store thread that writes and fsyncs every log's appends in shared batches
 * (group commit) and runs the durability callbacks.
 *
 * <p>Threads: {@link #open}, {@link #openQueue}, {@link #storedQueues}, {@link #close} and
 * {@link #deleteQueue} of a log that is not open do file I/O on the calling
 * thread and belong at boot, declare and shutdown time, off the event loops; the other methods
 * may be called from any thread. Each {@link QueueLog} is then used by its queue's owner thread.
 */
public final class MessageStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MessageStore.class.getName());
    private static final String QUEUES = "queues";

    private final Path queuesRoot;
    private final StoreSettings settings;
    private final CommitLoop commitLoop;
    private final StorageHealth health;
    private final Map<QueueId, QueueLog> logs = new ConcurrentHashMap<>();
    private final BufferPool pool = new BufferPool();
    private final SegmentWriter.Opener opener;
    private volatile boolean closed;
    private volatile Throwable stopped;

    private MessageStore(Path queuesRoot, StoreSettings settings, StorageHealth health, SegmentWriter.Opener opener) {
        this.queuesRoot = queuesRoot;
        this.settings = settings;
        this.health = health;
        this.opener = opener;
        this.commitLoop = new CommitLoop(this, settings.fsyncPolicy());
    }

    /** Opens (creating if needed) the store in {@code dir} and starts its store thread. */
    public static MessageStore open(Path dir, StoreSettings settings) throws IOException {
        return open(dir, settings, new StorageHealth());
    }

    /** Opens the store as {@link #open(Path, StoreSettings)} does, reporting its faults to {@code health}. */
    public static MessageStore open(Path dir, StoreSettings settings, StorageHealth health) throws IOException {
        return open(dir, settings, health, SegmentWriter.Opener.DEFAULT);
    }

    /** For tests: files are opened through {@code opener}. */
    static MessageStore open(Path dir, StoreSettings settings, StorageHealth health, SegmentWriter.Opener opener)
            throws IOException {
        Path queuesRoot = dir.resolve(QUEUES);
        Files.createDirectories(queuesRoot);
        probe(queuesRoot);
        MessageStore store = new MessageStore(queuesRoot, settings, health, opener);
        store.commitLoop.start("warren-store-" + dir.getFileName());
        return store;
    }

    /**
     * Writes, syncs, cuts and deletes a file once at start: proves the directory writable, and
     * initialises every JDK class the store thread's writes need while file descriptors are
     * plentiful (a class whose initialiser cannot open a file is unusable for the JVM's life).
     */
    private static void probe(Path queuesRoot) throws IOException {
        Path probe = queuesRoot.resolve(".probe");
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.allocate(8), 0);
            channel.force(false);
            channel.truncate(0);
        } finally {
            Files.deleteIfExists(probe);
        }
        QueueDirectory.syncDirectory(queuesRoot);
        // Logging a failure formats a timestamp, and the first use of the time-zone rules reads a
        // file: without a descriptor to spare those classes are broken for good, and so is logging.
        java.time.ZonedDateTime.now();
        // Likewise the logging backend, which reads its configuration file when first used, and
        // the classes that report a fault.
        System.getLogger(CommitLoop.class.getName()).isLoggable(Level.ERROR);
        StorageHealth scratch = new StorageHealth();
        scratch.report("probe", null, null, "probe");
        scratch.report("probe", null, null, "probe");
        scratch.clear("probe");
    }

    public StoreSettings settings() {
        return settings;
    }

    /** Where this store's faults are reported. */
    public StorageHealth health() {
        return health;
    }

    /**
     * The queues that have a log on disk, whether opened yet or not; for recovery at boot. A
     * directory whose name file is missing or damaged is left out, logged at ERROR and left in
     * place: opening its queue by name (which the broker does for every durable queue it knows)
     * writes the name file anew, since the directory's name is a hash of the queue's.
     */
    public List<QueueId> storedQueues() throws IOException {
        List<QueueId> ids = new ArrayList<>();
        try (var dirs = Files.list(queuesRoot)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try {
                    ids.add(QueueDirectory.readName(dir));
                } catch (IOException e) {
                    LOG.log(Level.ERROR, "Cannot tell which queue the message store directory {0} belongs to ({1}); "
                            + "no durable queue known to this broker hashes to it. Left in place: declaring its queue "
                            + "again takes its messages back", dir, e.getMessage());
                }
            }
        }
        return ids;
    }

    /**
     * Opens a queue's log, creating it or recovering what is on disk (see
     * {@link QueueLog#recovery()}). A log is open at most once at a time. What happens when its
     * files cannot be written is told in {@link QueueLog}.
     */
    public QueueLog openQueue(String vhost, String queue) throws IOException {
        checkOpen();
        checkRunning();
        QueueId id = new QueueId(vhost, queue);
        awaitDeletion(logs.get(id));
        Path dir = QueueDirectory.of(queuesRoot, id);
        QueueDirectory.create(dir, id);
        boolean clean = QueueDirectory.takeCleanMarker(dir);
        LogRecovery recovered = LogRecovery.run(dir, id, clean);
        QueueLog log = new QueueLog(this, id, dir, settings, recovered, opener);
        if (logs.putIfAbsent(id, log) != null) {
            throw new IllegalStateException("log of " + id + " is already open");
        }
        LOG.log(Level.DEBUG, "Opened {0}: {1}", id, log.recovery());
        return log;
    }

    /**
     * A queue deleted and declared again at once: its old log must finish deleting its files
     * before a new one starts in the same directory. That takes one commit round; a log that is
     * open and not being deleted is an error.
     */
    private static void awaitDeletion(QueueLog previous) throws IOException {
        if (previous == null) {
            return;
        }
        CompletableFuture<Void> gone = previous.deletion();
        if (gone == null) {
            throw new IllegalStateException("log of " + previous.id() + " is already open");
        }
        try {
            gone.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the previous log of " + previous.id() + " was deleted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the previous log of " + previous.id() + " could not be deleted", e);
        }
    }

    /**
     * Deletes a queue's log, open or not. A log that is not open is deleted on the calling thread.
     *
     * @return completes once its directory is gone
     */
    public CompletableFuture<Void> deleteQueue(String vhost, String queue) {
        checkOpen();
        QueueId id = new QueueId(vhost, queue);
        QueueLog open = logs.get(id);
        if (open != null) {
            return open.delete();
        }
        Path dir = QueueDirectory.of(queuesRoot, id);
        try {
            // Listing nothing first: files a crash leaves midway read as an interrupted deletion.
            SegmentManifest manifest = SegmentManifest.read(dir);
            manifest.live.clear();
            manifest.write(dir, false, opener);
        } catch (IOException e) {
            // No usable manifest: nothing to empty.
        }
        QueueDirectory.deleteRecursively(dir);
        return CompletableFuture.completedFuture(null);
    }

    /** The directory of a queue's log, whether it exists or not. */
    public Path directoryOf(String vhost, String queue) {
        return QueueDirectory.of(queuesRoot, new QueueId(vhost, queue));
    }

    /**
     * Moves the files of a queue whose log is not open to the store's {@code damaged} directory,
     * for a queue deleted while its files could not be read: they are kept for whoever wants to
     * look at them, and a queue of the same name starts afresh.
     *
     * @return where they went, or null if there were none
     */
    public Path setAside(String vhost, String queue) throws IOException {
        checkOpen();
        Path dir = directoryOf(vhost, queue);
        if (!Files.exists(dir)) {
            return null;
        }
        Path damaged = queuesRoot.resolveSibling(QueueDirectory.DAMAGED);
        Files.createDirectories(damaged);
        Path target = damaged.resolve(dir.getFileName() + "-" + System.currentTimeMillis());
        Files.move(dir, target);
        QueueDirectory.syncDirectory(queuesRoot);
        return target;
    }

    /** fsync calls made so far, data files and directories together. */
    public long fsyncCount() {
        return commitLoop.fsyncs();
    }

    /** Commit rounds (write, fsync, callbacks) completed so far. */
    public long commitCount() {
        return commitLoop.rounds();
    }

    /**
     * Writes and fsyncs everything pending, whatever the policy, runs the last callbacks, marks
     * each log as cleanly closed and stops the store thread. Logs cannot be used afterwards.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            commitLoop.stopAndJoin();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        logs.clear();
    }

    /** False once the store thread has stopped for good (it stops only if it cannot even fail). */
    public boolean running() {
        return stopped == null;
    }

    void checkRunning() {
        Throwable cause = stopped;
        if (cause != null) {
            throw new StoreException("the message store's thread has stopped (" + cause
                    + "); persistent messages cannot be stored until the broker is restarted", cause);
        }
    }

    /** The store thread's last act: from now on every write is refused. */
    void stopped(Throwable cause) {
        stopped = cause;
        health.report(CommitLoop.SUBJECT, null, null, "the message store's thread has stopped: " + cause);
        try {
            LOG.log(Level.ERROR, "The message store's thread has stopped; persistent messages are refused "
                    + "until the broker is restarted", cause);
        } catch (Throwable ignored) {
            // The health registry shows it.
        }
    }

    BufferPool pool() {
        return pool;
    }

    void schedule(QueueLog log) {
        commitLoop.schedule(log);
    }

    Collection<QueueLog> openLogs() {
        return logs.values();
    }

    void forget(QueueLog log) {
        logs.remove(log.id(), log);
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("message store is closed");
        }
    }
}
