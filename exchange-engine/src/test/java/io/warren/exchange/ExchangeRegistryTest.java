package io.warren.exchange;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExchangeRegistryTest {
    private final ExchangeRegistry registry = ExchangeRegistry.withStandardExchanges();

    @Test
    void aNewVirtualHostHasRabbitMqsStandardExchanges() {
        List<String> described = registry.exchanges().stream()
                .map(x -> x.name() + " " + x.type().wireName() + (x.durable() ? " durable" : "")
                        + (x.autoDelete() ? " auto-delete" : "") + (x.internal() ? " internal" : ""))
                .toList();

        // As listed by RabbitMQ 3.10.8's management API for a fresh vhost.
        assertEquals(List.of(" direct durable", "amq.direct direct durable", "amq.fanout fanout durable",
                "amq.headers headers durable", "amq.match headers durable",
                "amq.rabbitmq.trace topic durable internal", "amq.topic topic durable"), described);
        assertTrue(registry.lookup("").isDefault());
        assertFalse(registry.lookup("amq.direct").isDefault());
    }

    @Test
    void declaringAnExistingNameReturnsTheExistingExchange() {
        Exchange first = registry.declare("x", ExchangeType.DIRECT, true, false, false, Map.of("a", 1));

        Exchange second = registry.declare("x", ExchangeType.FANOUT, false, true, true, Map.of());

        assertSame(first, second);
        assertEquals(ExchangeType.DIRECT, second.type());
        assertEquals(Map.of("a", 1), second.arguments());
        assertSame(first, registry.lookup("x"));
    }

    @Test
    void bindingFromOrToAMissingExchangeFails() {
        UnknownExchangeException missingSource = assertThrows(UnknownExchangeException.class,
                () -> registry.bind(Binding.toQueue("nope", "q", "k", Map.of())));
        UnknownExchangeException missingDestination = assertThrows(UnknownExchangeException.class,
                () -> registry.bind(Binding.toExchange("amq.direct", "nope", "k", Map.of())));

        assertEquals("nope", missingSource.exchangeName());
        assertEquals("nope", missingDestination.exchangeName());
        assertTrue(registry.bindings().isEmpty());
    }

    @Test
    void listsBindingsBySourceAndDestination() {
        registry.declare("x", ExchangeType.FANOUT, false, false, false, Map.of());
        Binding xToQ = Binding.toQueue("x", "q", "", Map.of());
        Binding directToQ = Binding.toQueue("amq.direct", "q", "k", Map.of());
        Binding directToX = Binding.toExchange("amq.direct", "x", "k", Map.of());
        registry.bind(xToQ);
        registry.bind(directToQ);
        registry.bind(directToX);

        assertEquals(List.of(directToQ, directToX, xToQ), registry.bindings());
        assertEquals(List.of(directToQ, directToX), registry.bindingsFrom("amq.direct"));
        assertEquals(List.of(xToQ, directToQ), registry.bindingsTo(DestinationKind.QUEUE, "q"));
        assertEquals(List.of(directToX), registry.bindingsTo(DestinationKind.EXCHANGE, "x"));
        assertTrue(registry.hasBindings("x"));
        assertFalse(registry.hasBindings("amq.topic"));
    }

    @Test
    void removingBindingsToAQueueLeavesOthers() {
        registry.bind(Binding.toQueue("amq.direct", "gone", "k", Map.of()));
        registry.bind(Binding.toQueue("amq.fanout", "gone", "", Map.of()));
        registry.bind(Binding.toQueue("amq.direct", "kept", "k", Map.of()));

        Removal removal = registry.removeBindingsTo(DestinationKind.QUEUE, "gone");

        assertEquals(2, removal.bindings().size());
        assertTrue(removal.exchanges().isEmpty(), "amq.* are not auto-delete");
        assertEquals(List.of(Binding.toQueue("amq.direct", "kept", "k", Map.of())), registry.bindings());
        RouteResult result = new RouteResult();
        registry.route(registry.lookup("amq.direct"), "k", null, result);
        assertEquals(List.of("kept"), result.toList());
    }

    @Test
    void aDeletedNameCanBeDeclaredAfresh() {
        registry.declare("x", ExchangeType.FANOUT, false, false, false, Map.of());
        registry.bind(Binding.toQueue("x", "q", "", Map.of()));
        registry.delete("x");
        assertNull(registry.lookup("x"));

        Exchange fresh = registry.declare("x", ExchangeType.TOPIC, false, false, false, Map.of());

        RouteResult result = new RouteResult();
        registry.route(fresh, "k", null, result);
        assertTrue(result.isEmpty(), "the old bindings went with the old exchange");
        assertEquals(ExchangeType.TOPIC, registry.lookup("x").type());
    }

    @Test
    void exchangeTypesByWireName() {
        assertEquals(ExchangeType.DIRECT, ExchangeType.fromWireName("direct"));
        assertEquals(ExchangeType.FANOUT, ExchangeType.fromWireName("fanout"));
        assertEquals(ExchangeType.TOPIC, ExchangeType.fromWireName("topic"));
        assertEquals(ExchangeType.HEADERS, ExchangeType.fromWireName("headers"));
        assertNull(ExchangeType.fromWireName("Direct"));
        assertNull(ExchangeType.fromWireName("x-delayed-message"));
        assertNull(ExchangeType.fromWireName(null));
        assertEquals("headers", ExchangeType.HEADERS.wireName());
    }
}
