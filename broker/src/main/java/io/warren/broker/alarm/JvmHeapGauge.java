package io.warren.broker.alarm;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * This JVM's heap, read through the platform MXBeans.
 *
 * <p>Used bytes are counted per pool. The young pools (eden, survivor), where short-lived garbage
 * churns, count as they were after the last collection, so a full eden of dead frames never
 * looks like pressure. The tenured pools (those that support a usage threshold: G1 Old Gen,
 * Tenured Gen, PS Old Gen, ZHeap...) count as they are now, since G1 and Parallel update their
 * after-collection figure only on mixed and full collections and would miss a backlog that is
 * promoted or allocated there directly in between. The tenured figure can include garbage that
 * awaits the next mixed collection; that is memory the broker still holds, as RabbitMQ's measure
 * also counts what its processes have not yet collected.
 */
public final class JvmHeapGauge implements HeapGauge {
    private static final String GC_NOTIFICATION = "com.sun.management.gc.notification";

    private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    public JvmHeapGauge() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool);
            }
        }
    }

    @Override
    public long usedBytes() {
        long used = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage afterGc = pool.isUsageThresholdSupported() ? null : pool.getCollectionUsage();
            used += afterGc != null ? afterGc.getUsed() : pool.getUsage().getUsed();
        }
        return used;
    }

    @Override
    public long collections() {
        long count = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    @Override
    public void collect() {
        System.gc();
    }

    @Override
    public AutoCloseable onCollection(Runnable listener) {
        NotificationListener onNotification = (Notification n, Object handback) -> {
            if (GC_NOTIFICATION.equals(n.getType())) {
                listener.run();
            }
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : collectors) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(onNotification, null, null);
                emitters.add(emitter);
            }
        }
        return () -> {
            for (NotificationEmitter emitter : emitters) {
                try {
                    emitter.removeNotificationListener(onNotification);
                } catch (ListenerNotFoundException e) {
                    // Already gone: nothing left to remove.
                }
            }
        };
    }
}
