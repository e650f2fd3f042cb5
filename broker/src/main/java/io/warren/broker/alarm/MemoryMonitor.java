package io.warren.broker.alarm;

import io.warren.queue.MemoryBudget;
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
 * <p>Messages are accounted besides: the queues' {@link MemoryBudget} is half the watermark
 * (RabbitMQ's default {@code vm_memory_high_watermark_paging_ratio}), and every
 * {@value #BUDGET_CHECK_MILLIS} ms the monitor has queues page out what passes it. The alarm is
 * also in effect while the accounted messages alone pass three quarters of the watermark, which is seen within
 * that period, long before a collection would show it: that is what stops publishers when the
 * disk cannot take messages as fast as they come. When paging has brought the accounted figure
 * back under the budget while the alarm is on, the heap figure is likely stale (the old
 * generation has not been collected since), so the monitor asks for a full collection at once
 * rather than after {@link #FIRST_FORCED_GC_AFTER_NANOS}.
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
    /** The share of the watermark that queued messages may hold before queues page them out. */
    public static final double PAGING_RATIO = 0.5;
    static final long BUDGET_CHECK_MILLIS = 50;
    static final long MIN_COLLECT_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger LOG = LoggerFactory.getLogger(MemoryMonitor.class);

    private final ResourceAlarms alarms;
    private final HeapGauge heap;
    private final MemoryBudget budget;
    private volatile long highWatermark;
    private volatile long used;
    private boolean alarmSeen;
    private long forcedGcInterval;
    private long nextForcedGcAtNanos;
    private ScheduledFuture<?> ticks;
    private ScheduledFuture<?> budgetTicks;
    // Queues paged out since the last collection this monitor asked for: the heap figure may be stale.
    private boolean pagedSinceCollect;
    private long lastCollectNanos = System.nanoTime() - MIN_COLLECT_GAP_NANOS;
    private AutoCloseable gcSubscription;

    public MemoryMonitor(ResourceAlarms alarms, HeapGauge heap, long highWatermarkBytes) {
        this.alarms = alarms;
        this.heap = heap;
        this.highWatermark = requireNonNegative(highWatermarkBytes);
        this.budget = new MemoryBudget(budgetFor(highWatermarkBytes));
    }

    /** The budget for messages in queues that goes with a watermark; no paging with a watermark of 0. */
    static long budgetFor(long highWatermark) {
        return highWatermark == 0 ? Long.MAX_VALUE : (long) (highWatermark * PAGING_RATIO);
    }

    /** The budget that the broker's queues share. */
    public MemoryBudget budget() {
        return budget;
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
        budget.limit(budgetFor(bytes));
        LOG.info("memory high watermark set to {} bytes", bytes);
        check();
    }

    /** Measures the heap and raises or clears the memory alarm to match. */
    public synchronized void check() {
        used = heap.usedBytes();
        setAlarm();
    }

    private void setAlarm() {
        long watermark = highWatermark;
        alarms.set(ResourceAlarm.MEMORY, isOver(used, watermark) || (watermark > 0 && budget.used() > accountedLimit(watermark)));
    }

    /**
     * The accounted figure at which the alarm goes off: three quarters of the watermark, half way
     * from the paging budget to the watermark, because the heap also holds what the accounting
     * cannot see (write buffers, garbage not yet collected, connections).
     */
    static long accountedLimit(long watermark) {
        return watermark - watermark / 4;
    }

    /**
     * The frequent check: queues page out what passes the budget, the alarm follows the
     * accounted figure, and a collection is asked for once paging has caught up during an alarm.
     */
    synchronized void budgetTick() {
        budget.rebalance();
        setAlarm();
        boolean tight = budget.tight();
        pagedSinceCollect |= tight;
        long now = System.nanoTime();
        if (pagedSinceCollect && !tight && alarms.isActive(ResourceAlarm.MEMORY)
                && now - lastCollectNanos >= MIN_COLLECT_GAP_NANOS) {
            lastCollectNanos = now;
            pagedSinceCollect = false;
            LOG.info("messages paged out under the memory alarm: requesting a full garbage collection");
            heap.collect();
            check();
        }
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
        budgetTicks = executor.scheduleWithFixedDelay(this::scheduledBudgetTick,
                BUDGET_CHECK_MILLIS, BUDGET_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void scheduledBudgetTick() {
        try {
            budgetTick();
        } catch (RuntimeException e) {
            LOG.warn("memory budget check failed", e);
        }
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
        if (budgetTicks != null) {
            budgetTicks.cancel(false);
            budgetTicks = null;
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
