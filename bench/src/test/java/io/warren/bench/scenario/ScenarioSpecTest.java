package io.warren.bench.scenario;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioSpecTest {

    @Test
    void witherChangesOnlyItsField() {
        ScenarioSpec spec = ScenarioSpec.builder(9, "x", "d").routing(Routing.FANOUT).queues(3).producers(2)
                .bodySize(64).ratePerProducer(10).ackMode(AckMode.EACH).prefetch(5).maxBacklogPerQueue(7).build();

        ScenarioSpec changed = spec.withPersistent(true).withConfirmWindow(11);

        assertTrue(changed.persistent());
        assertEquals(11, changed.confirmWindow());
        assertFalse(spec.persistent());
        assertEquals(spec, changed.withPersistent(false).withConfirmWindow(0));
    }

    @Test
    void bodiesMustHoldTheStamp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScenarioSpec.builder(9, "x", "d").bodySize(11).build());

        assertEquals("bodySize must be at least 12, got 11", e.getMessage());
    }

    @Test
    void namesCannotHoldSeparators() {
        assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.builder(9, "a,b", "d").build());
        assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.builder(9, " a", "d").build());
    }

    @Test
    void directRoutingDeliversEachMessageOnceAndFanoutOncePerQueue() {
        assertEquals(1, ScenarioSpec.builder(9, "x", "d").queues(4).build().copiesPerMessage());
        assertEquals(4, ScenarioSpec.builder(9, "x", "d").queues(4).routing(Routing.FANOUT).build().copiesPerMessage());
    }
}
