package io.warren.broker;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DurableBarrierTest {
    @Test
    void runsOnceAfterArmingAndEveryExpectedCallbackInAnyOrder() {
        AtomicInteger ran = new AtomicInteger();
        DurableBarrier b = new DurableBarrier();
        Runnable first = b.expect();
        Runnable second = b.expect();
        second.run();              // a write completing before the barrier is armed
        b.arm(ran::incrementAndGet);
        assertEquals(0, ran.get(), "one write still outstanding");
        first.run();
        assertEquals(1, ran.get());
    }

    @Test
    void withNothingExpectedArmingRunsAtOnce() {
        AtomicInteger ran = new AtomicInteger();
        new DurableBarrier().arm(ran::incrementAndGet);
        assertEquals(1, ran.get());
    }
}
