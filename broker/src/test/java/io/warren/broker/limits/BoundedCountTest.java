package io.warren.broker.limits;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedCountTest {

    @Test
    void takesPlacesUpToTheLimitAndAgainOnceOneIsReleased() {
        BoundedCount count = new BoundedCount();
        assertTrue(count.tryAcquire(2));
        assertTrue(count.tryAcquire(2));
        assertFalse(count.tryAcquire(2));
        assertEquals(2, count.held());
        count.release();
        assertTrue(count.tryAcquire(2));
        assertEquals(2, count.held());
    }

    @Test
    void zeroAllowsNothingAndANegativeLimitEverything() {
        BoundedCount count = new BoundedCount();
        assertFalse(count.tryAcquire(0));
        for (int i = 0; i < 1000; i++) {
            assertTrue(count.tryAcquire(BoundedCount.UNLIMITED));
        }
        assertEquals(1000, count.held());
        assertFalse(count.tryAcquire(1000), "places taken without a limit still count against a later one");
    }

    @Test
    void threadsRacingForTheLastPlacesNeverOvershoot() throws InterruptedException {
        BoundedCount count = new BoundedCount();
        AtomicInteger taken = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 500; i++) {
                    if (count.tryAcquire(100)) {
                        taken.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(100, taken.get());
        assertEquals(100, count.held());
    }
}
