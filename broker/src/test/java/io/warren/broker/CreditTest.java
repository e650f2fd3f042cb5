package io.warren.broker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreditTest {
    @Test
    void limitedCreditRunsOutAndComesBack() {
        Credit c = new Credit(2);
        assertTrue(c.tryAcquire());
        assertTrue(c.tryAcquire());
        assertFalse(c.tryAcquire());
        c.release(1);
        assertTrue(c.tryAcquire());
        assertFalse(c.tryAcquire());
    }

    @Test
    void zeroMeansUnlimitedAndRaisingTheLimitKeepsWhatIsOut() {
        Credit c = new Credit(0);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(c.tryAcquire());
        }
        Credit d = new Credit(1);
        assertTrue(d.tryAcquire());
        d.setLimit(3);
        assertTrue(d.tryAcquire());
        assertTrue(d.tryAcquire());
        assertFalse(d.tryAcquire(), "1 out before the change + 2 new = the limit of 3");
    }
}
