package io.warren.queue.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The store thread's work: group commit. Each round takes the pending batch of every log that has
 * one, writes them all, fsyncs every file written (per the policy), deletes freed segments, and
 * only then runs the round's callbacks. Whatever is appended while a round's fsync runs waits
 * for the next round, so the number of fsyncs follows the disk's pace, not the message rate.
 */
final class CommitLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(CommitLoop.class.getName());

    private final ConcurrentLinkedQueue<QueueLog> ready = new ConcurrentLinkedQueue<>();
    private final MessageStore store;
    private final boolean syncEachRound;
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean stopping;

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
        List<QueueLog> logs = new ArrayList<>();
        while (true) {
            QueueLog log;
            while ((log = ready.poll()) != null) {
                logs.add(log);
            }
            if (!logs.isEmpty()) {
                commit(logs, syncEachRound);
                logs.clear();
            } else if (stopping) {
                break;
            } else {
                LockSupport.park(this);
            }
        }
        shutDown();
    }

    private void commit(Collection<QueueLog> logs, boolean sync) {
        List<PendingBatch> batches = new ArrayList<>(logs.size());
        for (QueueLog log : logs) {
            PendingBatch batch = log.takeBatch();
            batches.add(batch);
            if (log.failed()) {
                batch.callbacks().clear();
                continue;
            }
            try {
                if (batch.deletesLog()) {
                    log.writer().close();
                    QueueDirectory.deleteRecursively(log.directory());
                    store.forget(log);
                } else {
                    log.writer().write(batch);
                    log.written(log.writer().writtenUpTo());
                }
            } catch (IOException | RuntimeException e) {
                failed(log, batch, e);
            }
        }
        int i = 0;
        for (QueueLog log : logs) {
            PendingBatch batch = batches.get(i++);
            if (log.failed() || batch.deletesLog()) {
                continue;
            }
            try {
                SegmentWriter writer = log.writer();
                if (sync) {
                    fsyncs.addAndGet(writer.sync());
                }
                fsyncs.addAndGet(writer.closeSealed());
                for (int d = 0; d < batch.deletionCount(); d++) {
                    writer.deleteSegment(batch.deletion(d));
                }
            } catch (IOException | RuntimeException e) {
                failed(log, batch, e);
            }
        }
        rounds.incrementAndGet();
        i = 0;
        for (QueueLog log : logs) {
            PendingBatch batch = batches.get(i++);
            for (Runnable callback : batch.callbacks()) {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "durability callback of " + log.id() + " failed", e);
                }
            }
            log.recycle(batch);
        }
    }

    private void failed(QueueLog log, PendingBatch batch, Exception e) {
        LOG.log(Level.ERROR, "cannot write the message store of " + log.id(), e);
        batch.callbacks().clear();
        log.fail(e);
    }

    /** Writes and fsyncs whatever is pending whatever the policy, then marks each log clean. */
    private void shutDown() {
        List<QueueLog> open = new ArrayList<>(store.openLogs());
        for (QueueLog log : open) {
            log.closeForShutdown();
        }
        ready.clear();
        commit(open, true);
        for (QueueLog log : open) {
            if (log.failed()) {
                continue;
            }
            try {
                log.writer().close();
                QueueDirectory.writeCleanMarker(log.directory());
            } catch (IOException e) {
                LOG.log(Level.ERROR, "cannot close the message store of " + log.id() + " cleanly", e);
            }
        }
    }
}
