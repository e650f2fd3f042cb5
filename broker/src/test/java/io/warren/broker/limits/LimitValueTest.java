package io.warren.broker.limits;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LimitValueTest {

    @Test
    void integersOfZeroOrMoreAreLimits() {
        assertEquals(0, LimitValue.of(Map.of("max-queues", 0), "max-queues"));
        assertEquals(5, LimitValue.of(Map.of("max-queues", 5L), "max-queues"));
        assertEquals(7, LimitValue.of(Map.of("max-queues", BigInteger.valueOf(7)), "max-queues"));
    }

    @Test
    void negativeMissingAndNonIntegerValuesMeanNoLimit() {
        assertEquals(BoundedCount.UNLIMITED, LimitValue.of(Map.of("max-queues", -5), "max-queues"));
        assertEquals(BoundedCount.UNLIMITED, LimitValue.of(Map.of("max-connections", 5), "max-queues"));
        assertEquals(BoundedCount.UNLIMITED, LimitValue.of(Map.of("max-queues", 5.0), "max-queues"));
        assertEquals(BoundedCount.UNLIMITED, LimitValue.of(Map.of("max-queues", "5"), "max-queues"));
        assertEquals(BoundedCount.UNLIMITED, LimitValue.of(null, "max-queues"));
    }
}
