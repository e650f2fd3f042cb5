package io.warren.tests.flow;

import io.warren.broker.Broker;
import io.warren.broker.alarm.ResourceAlarm;
import io.warren.broker.alarm.ResourceMonitors;

/**
 * A resource the embedded broker can be made short of on demand, the way an operator would with
 * rabbitmqctl set_vm_memory_high_watermark 0 or set_disk_free_limit: by moving the limit past
 * what there is, not by filling the heap or the disk.
 */
enum Shortage {
    MEMORY(ResourceAlarm.MEMORY, "low on memory") {
        @Override
        void raise(ResourceMonitors monitors) {
            monitors.memory().setHighWatermark(0);
        }
    },
    DISK(ResourceAlarm.DISK, "low on disk") {
        @Override
        void raise(ResourceMonitors monitors) {
            monitors.disk().setFreeLimit(Long.MAX_VALUE);
        }
    };

    final ResourceAlarm alarm;
    final String reason;

    Shortage(ResourceAlarm alarm, String reason) {
        this.alarm = alarm;
        this.reason = reason;
    }

    /** Moves the limit so that the alarm goes off at once. */
    abstract void raise(ResourceMonitors monitors);

    /**
     * The broker's limits as a test found them, to put back: restoring them clears every alarm
     * the test raised, as long as the machine itself is not short of memory or disk.
     */
    record Limits(long memoryHighWatermark, long diskFreeLimit) {
        static Limits of(Broker broker) {
            ResourceMonitors m = broker.resourceMonitors();
            return new Limits(m.memory().highWatermark(), m.disk().freeLimit());
        }

        void restore(Broker broker) {
            restore(broker, Shortage.MEMORY);
            restore(broker, Shortage.DISK);
        }

        void restore(Broker broker, Shortage shortage) {
            ResourceMonitors m = broker.resourceMonitors();
            switch (shortage) {
                case MEMORY -> m.memory().setHighWatermark(memoryHighWatermark);
                case DISK -> m.disk().setFreeLimit(diskFreeLimit);
            }
        }
    }
}
