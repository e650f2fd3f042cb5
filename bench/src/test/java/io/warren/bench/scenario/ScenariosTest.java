package io.warren.bench.scenario;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenariosTest {

    @Test
    void theFixedNamesKeepTheirNumbers() {
        assertEquals(List.of("1 p1c1-small", "2 p1c1-1k-ack", "3 fanout10", "4 latency-1k", "5 queues50"),
                Scenarios.ALL.subList(0, 5).stream().map(s -> s.number() + " " + s.name()).toList());
    }

    @Test
    void namesAndNumbersAreUnique() {
        Set<String> names = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (ScenarioSpec spec : Scenarios.ALL) {
            assertTrue(names.add(spec.name()), "duplicate name " + spec.name());
            assertTrue(numbers.add(spec.number()), "duplicate number " + spec.number());
        }
    }

    @Test
    void scenariosHaveTheShapesTheBriefNames() {
        ScenarioSpec small = Scenarios.select("p1c1-small").get(0);
        assertEquals(12, small.bodySize());
        assertEquals(AckMode.AUTO, small.ackMode());
        assertEquals(0, small.ratePerProducer());

        ScenarioSpec ack = Scenarios.select("p1c1-1k-ack").get(0);
        assertEquals(1024, ack.bodySize());
        assertEquals(AckMode.EACH, ack.ackMode());
        assertEquals(200, ack.prefetch());

        ScenarioSpec fanout = Scenarios.select("fanout10").get(0);
        assertEquals(Routing.FANOUT, fanout.routing());
        assertEquals(10, fanout.queues());
        assertEquals(1, fanout.consumersPerQueue());
        assertEquals(10, fanout.copiesPerMessage());
        assertEquals(1, fanout.producers());

        ScenarioSpec latency = Scenarios.select("latency-1k").get(0);
        assertEquals(1_000, latency.ratePerProducer() * latency.producers());

        ScenarioSpec queues = Scenarios.select("queues50").get(0);
        assertEquals(50, queues.queues());
        assertEquals(50, queues.producers());
        assertEquals(1, queues.consumersPerQueue());
        assertEquals(200, queues.ratePerProducer());
        assertEquals(1, queues.copiesPerMessage());
    }

    @Test
    void selectsByNameOrNumberInTheGivenOrderOnce() {
        List<String> names = Scenarios.select("3, p1c1-small,fanout10,1").stream().map(ScenarioSpec::name).toList();

        assertEquals(List.of("fanout10", "p1c1-small"), names);
    }

    @Test
    void allSelectsTheWholeCatalogue() {
        assertEquals(Scenarios.ALL, Scenarios.select("ALL"));
    }

    @Test
    void unknownEntriesAreRejectedWithTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenarios.select("1,,2"));

        assertTrue(e.getMessage().contains("unknown scenario ''"), e.getMessage());
        assertTrue(e.getMessage().contains("5|queues50"), e.getMessage());
    }
}
