package io.warren.bench.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PacerTest {
    private static final long MS = 1_000_000;

    @Test
    void slotsAreEvenlySpacedAtTheRate() {
        Pacer pacer = new Pacer(1_000, 0);

        assertEquals(0, pacer.claimSlot(0));
        assertEquals(MS, pacer.claimSlot(0));
        assertEquals(2 * MS, pacer.claimSlot(MS / 2));
        assertEquals(3 * MS, pacer.claimSlot(3 * MS));
    }

    @Test
    void aProducerSlightlyBehindCatchesUpToKeepTheAverage() {
        Pacer pacer = new Pacer(200, 0);
        long now = 50 * MS;

        // 5 ms slots: the slots at 0..50 ms are all already due.
        for (int i = 0; i <= 10; i++) {
            assertEquals(i * 5 * MS, pacer.claimSlot(now));
        }
        assertEquals(55 * MS, pacer.claimSlot(now));
    }

    @Test
    void aLongStallRestartsTheScheduleInsteadOfBursting() {
        Pacer pacer = new Pacer(1_000, 0);
        pacer.claimSlot(0);
        long afterStall = 5_000 * MS;

        assertEquals(afterStall, pacer.claimSlot(afterStall));
        assertEquals(afterStall + MS, pacer.claimSlot(afterStall));
    }

    @Test
    void rateZeroMeansNoWaiting() {
        Pacer pacer = new Pacer(0, 0);

        assertEquals(7, pacer.claimSlot(7));
        assertEquals(7, pacer.claimSlot(7));
    }
}
