package io.warren.broker.alarm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real monitors on this JVM's heap and a temporary directory's file system. */
class ResourceMonitorsTest {

    @Test
    void startChecksBothResourcesBeforeReturning(@TempDir Path dir) {
        try (ResourceMonitors monitors = new ResourceMonitors(0, Long.MAX_VALUE, dir)) {
            monitors.start();

            assertEquals(Set.of(ResourceAlarm.MEMORY, ResourceAlarm.DISK), monitors.alarms().active());
            assertTrue(monitors.disk().free() > 0);
        }
    }

    @Test
    void limitsChangedWhileRunningRaiseAndClearAlarms(@TempDir Path dir) {
        long wholeHeap = Runtime.getRuntime().maxMemory();
        try (ResourceMonitors monitors = new ResourceMonitors(wholeHeap, 0, dir)) {
            monitors.start();
            assertEquals(Set.of(), monitors.alarms().active());

            monitors.memory().setHighWatermark(0);
            monitors.disk().setFreeLimit(Long.MAX_VALUE);
            assertEquals(Set.of(ResourceAlarm.MEMORY, ResourceAlarm.DISK), monitors.alarms().active());

            monitors.memory().setHighWatermark(wholeHeap);
            monitors.disk().setFreeLimit(0);
            assertEquals(Set.of(), monitors.alarms().active());
        }
    }
}
