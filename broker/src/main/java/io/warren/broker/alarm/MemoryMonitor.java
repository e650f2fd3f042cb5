package io.warren.broker.alarm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * RabbitMQ's memory alarm (vm_memory_monitor) for the JVM: the alarm is in effect while the heap
 * in use, as {@link HeapGauge#usedBytes()} measures it, is above the high watermark. A watermark
 * of 0 keeps the alarm on, which is how RabbitMQ lets an operator stop all publishing.
 *
 * <p>Relative watermarks ({@code vm_memory_high_watermark.relative}, 0.4 by default) are a fraction
 * of the JVM's maximum heap ({@link Runtime#maxMemory()}), not of the machine's RAM: the heap is
 * all this process can fill before it fails.
 *
 * <p>The heap is checked after every garbage collection, which is when the measure changes, and
 * once a second besides, as RabbitMQ does. Once the alarm has lasted {@link #FIRST_FORCED_GC_AFTER_NANOS}
 * the monitor asks for a full collection, and again after twice as long each time that does not
 * clear it, up to {@link #MAX_FORCED_GC_INTERVAL_NANOS} apart: with publishers blocked and
 * consumers done, nothing may allocate enough to make the collector look at the old generation
 * again, and the alarm would never clear.
 *
 * <p>Thread-safe: checks run on the monitor thread and on JVM notification threads, and
 * {@link #setHighWatermark} may be called from any thread (the management API, a test).
 */
public final class MemoryMonitor {
    /** RabbitMQ's default vm_memory_high_watermark.relative. */
    public static final double DEFAULT_RELATIVE_WATERMARK = 0.4;
    static final long CHECK_INTERVAL_MILLIS = 1000;
    static final long FIRST_FORCED_GC_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long MAX_FORCED_GC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private static final Logger LOG = LoggerFactory.getLogger(MemoryMonitor.class);

    private final ResourceAlarms alarms;
    private final HeapGauge heap;
    private volatile long highWatermark;
    private volatile long used;
    private boolean alarmSeen;
    private long forcedGcInterval;
    private long nextForcedGcAtNanos;
    private ScheduledFuture<?> ticks;
    private AutoCloseable gcSubscription;

    public MemoryMonitor(ResourceAlarms alarms, HeapGauge heap, long highWatermarkBytes) {
        this.alarms = alarms;
        this.heap = heap;
        this.highWatermark = requireNonNegative(highWatermarkBytes);
    }

    /** {@code fraction} of this JVM's maximum heap, in bytes: how a relative watermark resolves. */
    public static long relativeWatermark(double fraction) {
        return (long) (fraction * Runtime.getRuntime().maxMemory());
    }

    /** Whether {@code used} bytes are over {@code watermark}; a watermark of 0 always is. */
    static boolean isOver(long used, long watermark) {
        return watermark == 0 || used > watermark;
    }

    public long highWatermark() {
        return highWatermark;
    }

    /** Heap in use at the last check, in bytes. */
    public long used() {
        return used;
    }

    /**
     * Sets the high watermark (rabbitmqctl set_vm_memory_high_watermark) and checks against it
     * at once, so the alarm is raised or cleared before this returns.
     */
    public void setHighWatermark(long bytes) {
        highWatermark = requireNonNegative(bytes);
        LOG.info("memory high watermark set to {} bytes", bytes);
        check();
    }

    /** Measures the heap and raises or clears the memory alarm to match. */
    public synchronized void check() {
        long u = heap.usedBytes();
        used = u;
        alarms.set(ResourceAlarm.MEMORY, isOver(u, highWatermark));
    }

    /** The periodic check: {@link #check()}, then a forced collection if the alarm has lasted long enough. */
    synchronized void tick(long nowNanos) {
        check();
        if (!alarms.isActive(ResourceAlarm.MEMORY)) {
            alarmSeen = false;
            return;
        }
        if (!alarmSeen) {
            alarmSeen = true;
            forcedGcInterval = FIRST_FORCED_GC_AFTER_NANOS;
            nextForcedGcAtNanos = nowNanos + forcedGcInterval;
        } else if (nowNanos - nextForcedGcAtNanos >= 0) {
            LOG.info("memory alarm still on: requesting a full garbage collection");
            heap.collect();
            check();
            forcedGcInterval = Math.min(2 * forcedGcInterval, MAX_FORCED_GC_INTERVAL_NANOS);
            nextForcedGcAtNanos = nowNanos + forcedGcInterval;
        }
    }

    /** Checks now, then after every collection and once a second on {@code executor}, until {@link #stop()}. */
    synchronized void start(ScheduledExecutorService executor) {
        check();
        gcSubscription = heap.onCollection(this::check);
        ticks = executor.scheduleWithFixedDelay(this::scheduledTick,
                CHECK_INTERVAL_MILLIS, CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void scheduledTick() {
        try {
            tick(System.nanoTime());
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again; the next tick may well succeed.
            LOG.warn("memory check failed", e);
        }
    }

    synchronized void stop() {
        if (ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
        if (gcSubscription != null) {
            try {
                gcSubscription.close();
            } catch (Exception e) {
                LOG.warn("could not stop listening to garbage collections", e);
            }
            gcSubscription = null;
        }
    }

    private static long requireNonNegative(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory high watermark must not be negative: " + bytes);
        }
        return bytes;
    }
}
