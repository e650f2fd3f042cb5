package io.warren.exchange;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule here was checked against RabbitMQ 3.10.8 with the Java client. */
class AlternateExchangeTest {
    private final ExchangeRegistry registry = ExchangeRegistry.withStandardExchanges();
    private final RouteResult result = new RouteResult();

    private Exchange declare(String name, ExchangeType type, String alternate) {
        return registry.declare(name, type, false, false, false,
                alternate == null ? Map.of() : Map.of(Exchange.ALTERNATE_EXCHANGE, alternate));
    }

    private void catchAll(String exchange, String queue) {
        declare(exchange, ExchangeType.FANOUT, null);
        registry.bind(Binding.toQueue(exchange, queue, "", Map.of()));
    }

    @Test
    void unroutedMessagesGoToTheAlternate() {
        catchAll("ae", "unrouted");
        Exchange main = declare("main", ExchangeType.DIRECT, "ae");
        registry.bind(Binding.toQueue("main", "q", "k", Map.of()));

        registry.route(main, "k", null, result);
        assertEquals(List.of("q"), result.toList());
        registry.route(main, "other", null, result);
        assertEquals(List.of("unrouted"), result.toList());
    }

    @Test
    void routingOnlyToAnExchangeThatRoutesNowhereDoesNotUseTheAlternate() {
        catchAll("ae", "unrouted");
        declare("empty", ExchangeType.DIRECT, null);
        Exchange main = declare("main", ExchangeType.DIRECT, "ae");
        registry.bind(Binding.toExchange("main", "empty", "k", Map.of()));

        registry.route(main, "k", null, result);

        assertTrue(result.isEmpty());
    }

    @Test
    void anExchangeReachedThroughABindingUsesItsOwnAlternate() {
        catchAll("ae1", "unrouted-1");
        catchAll("ae2", "unrouted-2");
        declare("second", ExchangeType.DIRECT, "ae2");
        Exchange first = declare("first", ExchangeType.DIRECT, "ae1");
        registry.bind(Binding.toExchange("first", "second", "k", Map.of()));

        registry.route(first, "k", null, result);

        assertEquals(List.of("unrouted-2"), result.toList());
    }

    @Test
    void aFanoutThatAlsoReachesAQueueStillLetsTheDestinationUseItsAlternate() {
        catchAll("ae", "unrouted");
        declare("second", ExchangeType.DIRECT, "ae");
        Exchange first = declare("first", ExchangeType.FANOUT, null);
        registry.bind(Binding.toExchange("first", "second", "", Map.of()));
        registry.bind(Binding.toQueue("first", "direct-q", "", Map.of()));

        registry.route(first, "k", null, result);

        assertEquals(List.of("direct-q", "unrouted"), result.toList());
    }

    @Test
    void alternatesChain() {
        catchAll("last", "unrouted");
        declare("middle", ExchangeType.DIRECT, "last");
        Exchange first = declare("first", ExchangeType.DIRECT, "middle");

        registry.route(first, "zz", null, result);

        assertEquals(List.of("unrouted"), result.toList());
    }

    @Test
    void alternateCyclesEndAndStillRoute() {
        Exchange one = declare("one", ExchangeType.DIRECT, "two");
        declare("two", ExchangeType.DIRECT, "one");
        registry.bind(Binding.toQueue("two", "hit", "hit", Map.of()));

        registry.route(one, "miss", null, result);
        assertTrue(result.isEmpty());
        registry.route(one, "hit", null, result);
        assertEquals(List.of("hit"), result.toList());
    }

    @Test
    void anExchangeThatIsItsOwnAlternateRoutesNowhere() {
        Exchange self = declare("self", ExchangeType.DIRECT, "self");

        registry.route(self, "k", null, result);

        assertTrue(result.isEmpty());
    }

    @Test
    void aMissingAlternateIsIgnored() {
        Exchange main = declare("main", ExchangeType.DIRECT, "does-not-exist");

        registry.route(main, "k", null, result);

        assertTrue(result.isEmpty());
    }

    @Test
    void theDefaultExchangeAsAlternateRoutesNowhere() {
        Exchange main = declare("main", ExchangeType.DIRECT, "");

        registry.route(main, "some-queue", null, result);

        assertTrue(result.isEmpty(), "RabbitMQ 3.10 drops it: the default exchange has no bindings to match");
    }

    @Test
    void aFanoutBoundToItselfMatchesAndSoSkipsItsAlternate() {
        catchAll("ae", "unrouted");
        Exchange self = declare("self", ExchangeType.FANOUT, "ae");
        registry.bind(Binding.toExchange("self", "self", "", Map.of()));

        registry.route(self, "k", null, result);

        assertTrue(result.isEmpty());
    }

    @Test
    void aPolicyAlternateAppliesWhenNoArgumentNamesOne() {
        catchAll("policy-ae", "by-policy");
        catchAll("argument-ae", "by-argument");
        Exchange plain = declare("plain", ExchangeType.DIRECT, null);
        Exchange withArgument = declare("with-argument", ExchangeType.DIRECT, "argument-ae");

        assertTrue(registry.setPolicyAlternateExchange("plain", "policy-ae"));
        assertTrue(registry.setPolicyAlternateExchange("with-argument", "policy-ae"));
        assertFalse(registry.setPolicyAlternateExchange("absent", "policy-ae"));

        registry.route(plain, "k", null, result);
        assertEquals(List.of("by-policy"), result.toList());
        registry.route(withArgument, "k", null, result);
        assertEquals(List.of("by-argument"), result.toList());
        registry.setPolicyAlternateExchange("plain", null);
        registry.route(plain, "k", null, result);
        assertTrue(result.isEmpty());
    }

    @Test
    void theAlternateNameComesFromLongStringsAndByteArraysOnly() {
        assertEquals("ae", registry.declare("s", ExchangeType.DIRECT, false, false, false,
                Map.of(Exchange.ALTERNATE_EXCHANGE, new CodecLongString("ae"))).alternateExchange());
        assertEquals("ae", registry.declare("b", ExchangeType.DIRECT, false, false, false,
                Map.of(Exchange.ALTERNATE_EXCHANGE, "ae".getBytes(StandardCharsets.UTF_8))).alternateExchange());
        assertNull(registry.declare("i", ExchangeType.DIRECT, false, false, false,
                Map.of(Exchange.ALTERNATE_EXCHANGE, 5)).alternateExchange());
    }
}
