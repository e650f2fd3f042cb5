package io.warren.bench.run;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfirmWindowTest {
    private final LongAdder nacked = new LongAdder();
    private final ConfirmWindow window = new ConfirmWindow(3, nacked);
    private final RunControl control = new RunControl();

    @Test
    void aFullWindowWaitsUntilStopped() throws InterruptedException {
        fill(1, 3);
        control.stop();

        assertFalse(window.reserve(4, control));
        assertEquals(3, window.inFlight());
    }

    @Test
    void aSingleAckFreesOnePlace() throws InterruptedException {
        fill(1, 3);

        window.handleAck(2, false);

        assertEquals(2, window.inFlight());
        assertTrue(window.reserve(4, control));
        control.stop();
        assertFalse(window.reserve(5, control));
    }

    @Test
    void aMultipleAckFreesEverythingUpToItsTag() throws InterruptedException {
        fill(1, 3);

        window.handleAck(2, true);

        assertEquals(1, window.inFlight());
        assertTrue(window.reserve(4, control));
        assertTrue(window.reserve(5, control));
        assertEquals(3, window.inFlight());
    }

    @Test
    void nacksFreePlacesAndAreCounted() throws InterruptedException {
        fill(1, 3);

        window.handleNack(2, true);
        window.handleNack(3, false);

        assertEquals(0, window.inFlight());
        assertEquals(3, nacked.sum());
    }

    @Test
    void aRepeatedConfirmDoesNotWidenTheWindow() throws InterruptedException {
        fill(1, 3);

        window.handleAck(1, false);
        window.handleAck(1, false);
        window.handleAck(1, true);

        fill(4, 4);
        control.stop();
        assertFalse(window.reserve(5, control));
    }

    private void fill(long from, long to) throws InterruptedException {
        for (long tag = from; tag <= to; tag++) {
            assertTrue(window.reserve(tag, control));
        }
    }
}
