package io.warren.exchange;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectAndFanoutRoutingTest {
    private final ExchangeRegistry registry = ExchangeRegistry.withStandardExchanges();
    private final RouteResult result = new RouteResult();

    @Test
    void directMatchesTheWholeKeyExactly() {
        Exchange direct = registry.lookup("amq.direct");
        registry.bind(Binding.toQueue("amq.direct", "orders", "order.created", Map.of()));
        registry.bind(Binding.toQueue("amq.direct", "all-orders", "order.created", Map.of()));
        registry.bind(Binding.toQueue("amq.direct", "empty", "", Map.of()));

        registry.route(direct, "order.created", null, result);
        assertEquals(List.of("orders", "all-orders"), result.toList());
        registry.route(direct, "order.*", null, result);
        assertTrue(result.isEmpty(), "no wildcards in direct exchanges");
        registry.route(direct, "Order.created", null, result);
        assertTrue(result.isEmpty(), "case-sensitive");
        registry.route(direct, "", null, result);
        assertEquals(List.of("empty"), result.toList());
    }

    @Test
    void directKeepsAQueueWhileAnotherBindingWithTheSameKeyRemains() {
        Exchange direct = registry.lookup("amq.direct");
        registry.bind(Binding.toQueue("amq.direct", "q", "k", Map.of("v", 1)));
        registry.bind(Binding.toQueue("amq.direct", "q", "k", Map.of("v", 2)));

        registry.unbind(Binding.toQueue("amq.direct", "q", "k", Map.of("v", 1)));

        registry.route(direct, "k", null, result);
        assertEquals(List.of("q"), result.toList());
    }

    @Test
    void directRoutesEveryRoutingKeyOfAMessage() {
        Exchange direct = registry.lookup("amq.direct");
        registry.bind(Binding.toQueue("amq.direct", "a", "a", Map.of()));
        registry.bind(Binding.toQueue("amq.direct", "b", "b", Map.of()));
        registry.bind(Binding.toQueue("amq.direct", "c", "c", Map.of()));

        registry.route(direct, List.of("a", "c", "a"), null, result);

        assertEquals(List.of("a", "c"), result.toList());
    }

    @Test
    void fanoutRoutesToEveryBindingWhateverTheKey() {
        Exchange fanout = registry.lookup("amq.fanout");
        registry.bind(Binding.toQueue("amq.fanout", "q1", "x", Map.of()));
        registry.bind(Binding.toQueue("amq.fanout", "q2", "", Map.of()));
        registry.bind(Binding.toQueue("amq.fanout", "q3", "y", Map.of()));
        registry.unbind(Binding.toQueue("amq.fanout", "q3", "y", Map.of()));

        registry.route(fanout, "anything", null, result);

        assertEquals(List.of("q1", "q2"), result.toList());
    }

    @Test
    void fanoutListsAQueueBoundTwiceOnce() {
        Exchange fanout = registry.lookup("amq.fanout");
        registry.bind(Binding.toQueue("amq.fanout", "q", "a", Map.of()));
        registry.bind(Binding.toQueue("amq.fanout", "q", "b", Map.of()));

        registry.route(fanout, List.of("k1", "k2"), null, result);

        assertEquals(List.of("q"), result.toList());
    }

    @Test
    void defaultExchangeNamesTheQueueByTheRoutingKey() {
        Exchange defaultExchange = registry.lookup("");

        registry.route(defaultExchange, "any-queue-name", null, result);
        assertEquals(List.of("any-queue-name"), result.toList());
        registry.route(defaultExchange, List.of("q1", "q2", "q1"), null, result);
        assertEquals(Set.of("q1", "q2"), Set.copyOf(result.toList()));
        assertEquals(2, result.size());
    }

    @Test
    void anExchangeWithoutBindingsRoutesNowhere() {
        registry.route(registry.lookup("amq.topic"), "a.b", null, result);
        assertTrue(result.isEmpty());
        registry.route(registry.lookup("amq.headers"), "", Map.of("a", 1), result);
        assertTrue(result.isEmpty());
    }
}
