package io.warren.broker.alarm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskMonitorTest {
    private static final long MB = 1_000_000;

    private final ResourceAlarms alarms = new ResourceAlarms();
    private long free;
    private IOException unreadable;
    private final DiskMonitor monitor = new DiskMonitor(alarms, () -> {
        if (unreadable != null) {
            throw unreadable;
        }
        return free;
    }, 50 * MB);

    @Test
    void alarmIsOnWhileFreeSpaceIsBelowTheLimit() {
        free = 50 * MB;
        monitor.check();
        assertFalse(alarms.isActive(ResourceAlarm.DISK), "at the limit is not below it");

        free = 50 * MB - 1;
        monitor.check();
        assertTrue(alarms.isActive(ResourceAlarm.DISK));
        assertEquals(50 * MB - 1, monitor.free());

        free = 2_000 * MB;
        monitor.check();
        assertFalse(alarms.isActive(ResourceAlarm.DISK));
    }

    @Test
    void changingTheLimitChecksAtOnce() {
        free = 80 * MB;
        monitor.setFreeLimit(100 * MB);
        assertTrue(alarms.isActive(ResourceAlarm.DISK));

        monitor.setFreeLimit(0);
        assertFalse(alarms.isActive(ResourceAlarm.DISK));
        assertEquals(0, monitor.freeLimit());
    }

    @Test
    void unreadableFreeSpaceLeavesTheAlarmAsItWas() {
        free = 10 * MB;
        monitor.check();
        unreadable = new IOException("file system gone");

        long next = monitor.check();

        assertTrue(alarms.isActive(ResourceAlarm.DISK));
        assertEquals(DiskMonitor.MAX_CHECK_INTERVAL_MILLIS, next);
        assertEquals(10 * MB, monitor.free());
    }

    @Test
    void checksComeSoonerTheCloserFreeSpaceIsToTheLimit() {
        // rabbit_disk_monitor: 2 * headroom / 250 kB per ms, within 100 ms .. 10 s.
        assertEquals(800, DiskMonitor.checkIntervalMillis(150 * MB, 50 * MB, false));
        assertEquals(100, DiskMonitor.checkIntervalMillis(55 * MB, 50 * MB, false));
        assertEquals(10_000, DiskMonitor.checkIntervalMillis(80_000 * MB, 50 * MB, false));
        assertEquals(10_000, DiskMonitor.checkIntervalMillis(1 * MB, 50 * MB, true), "alarmed: the longest");
    }

    @Test
    void checkReturnsTheNextInterval() {
        free = 150 * MB;
        assertEquals(800, monitor.check());
    }

    @Test
    void realFreeSpaceOfADirectoryIsReadable(@TempDir Path dir) throws IOException {
        long bytes = DiskMonitor.FreeSpace.of(dir).bytes();
        assertTrue(bytes > 0 && bytes <= dir.toFile().getTotalSpace(), "free " + bytes);
    }
}
