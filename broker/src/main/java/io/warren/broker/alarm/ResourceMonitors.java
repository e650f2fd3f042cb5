package io.warren.broker.alarm;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's resource alarms and the monitors that drive them, sharing one daemon thread.
 * {@link #start()} checks both resources before it returns, so a broker that starts short of
 * memory or disk blocks its first publisher; {@link #close()} stops the checks. Both may be
 * called from any thread, once each.
 */
public final class ResourceMonitors implements AutoCloseable {
    private final ResourceAlarms alarms = new ResourceAlarms();
    private final MemoryMonitor memory;
    private final DiskMonitor disk;
    private ScheduledExecutorService executor;

    /**
     * @param memoryHighWatermarkBytes heap in use above which the memory alarm goes off
     * @param diskFreeLimitBytes       free space below which the disk alarm goes off
     * @param dataDir                  a directory on the file system whose free space counts
     */
    public ResourceMonitors(long memoryHighWatermarkBytes, long diskFreeLimitBytes, Path dataDir) {
        this.memory = new MemoryMonitor(alarms, new JvmHeapGauge(), memoryHighWatermarkBytes);
        this.disk = new DiskMonitor(alarms, DiskMonitor.FreeSpace.of(dataDir), diskFreeLimitBytes);
    }

    public ResourceAlarms alarms() {
        return alarms;
    }

    public MemoryMonitor memory() {
        return memory;
    }

    public DiskMonitor disk() {
        return disk;
    }

    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warren-resource-monitor");
            t.setDaemon(true);
            return t;
        });
        memory.start(executor);
        disk.start(executor);
    }

    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        memory.stop();
        disk.stop();
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
