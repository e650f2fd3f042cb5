package io.warren.broker.alarm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceAlarmsTest {
    private final ResourceAlarms alarms = new ResourceAlarms();

    @Test
    void raisedAlarmsAreActiveUntilCleared() {
        alarms.set(ResourceAlarm.DISK, true);
        alarms.set(ResourceAlarm.MEMORY, true);
        alarms.set(ResourceAlarm.DISK, false);

        assertEquals(Set.of(ResourceAlarm.MEMORY), alarms.active());
        assertTrue(alarms.anyActive());
        assertTrue(alarms.isActive(ResourceAlarm.MEMORY));
        assertFalse(alarms.isActive(ResourceAlarm.DISK));

        alarms.set(ResourceAlarm.MEMORY, false);
        assertEquals(Set.of(), alarms.active());
        assertFalse(alarms.anyActive());
    }

    @Test
    void listenersHearOnlyOfChanges() {
        AtomicInteger calls = new AtomicInteger();
        alarms.addListener(calls::incrementAndGet);

        alarms.set(ResourceAlarm.MEMORY, true);
        alarms.set(ResourceAlarm.MEMORY, true);
        alarms.set(ResourceAlarm.DISK, false);
        alarms.set(ResourceAlarm.MEMORY, false);

        assertEquals(2, calls.get());
    }

    @Test
    void aFailingListenerDoesNotKeepTheOthersUninformed() {
        AtomicInteger calls = new AtomicInteger();
        alarms.addListener(() -> { throw new IllegalStateException("listener bug"); });
        alarms.addListener(calls::incrementAndGet);

        alarms.set(ResourceAlarm.DISK, true);

        assertEquals(1, calls.get());
        assertTrue(alarms.isActive(ResourceAlarm.DISK));
    }

    @Test
    void listenersSeeTheChangeThatCalledThem() {
        List<Set<ResourceAlarm>> seen = new ArrayList<>();
        alarms.addListener(() -> seen.add(alarms.active()));

        alarms.set(ResourceAlarm.MEMORY, true);
        alarms.set(ResourceAlarm.MEMORY, false);

        assertEquals(List.of(Set.of(ResourceAlarm.MEMORY), Set.of()), seen);
    }

    @Test
    void blockedReasonIsWordedAsRabbitMqWordsIt() {
        assertEquals("low on memory", ResourceAlarm.blockedReason(EnumSet.of(ResourceAlarm.MEMORY)));
        assertEquals("low on disk", ResourceAlarm.blockedReason(EnumSet.of(ResourceAlarm.DISK)));
        assertEquals("low on memory & disk", ResourceAlarm.blockedReason(EnumSet.allOf(ResourceAlarm.class)));
    }
}
