package io.warren.exchange;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routes on one thread while another thread binds and unbinds: no exception, the bindings that
 * never change always route, and nothing outside the known queues ever appears.
 */
class ConcurrentRoutingTest {
    private static final long RUN_MILLIS = 300;

    private final ExchangeRegistry registry = ExchangeRegistry.withStandardExchanges();

    @Test
    void topicRoutesStayConsistentWhileTheTrieChanges() throws Exception {
        Exchange topic = registry.declare("t", ExchangeType.TOPIC, false, false, false, Map.of());
        registry.bind(Binding.toQueue("t", "stable", "a.*", Map.of()));
        registry.bind(Binding.toExchange("t", "amq.fanout", "#.b", Map.of()));
        registry.bind(Binding.toQueue("amq.fanout", "via-fanout", "", Map.of()));

        Set<String> seen = routeWhileChanging(topic, "a.b", null, Set.of("stable", "via-fanout"),
                Set.of("stable", "via-fanout", "toggled", "toggled-deep"), round -> {
                    Binding toggled = Binding.toQueue("t", "toggled", "a.#", Map.of());
                    Binding deep = Binding.toQueue("t", "toggled-deep", "*.b.#", Map.of());
                    Binding sibling = Binding.toQueue("t", "never", "w" + round % 64 + ".x", Map.of());
                    registry.bind(toggled);
                    registry.bind(deep);
                    registry.bind(sibling);
                    registry.unbind(toggled);
                    registry.unbind(deep);
                    if (round % 3 == 0) {
                        registry.unbind(sibling);
                    }
                });

        assertTrue(seen.contains("stable"));
    }

    @Test
    void directFanoutAndHeadersRoutesStayConsistentWhileBindingsChange() throws Exception {
        Exchange source = registry.declare("source", ExchangeType.FANOUT, false, false, false, Map.of());
        registry.bind(Binding.toExchange("source", "amq.direct", "", Map.of()));
        registry.bind(Binding.toExchange("source", "amq.headers", "", Map.of()));
        registry.bind(Binding.toQueue("amq.direct", "direct-stable", "k", Map.of()));
        registry.bind(Binding.toQueue("amq.headers", "headers-stable", "", Map.of("h", 1)));
        registry.bind(Binding.toQueue("source", "fanout-stable", "", Map.of()));

        routeWhileChanging(source, "k", Map.of("h", 1L),
                Set.of("direct-stable", "headers-stable", "fanout-stable"),
                Set.of("direct-stable", "headers-stable", "fanout-stable", "direct-toggled", "headers-toggled",
                        "fanout-toggled"), round -> {
                    Binding direct = Binding.toQueue("amq.direct", "direct-toggled", "k", Map.of("n", round));
                    Binding headers = Binding.toQueue("amq.headers", "headers-toggled", "", Map.of("h", 1, "n", round));
                    Binding fanout = Binding.toQueue("source", "fanout-toggled", "", Map.of());
                    registry.bind(direct);
                    registry.bind(headers);
                    registry.bind(fanout);
                    registry.unbind(direct);
                    registry.unbind(headers);
                    registry.unbind(fanout);
                });
    }

    /**
     * Runs {@code change} in rounds on a second thread while this one routes, and checks every
     * result. Returns every queue seen.
     */
    private Set<String> routeWhileChanging(Exchange exchange, String routingKey, Map<String, Object> headers,
                                           Set<String> alwaysThere, Set<String> allowed, Consumer<Integer> change)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int round = 0;
            while (!stop.get()) {
                change.accept(round++);
            }
            return round;
        });
        RouteResult result = new RouteResult();
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        try {
            while (System.nanoTime() < deadline) {
                registry.route(exchange, routingKey, headers, result);
                List<String> queues = result.toList();
                assertEquals(queues.size(), new HashSet<>(queues).size(), "each queue once: " + queues);
                assertTrue(queues.containsAll(alwaysThere), "stable bindings route: " + queues);
                assertTrue(allowed.containsAll(queues), "only known queues: " + queues);
                seen.addAll(queues);
            }
        } finally {
            stop.set(true);
        }
        assertTrue(writer.get(10, TimeUnit.SECONDS) > 0, "the writer made changes");
        return seen;
    }
}
