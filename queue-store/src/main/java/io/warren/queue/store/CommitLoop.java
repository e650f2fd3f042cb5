package io.warren.queue.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The store thread's work: group commit. Each round takes the pending batch of every log that has
 * one, writes them all, fsyncs every file written (per the policy), deletes freed segments, and
 * only then runs the round's callbacks. Whatever is appended while a round's fsync runs waits
 * for the next round, so the number of fsyncs follows the disk's pace, not the message rate.
 *
 * <p>Failures: a log whose write or fsync fails keeps its batch (see {@link SegmentWriter} for
 * what is cut off the files), its callbacks' failure handlers run, and it is tried again with its
 * next round or after {@link #RETRY_NANOS}, whichever comes first. Nothing the thread meets ends
 * it: any {@link Throwable} of a round (an {@link OutOfMemoryError}, a class that could not be
 * initialised because file descriptors ran out) is treated like a failed write of the logs in that
 * round. One fault episode, from the first failure until every log writes again, is logged once
 * at ERROR and shown in {@link StorageHealth} under {@value #SUBJECT}.
 */
final class CommitLoop implements Runnable {
    static final String SUBJECT = "message store";
    static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    // A log without a round for this long gives its batch arrays back.
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final System.Logger LOG = System.getLogger(CommitLoop.class.getName());

    private final ConcurrentLinkedQueue<QueueLog> ready = new ConcurrentLinkedQueue<>();
    private final MessageStore store;
    private final boolean syncEachRound;
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    // Store-thread state: one buffer for ack entries shared by every log, and the logs that failed.
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private final List<QueueLog> failing = new ArrayList<>();
    private long episodeStart = -1;
    private long lastSweep = System.nanoTime();
    private long episodeFailures;
    private volatile Thread thread;
    private volatile boolean stopping;

    /**
     * Loaded while the store opens, so that the paths that handle a failure do not need a file
     * descriptor to load a class when descriptors are what ran out (classes read from a directory
     * need one each).
     */
    static final List<Class<?>> FAILURE_PATH = List.of(StorageHealth.Fault.class, StoreException.class,
            PendingBatch.class, BufferPool.class, SegmentWriter.class, SegmentWriter.Target.class, QueueLog.class, MessageCursor.class,
            java.nio.file.FileSystemException.class);

    CommitLoop(MessageStore store, FsyncPolicy policy) {
        this.store = store;
        this.syncEachRound = policy == FsyncPolicy.PER_BATCH;
    }

    void start(String name) {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Called by any owner thread once its log has something pending. */
    void schedule(QueueLog log) {
        ready.add(log);
        LockSupport.unpark(thread);
    }

    long fsyncs() {
        return fsyncs.get();
    }

    long rounds() {
        return rounds.get();
    }

    void stopAndJoin() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
    }

    @Override
    public void run() {
        try {
            while (true) {
                try {
                    loop();
                    break;
                } catch (Throwable t) {
                    // Handling a round's failure failed too (the loop's own bookkeeping ran out of
                    // memory, say): the logs still hold their batches, so pause and go on.
                    log(Level.ERROR, "the message store's thread recovers from an error", t);
                    LockSupport.parkNanos(this, RETRY_NANOS);
                }
            }
            shutDown();
        } catch (Throwable t) {
            store.stopped(t);
        }
    }

    private void loop() {
        List<QueueLog> logs = new ArrayList<>();
        while (true) {
            sweepIdle();
            QueueLog log;
            while ((log = ready.poll()) != null) {
                take(logs, log);
            }
            if (!failing.isEmpty()) {
                long now = System.nanoTime();
                for (int i = 0; i < failing.size(); i++) {
                    QueueLog f = failing.get(i);
                    if (now - f.retryAt >= 0) {
                        take(logs, f);
                    }
                }
            }
            if (!logs.isEmpty()) {
                try {
                    commit(logs, syncEachRound);
                } catch (Throwable t) {
                    roundFailed(logs, t);
                } finally {
                    for (QueueLog l : logs) {
                        l.inRound = false;
                    }
                    logs.clear();
                }
            } else if (stopping) {
                break;
            } else {
                // Nobody should interrupt this thread, but an interrupt would make park spin.
                Thread.interrupted();
                LockSupport.parkNanos(this, failing.isEmpty() ? IDLE_NANOS : RETRY_NANOS);
            }
        }
    }

    /** Every few seconds: logs idle that long give their batch arrays back. */
    private void sweepIdle() {
        long now = System.nanoTime();
        if (now - lastSweep < IDLE_NANOS) {
            return;
        }
        lastSweep = now;
        try {
            for (QueueLog log : store.openLogs()) {
                if (now - log.lastActive >= IDLE_NANOS && log.retained == null) {
                    log.releaseIdleBuffers();
                }
            }
        } catch (Throwable t) {
            log(Level.WARNING, "could not give idle batch buffers back", t);
        }
    }

    private static void take(List<QueueLog> logs, QueueLog log) {
        if (!log.inRound) {
            log.inRound = true;
            logs.add(log);
        }
    }

    private void commit(List<QueueLog> logs, boolean sync) {
        int n = logs.size();
        PendingBatch[] batches = new PendingBatch[n];
        for (int i = 0; i < n; i++) {
            QueueLog log = logs.get(i);
            PendingBatch batch = null;
            try {
                batch = log.collect();
                if (batch == null) {
                    if (log.faulted()) {
                        // Retried with nothing left to write (the log was deleted meanwhile).
                        log.faulted(false);
                        failing.remove(log);
                    }
                    continue;
                }
                if (batch.deletesLog()) {
                    log.writer().close();
                    log.writer().unlistAll();
                    QueueDirectory.deleteRecursively(log.directory());
                    store.forget(log);
                } else {
                    log.writer().write(batch, scratch);
                }
                batches[i] = batch;
            } catch (Throwable e) {
                failed(log, batch, e);
            }
        }
        for (int i = 0; i < n; i++) {
            PendingBatch batch = batches[i];
            if (batch == null || batch.deletesLog()) {
                continue;
            }
            QueueLog log = logs.get(i);
            try {
                SegmentWriter writer = log.writer();
                if (sync) {
                    fsyncs.addAndGet(writer.sync());
                }
                fsyncs.addAndGet(writer.closeSealed());
                log.written(writer.writtenUpTo());
            } catch (Throwable e) {
                batches[i] = null;
                failed(log, batch, e);
            }
        }
        rounds.incrementAndGet();
        for (int i = 0; i < n; i++) {
            PendingBatch batch = batches[i];
            if (batch != null) {
                succeeded(logs.get(i), batch);
            }
        }
        if (failing.isEmpty() && episodeStart >= 0) {
            endEpisode();
        }
    }

    private void succeeded(QueueLog log, PendingBatch batch) {
        log.retained = null;
        if (log.faulted()) {
            log.faulted(false);
            failing.remove(log);
        }
        List<Runnable> callbacks = batch.callbacks();
        for (int i = 0; i < callbacks.size(); i++) {
            run(log, callbacks.get(i));
        }
        if (!batch.deletesLog()) {
            log.recycle(batch);
        }
    }

    /**
     * The log keeps its batch (collect() made it the log's retained batch) to be written again;
     * whoever can be told now is told.
     */
    private void failed(QueueLog log, PendingBatch batch, Throwable cause) {
        log.retryAt = System.nanoTime() + RETRY_NANOS;
        if (!log.faulted()) {
            log.faulted(true);
            failing.add(log);
        }
        report(log.writer().lastFile(), cause);
        // Only the writer knows whether the files went back to their synced ends; rewinding the
        // batch without that would write its records twice.
        if (log.writer().takeRewound() && batch != null) {
            batch.rewind();
        }
        if (batch != null) {
            for (Runnable onFailed : batch.takeFailureHandlers()) {
                run(log, onFailed);
            }
        }
    }

    /** Something outside one log's writes failed: every log of the round is tried again later. */
    private void roundFailed(List<QueueLog> logs, Throwable cause) {
        report(null, cause);
        for (QueueLog log : logs) {
            if (log.retained == null) {
                // Perhaps not collected yet, and its owner will not schedule it again: retried
                // like a failed log, so that an error that comes back every round cannot spin.
                log.retryAt = System.nanoTime() + RETRY_NANOS;
                if (!log.faulted()) {
                    log.faulted(true);
                    failing.add(log);
                }
            } else if (!log.faulted()) {
                failed(log, log.retained, cause);
            }
        }
    }

    private void run(QueueLog log, Runnable callback) {
        try {
            callback.run();
        } catch (Throwable e) {
            log(Level.ERROR, "durability callback of " + log.id() + " failed", e);
        }
    }

    private void report(Path file, Throwable cause) {
        episodeFailures++;
        String reason = cause instanceof IOException && cause.getMessage() != null
                ? cause.getMessage() : String.valueOf(cause);
        if (cause instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        }
        store.health().report(SUBJECT, null, file == null ? null : file.toString(), reason);
        if (episodeStart < 0) {
            episodeStart = System.nanoTime();
            log(Level.ERROR, "Cannot write the message store" + (file == null ? "" : ": " + file) + ": " + reason
                    + ". Publishes to the queues affected are refused with basic.nack, and what was taken is "
                    + "kept and written again every second until it succeeds", cause);
        }
    }

    private void endEpisode() {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - episodeStart);
        episodeStart = -1;
        store.health().clear(SUBJECT);
        log(Level.WARNING, "The message store writes again, after " + seconds + " s and " + episodeFailures
                + " failed attempts", null);
        episodeFailures = 0;
    }

    /** Logging can fail too (it may need a file descriptor); that must not end the thread. */
    private static void log(Level level, String message, Throwable cause) {
        try {
            if (cause == null) {
                LOG.log(level, message);
            } else {
                LOG.log(level, message, cause);
            }
        } catch (Throwable ignored) {
            // Nothing left to tell it with; the health registry still shows the fault.
        }
    }

    /** Writes and fsyncs whatever is pending whatever the policy, then marks each log clean. */
    private void shutDown() {
        List<QueueLog> open = new ArrayList<>(store.openLogs());
        for (QueueLog log : open) {
            log.closeForShutdown();
            log.inRound = true;
        }
        ready.clear();
        try {
            commit(open, true);
        } catch (Throwable t) {
            roundFailed(open, t);
        }
        for (QueueLog log : open) {
            if (log.faulted()) {
                log(Level.ERROR, "The message store of " + log.id() + " could not be written before shutdown; "
                        + "its last appends are lost and it will be recovered at the next start", null);
                continue;
            }
            try {
                log.writer().close();
                QueueDirectory.writeCleanMarker(log.directory());
            } catch (IOException e) {
                log(Level.ERROR, "cannot close the message store of " + log.id() + " cleanly", e);
            }
        }
    }
}
