package io.warren.broker.alarm;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryMonitorTest {
    private static final long MB = 1024 * 1024;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** A heap whose figures the test sets; collect() leaves what the test says it would. */
    private static final class SettableHeap implements HeapGauge {
        long used;
        long usedAfterCollect;
        int collectRequests;

        @Override
        public long usedBytes() { return used; }

        @Override
        public void collect() {
            collectRequests++;
            used = usedAfterCollect;
        }

        @Override
        public AutoCloseable onCollection(Runnable listener) { return () -> { }; }
    }

    private final ResourceAlarms alarms = new ResourceAlarms();
    private final SettableHeap heap = new SettableHeap();
    private final MemoryMonitor monitor = new MemoryMonitor(alarms, heap, 100 * MB);

    @Test
    void alarmIsOnWhileUsedIsAboveTheWatermark() {
        heap.used = 100 * MB;
        monitor.check();
        assertFalse(alarms.isActive(ResourceAlarm.MEMORY), "at the watermark is not above it");

        heap.used = 100 * MB + 1;
        monitor.check();
        assertTrue(alarms.isActive(ResourceAlarm.MEMORY));
        assertEquals(100 * MB + 1, monitor.used());

        heap.used = 60 * MB;
        monitor.check();
        assertFalse(alarms.isActive(ResourceAlarm.MEMORY));
    }

    @Test
    void changingTheWatermarkChecksAtOnce() {
        heap.used = 10 * MB;
        monitor.check();

        monitor.setHighWatermark(5 * MB);
        assertTrue(alarms.isActive(ResourceAlarm.MEMORY));

        monitor.setHighWatermark(20 * MB);
        assertFalse(alarms.isActive(ResourceAlarm.MEMORY));
        assertEquals(20 * MB, monitor.highWatermark());
    }

    @Test
    void aWatermarkOfZeroBlocksAllPublishingEvenOnAnEmptyHeap() {
        heap.used = 0;
        monitor.setHighWatermark(0);
        assertTrue(alarms.isActive(ResourceAlarm.MEMORY));
    }

    @Test
    void negativeWatermarksAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> monitor.setHighWatermark(-1));
        assertThrows(IllegalArgumentException.class, () -> new MemoryMonitor(alarms, heap, -1));
    }

    @Test
    void anAlarmThatLastsFiveSecondsAsksForACollection() {
        heap.used = 150 * MB;
        heap.usedAfterCollect = 40 * MB;
        monitor.tick(0);
        monitor.tick(4 * SECOND);
        assertEquals(0, heap.collectRequests, "not yet");
        assertTrue(alarms.isActive(ResourceAlarm.MEMORY));

        monitor.tick(5 * SECOND);

        assertEquals(1, heap.collectRequests);
        assertFalse(alarms.isActive(ResourceAlarm.MEMORY), "checked again after the collection");
    }

    @Test
    void forcedCollectionsBackOffWhileTheAlarmLasts() {
        heap.used = 150 * MB;
        heap.usedAfterCollect = 150 * MB;
        for (long t = 0; t <= 40; t++) {
            monitor.tick(t * SECOND);
        }
        // At 5 s, then 10 s and 20 s later; the next would be 40 s after that.
        assertEquals(3, heap.collectRequests);
        assertTrue(alarms.isActive(ResourceAlarm.MEMORY));
    }

    @Test
    void aClearedAlarmStartsAfreshNextTime() {
        heap.used = 150 * MB;
        heap.usedAfterCollect = 150 * MB;
        for (long t = 0; t <= 20; t++) {
            monitor.tick(t * SECOND);
        }
        assertEquals(2, heap.collectRequests);
        heap.used = 10 * MB;
        monitor.tick(21 * SECOND);
        heap.used = 150 * MB;

        monitor.tick(22 * SECOND);
        monitor.tick(26 * SECOND);
        assertEquals(2, heap.collectRequests, "a new alarm waits five seconds again");
        monitor.tick(27 * SECOND);
        assertEquals(3, heap.collectRequests);
    }

    @Test
    void noCollectionIsForcedWithoutAnAlarm() {
        heap.used = 50 * MB;
        for (long t = 0; t <= 20; t++) {
            monitor.tick(t * SECOND);
        }
        assertEquals(0, heap.collectRequests);
    }

    @Test
    void aRelativeWatermarkIsAFractionOfTheMaximumHeap() {
        long max = Runtime.getRuntime().maxMemory();
        assertEquals((long) (0.4 * max), MemoryMonitor.relativeWatermark(0.4));
        assertEquals(max, MemoryMonitor.relativeWatermark(1.0));
    }
}
