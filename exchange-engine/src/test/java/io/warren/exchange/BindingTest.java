package io.warren.exchange;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.warren.exchange.HeadersRoutingTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BindingTest {
    @Test
    void argumentsCompareByValueWhateverTheirOrder() {
        Binding first = Binding.toQueue("x", "q", "k", table("a", 1, "b", "s".getBytes(StandardCharsets.UTF_8)));
        Binding second = Binding.toQueue("x", "q", "k", table("b", "s".getBytes(StandardCharsets.UTF_8), "a", 1));

        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
    }

    @Test
    void theCodecsStringsEqualJavaStrings() {
        Binding codec = Binding.toQueue("x", "q", "k", table("a", new CodecLongString("v")));
        Binding java = Binding.toQueue("x", "q", "k", table("a", "v"));

        assertEquals(codec, java);
        assertEquals(codec.hashCode(), java.hashCode());
    }

    @Test
    void fieldTypesAreKeptSoIntAndLongDiffer() {
        assertNotEquals(Binding.toQueue("x", "q", "k", table("a", 1)), Binding.toQueue("x", "q", "k", table("a", 1L)));
        assertNotEquals(Binding.toQueue("x", "q", "k", table("a", "s")),
                Binding.toQueue("x", "q", "k", table("a", "s".getBytes(StandardCharsets.UTF_8))));
        assertNotEquals(Binding.toQueue("x", "q", "k", table("a", null)), Binding.toQueue("x", "q", "k", table()));
    }

    @Test
    void everyFieldTakesPart() {
        Binding binding = Binding.toQueue("x", "q", "k", Map.of());

        assertNotEquals(binding, Binding.toQueue("y", "q", "k", Map.of()));
        assertNotEquals(binding, Binding.toExchange("x", "q", "k", Map.of()));
        assertNotEquals(binding, Binding.toQueue("x", "r", "k", Map.of()));
        assertNotEquals(binding, Binding.toQueue("x", "q", "l", Map.of()));
        assertEquals(binding, new Binding("x", DestinationKind.QUEUE, "q", "k", null));
    }

    @Test
    void argumentsAreAnUnmodifiableCopyKeepingVoids() {
        Map<String, Object> arguments = new HashMap<>(table("a", null));
        Binding binding = Binding.toQueue("x", "q", "k", arguments);
        arguments.put("b", 2);

        assertEquals(1, binding.arguments().size());
        assertTrue(binding.arguments().containsKey("a"));
        assertThrows(UnsupportedOperationException.class, () -> binding.arguments().put("c", 3));
    }

    @Test
    void bindingTheSameTwiceIsANoOp() {
        ExchangeRegistry registry = ExchangeRegistry.withStandardExchanges();

        assertTrue(registry.bind(Binding.toQueue("amq.direct", "q", "k", table("a", List.of(1)))));
        assertFalse(registry.bind(Binding.toQueue("amq.direct", "q", "k", table("a", List.of(1)))));
        assertTrue(registry.bind(Binding.toQueue("amq.direct", "q", "k", table("a", List.of(1L)))));

        assertEquals(2, registry.bindingsFrom("amq.direct").size());
    }
}
