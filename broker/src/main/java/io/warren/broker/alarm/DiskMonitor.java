package io.warren.broker.alarm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * RabbitMQ's free disk space alarm (rabbit_disk_monitor): the alarm is in effect while the space
 * available on the data directory's file system is below the limit (disk_free_limit, 50 MB by
 * default).
 *
 * <p>Like RabbitMQ it checks more often the closer free space is to the limit: the next check
 * comes before a disk filling at 250 MB/s could use half the headroom, but no sooner than 100 ms
 * and no later than 10 s; while the alarm is on it checks every 10 s.
 *
 * <p>Thread-safe: checks run on the monitor thread, and {@link #setFreeLimit} may be called from
 * any thread.
 */
public final class DiskMonitor {
    /** RabbitMQ's default disk_free_limit. */
    public static final long DEFAULT_FREE_LIMIT = 50_000_000;
    static final long MIN_CHECK_INTERVAL_MILLIS = 100;
    static final long MAX_CHECK_INTERVAL_MILLIS = 10_000;
    /** The fill rate the interval allows for: 250 MB/s. */
    static final long FAST_FILL_BYTES_PER_MILLI = 250_000;

    private static final Logger LOG = LoggerFactory.getLogger(DiskMonitor.class);

    /** Where the monitor reads free space. */
    @FunctionalInterface
    public interface FreeSpace {
        /** Bytes available to this process on the monitored file system. */
        long bytes() throws IOException;

        /** The usable space of the file system that holds {@code dir}. */
        static FreeSpace of(Path dir) {
            return new FreeSpace() {
                // Finding the store reads the mount table, so it is done once, not on every check.
                private FileStore store;

                @Override
                public synchronized long bytes() throws IOException {
                    if (store == null) {
                        store = Files.getFileStore(dir);
                    }
                    try {
                        return store.getUsableSpace();
                    } catch (IOException e) {
                        store = null;
                        throw e;
                    }
                }
            };
        }
    }

    private final ResourceAlarms alarms;
    private final FreeSpace freeSpace;
    private volatile long freeLimit;
    private volatile long free = -1;
    private boolean unreadableReported;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> nextCheck;

    public DiskMonitor(ResourceAlarms alarms, FreeSpace freeSpace, long freeLimitBytes) {
        this.alarms = alarms;
        this.freeSpace = freeSpace;
        this.freeLimit = requireNonNegative(freeLimitBytes);
    }

    /**
     * Milliseconds until the next check, by rabbit_disk_monitor's rule: the longest while the
     * alarm is on, otherwise the time a disk filling at the fast rate would take to use half the
     * headroom, within the bounds.
     */
    static long checkIntervalMillis(long free, long limit, boolean alarmed) {
        if (alarmed) {
            return MAX_CHECK_INTERVAL_MILLIS;
        }
        long ideal = 2 * (free - limit) / FAST_FILL_BYTES_PER_MILLI;
        return Math.max(MIN_CHECK_INTERVAL_MILLIS, Math.min(MAX_CHECK_INTERVAL_MILLIS, ideal));
    }

    public long freeLimit() {
        return freeLimit;
    }

    /** Free bytes at the last check, or -1 before the first successful one. */
    public long free() {
        return free;
    }

    /**
     * Sets the limit (rabbitmqctl set_disk_free_limit) and checks against it at once, so the
     * alarm is raised or cleared before this returns.
     */
    public void setFreeLimit(long bytes) {
        freeLimit = requireNonNegative(bytes);
        LOG.info("disk free limit set to {} bytes", bytes);
        check();
    }

    /**
     * Reads free space and raises or clears the disk alarm to match; returns the milliseconds
     * until the next check. If free space cannot be read the alarm stays as it was.
     */
    public synchronized long check() {
        long bytes;
        try {
            bytes = freeSpace.bytes();
        } catch (IOException e) {
            if (!unreadableReported) {
                unreadableReported = true;
                LOG.warn("cannot read free disk space; the disk alarm stays as it is until it can be read", e);
            }
            return MAX_CHECK_INTERVAL_MILLIS;
        }
        unreadableReported = false;
        free = bytes;
        boolean alarmed = bytes < freeLimit;
        alarms.set(ResourceAlarm.DISK, alarmed);
        return checkIntervalMillis(bytes, freeLimit, alarmed);
    }

    /** Checks now, then again and again on {@code executor} at the intervals above, until {@link #stop()}. */
    synchronized void start(ScheduledExecutorService executor) {
        this.executor = executor;
        schedule(check());
    }

    synchronized void stop() {
        if (nextCheck != null) {
            nextCheck.cancel(false);
        }
        executor = null;
    }

    private synchronized void scheduledCheck() {
        if (executor == null) {
            return;
        }
        long next = MAX_CHECK_INTERVAL_MILLIS;
        try {
            next = check();
        } catch (RuntimeException e) {
            LOG.warn("disk check failed", e);
        }
        schedule(next);
    }

    private void schedule(long delayMillis) {
        try {
            nextCheck = executor.schedule(this::scheduledCheck, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The executor is shutting down with the broker: there is no next check.
        }
    }

    private static long requireNonNegative(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("disk free limit must not be negative: " + bytes);
        }
        return bytes;
    }
}
