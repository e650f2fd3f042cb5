package io.warren.exchange;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExchangeToExchangeRoutingTest {
    private final ExchangeRegistry registry = new ExchangeRegistry();
    private final RouteResult result = new RouteResult();

    private Exchange declare(String name, ExchangeType type) {
        return registry.declare(name, type, false, false, false, Map.of());
    }

    @Test
    void aChainDeliversWhatEachLinkMatches() {
        Exchange source = declare("source", ExchangeType.TOPIC);
        declare("middle", ExchangeType.DIRECT);
        declare("last", ExchangeType.FANOUT);
        registry.bind(Binding.toExchange("source", "middle", "orders.#", Map.of()));
        registry.bind(Binding.toExchange("middle", "last", "orders.eu", Map.of()));
        registry.bind(Binding.toQueue("middle", "middle-q", "orders.eu", Map.of()));
        registry.bind(Binding.toQueue("last", "last-q", "", Map.of()));

        registry.route(source, "orders.eu", null, result);
        assertEquals(List.of("middle-q", "last-q"), result.toList());
        registry.route(source, "orders.us", null, result);
        assertTrue(result.isEmpty(), "middle's direct binding does not match orders.us");
    }

    @Test
    void cyclesVisitEachExchangeOnce() {
        Exchange a = declare("a", ExchangeType.FANOUT);
        declare("b", ExchangeType.FANOUT);
        declare("c", ExchangeType.FANOUT);
        registry.bind(Binding.toExchange("a", "b", "", Map.of()));
        registry.bind(Binding.toExchange("b", "c", "", Map.of()));
        registry.bind(Binding.toExchange("c", "a", "", Map.of()));
        registry.bind(Binding.toExchange("a", "a", "", Map.of()));
        registry.bind(Binding.toQueue("a", "qa", "", Map.of()));
        registry.bind(Binding.toQueue("c", "qc", "", Map.of()));

        registry.route(a, "k", null, result);

        assertEquals(List.of("qa", "qc"), result.toList());
    }

    @Test
    void aQueueReachedByManyPathsIsListedOnce() {
        Exchange top = declare("top", ExchangeType.FANOUT);
        declare("left", ExchangeType.FANOUT);
        declare("right", ExchangeType.FANOUT);
        registry.bind(Binding.toExchange("top", "left", "", Map.of()));
        registry.bind(Binding.toExchange("top", "right", "", Map.of()));
        registry.bind(Binding.toQueue("left", "shared", "", Map.of()));
        registry.bind(Binding.toQueue("right", "shared", "", Map.of()));
        registry.bind(Binding.toQueue("top", "shared", "", Map.of()));

        registry.route(top, "", null, result);

        assertEquals(List.of("shared"), result.toList());
    }

    @Test
    void theMessageKeepsItsRoutingKeyAndHeadersAcrossExchanges() {
        Exchange source = declare("source", ExchangeType.FANOUT);
        declare("headers", ExchangeType.HEADERS);
        declare("topic", ExchangeType.TOPIC);
        registry.bind(Binding.toExchange("source", "headers", "", Map.of()));
        registry.bind(Binding.toExchange("source", "topic", "", Map.of()));
        registry.bind(Binding.toQueue("headers", "by-header", "", Map.of("region", "eu")));
        registry.bind(Binding.toQueue("topic", "by-key", "*.created", Map.of()));

        registry.route(source, "order.created", Map.of("region", "eu"), result);

        assertEquals(Set.of("by-key", "by-header"), Set.copyOf(result.toList()));
    }

    @Test
    void unbindingADestinationExchangeStopsTheFlow() {
        Exchange source = declare("source", ExchangeType.FANOUT);
        declare("sink", ExchangeType.FANOUT);
        registry.bind(Binding.toExchange("source", "sink", "", Map.of()));
        registry.bind(Binding.toQueue("sink", "q", "", Map.of()));

        registry.unbind(Binding.toExchange("source", "sink", "", Map.of()));

        registry.route(source, "", null, result);
        assertTrue(result.isEmpty());
    }
}
