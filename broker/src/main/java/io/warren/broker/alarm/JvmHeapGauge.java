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
 * <p>Used bytes are the heap pools as the collector left them after it last collected each
 * (their collection usage), so garbage that the next collection frees never looks like pressure:
 * neither a full eden nor an old generation with dead messages that await a mixed collection.
 * The figure lags: G1 and Parallel update the old generation's after-collection usage only on
 * mixed and full collections, which they start as the old generation fills, so a growing backlog
 * is seen there and the heap cannot run out without being seen. A pool without an
 * after-collection figure counts as it is now.
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
            MemoryUsage afterGc = pool.getCollectionUsage();
            used += afterGc != null ? afterGc.getUsed() : pool.getUsage().getUsed();
        }
        return used;
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
