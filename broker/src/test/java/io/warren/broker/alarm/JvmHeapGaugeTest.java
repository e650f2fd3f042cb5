package io.warren.broker.alarm;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmHeapGaugeTest {
    private final JvmHeapGauge gauge = new JvmHeapGauge();

    @Test
    void usedHeapIsWithinTheHeap() {
        long used = gauge.usedBytes();
        assertTrue(used >= 0 && used <= Runtime.getRuntime().maxMemory(), "used " + used);
    }

    @Test
    void aRequestedCollectionIsReported() throws Exception {
        CountDownLatch collected = new CountDownLatch(1);
        try (AutoCloseable subscription = gauge.onCollection(collected::countDown)) {
            gauge.collect();
            assertTrue(collected.await(5, TimeUnit.SECONDS), "no collection notification");
        }
    }

    @Test
    void afterAFullCollectionTheHeapInUseIsMeasured() {
        gauge.collect();
        // Whatever the collector, this test's own classes and objects are live after a full collection.
        assertTrue(gauge.usedBytes() > 0);
    }
}
