package io.warren.exchange;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule here was checked against RabbitMQ 3.10.8 with the Java client. */
class AutoDeleteTest {
    private final ExchangeRegistry registry = new ExchangeRegistry();

    private void declare(String name, boolean autoDelete) {
        registry.declare(name, ExchangeType.FANOUT, false, autoDelete, false, Map.of());
    }

    @Test
    void unbindingTheLastBindingDeletesTheSource() {
        declare("source", true);
        Binding binding = Binding.toQueue("source", "q", "k", Map.of());
        registry.bind(binding);

        Removal removal = registry.unbind(binding);

        assertNull(registry.lookup("source"));
        assertEquals(List.of(binding), removal.bindings());
        assertEquals(List.of("source"), removal.exchangeNames());
    }

    @Test
    void unbindingOneOfTwoKeepsTheSource() {
        declare("source", true);
        registry.bind(Binding.toQueue("source", "q", "a", Map.of()));
        registry.bind(Binding.toQueue("source", "q", "b", Map.of()));

        Removal removal = registry.unbind(Binding.toQueue("source", "q", "a", Map.of()));

        assertNotNull(registry.lookup("source"));
        assertEquals(List.of(), removal.exchanges());
    }

    @Test
    void aNewAutoDeleteExchangeWithoutBindingsStays() {
        declare("fresh", true);

        assertNotNull(registry.lookup("fresh"));
    }

    @Test
    void unbindingWhatIsNotBoundChangesNothing() {
        declare("source", true);

        Removal removal = registry.unbind(Binding.toQueue("source", "q", "zz", Map.of()));

        assertTrue(removal.isEmpty());
        assertNotNull(registry.lookup("source"));
    }

    @Test
    void deletingTheDestinationExchangeDeletesAnAutoDeleteSource() {
        declare("source", true);
        declare("destination", false);
        registry.bind(Binding.toExchange("source", "destination", "k", Map.of()));

        Removal removal = registry.delete("destination");

        assertNull(registry.lookup("source"));
        assertEquals(List.of("destination", "source"), removal.exchangeNames());
        assertEquals(List.of(Binding.toExchange("source", "destination", "k", Map.of())), removal.bindings());
    }

    @Test
    void deletingAQueueCascadesUpAChain() {
        declare("a", true);
        declare("b", true);
        registry.bind(Binding.toExchange("a", "b", "k", Map.of()));
        registry.bind(Binding.toQueue("b", "q", "k", Map.of()));

        Removal removal = registry.removeBindingsTo(DestinationKind.QUEUE, "q");

        assertNull(registry.lookup("a"));
        assertNull(registry.lookup("b"));
        assertEquals(List.of("b", "a"), removal.exchangeNames());
        assertEquals(2, removal.bindings().size());
        assertTrue(registry.bindings().isEmpty());
    }

    @Test
    void deletingTheEndOfAChainCascadesTwoLevels() {
        declare("t1", true);
        declare("t2", true);
        declare("t3", false);
        registry.bind(Binding.toExchange("t1", "t2", "", Map.of()));
        registry.bind(Binding.toExchange("t2", "t3", "", Map.of()));

        Removal removal = registry.delete("t3");

        assertEquals(List.of("t3", "t2", "t1"), removal.exchangeNames());
        assertTrue(registry.exchanges().isEmpty());
    }

    @Test
    void beingOnlyADestinationDoesNotKeepAnExchangeAliveNorKillIt() {
        declare("source", false);
        declare("destination", true);
        registry.bind(Binding.toExchange("source", "destination", "k", Map.of()));

        registry.unbind(Binding.toExchange("source", "destination", "k", Map.of()));

        assertNotNull(registry.lookup("destination"), "only bindings as a source count");
    }

    @Test
    void deletingTheSourceOfAnAutoDeleteDestinationKeepsTheDestination() {
        declare("source", false);
        declare("destination", true);
        registry.bind(Binding.toExchange("source", "destination", "k", Map.of()));
        registry.bind(Binding.toQueue("destination", "q", "k", Map.of()));

        Removal removal = registry.delete("source");

        assertNotNull(registry.lookup("destination"));
        assertEquals(List.of("source"), removal.exchangeNames());
    }

    @Test
    void aBindingToItselfKeepsAnAutoDeleteExchange() {
        declare("self", true);
        registry.bind(Binding.toExchange("self", "self", "", Map.of()));
        registry.bind(Binding.toQueue("self", "q", "", Map.of()));

        registry.removeBindingsTo(DestinationKind.QUEUE, "q");

        assertNotNull(registry.lookup("self"));
    }

    @Test
    void anAutoDeleteSourceWithAnotherBindingSurvivesTheLossOfOne() {
        declare("source", true);
        declare("other", false);
        registry.bind(Binding.toExchange("source", "other", "", Map.of()));
        registry.bind(Binding.toQueue("source", "q", "", Map.of()));

        registry.delete("other");

        assertNotNull(registry.lookup("source"));
        assertEquals(List.of(Binding.toQueue("source", "q", "", Map.of())), registry.bindingsFrom("source"));
    }

    @Test
    void deletingAnExchangeRemovesItsBindingsBothWays() {
        declare("upstream", false);
        declare("x", false);
        registry.bind(Binding.toExchange("upstream", "x", "", Map.of()));
        registry.bind(Binding.toQueue("x", "q", "", Map.of()));
        registry.bind(Binding.toExchange("x", "x", "", Map.of()));

        Removal removal = registry.delete("x");

        assertEquals(3, removal.bindings().size());
        assertTrue(registry.bindings().isEmpty());
        assertTrue(registry.bindingsTo(DestinationKind.QUEUE, "q").isEmpty());
        assertEquals(List.of("x"), removal.exchangeNames());
    }

    @Test
    void deletingAnUnknownExchangeRemovesNothing() {
        assertSame(Removal.NONE, registry.delete("nope"));
    }
}
