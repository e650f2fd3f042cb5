package io.warren.bench.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacklogGateTest {
    private final TrafficCounters counters = new TrafficCounters();
    private final RunControl control = new RunControl();

    @Test
    void countsEveryCopyAFanoutWillDeliver() {
        BacklogGate gate = new BacklogGate(counters, 10, 100);
        sent(5);
        received(12);

        assertEquals(38, gate.backlog());
    }

    @Test
    void nackedMessagesLeaveTheBacklog() {
        BacklogGate gate = new BacklogGate(counters, 2, 100);
        sent(5);
        counters.nacked().add(2);

        assertEquals(6, gate.backlog());
    }

    @Test
    void opensBelowTheLimitAndHoldsAtIt() {
        BacklogGate gate = new BacklogGate(counters, 1, 3);
        sent(2);
        assertTrue(gate.awaitRoom(control));

        sent(1);
        control.stop();
        assertFalse(gate.awaitRoom(control), "full, so it waits until the run stops");

        received(1);
        assertTrue(gate.awaitRoom(control));
    }

    private void sent(int n) {
        for (int i = 0; i < n; i++) {
            counters.recordSent();
        }
    }

    private void received(int n) {
        for (int i = 0; i < n; i++) {
            counters.recordReceived();
        }
    }
}
