package io.warren.exchange;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeadersRoutingTest {
    private final ExchangeRegistry registry = new ExchangeRegistry();
    private final RouteResult result = new RouteResult();

    /**
     * One binding's arguments, one message's headers, and whether the message reaches the queue.
     * Rows marked RabbitMQ were run against RabbitMQ 3.10.8 with the Java client and agree.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                row("int binding, long header (RabbitMQ)", table("a", 1), table("a", 1L), true),
                row("int binding, double header (RabbitMQ)", table("a", 1), table("a", 1.0d), true),
                row("int binding, float header (RabbitMQ)", table("a", 1), table("a", 1.0f), true),
                row("float 1.5, double 1.5 (RabbitMQ)", table("a", 1.5f), table("a", 1.5d), true),
                row("float 0.1, double 0.1 (RabbitMQ)", table("a", 0.1f), table("a", 0.1d), false),
                row("byte, short (RabbitMQ)", table("a", (byte) 3), table("a", (short) 3), true),
                row("unsigned short, int", table("a", new CodecUnsignedShort(7)), table("a", 7), true),
                row("long 2^53+1, double 2^53 (RabbitMQ)", table("a", 9007199254740993L), table("a", 9007199254740992.0d), false),
                row("long 2^53, double 2^53 (RabbitMQ)", table("a", 9007199254740992L), table("a", 9007199254740992.0d), true),
                row("int, string (RabbitMQ)", table("a", 1), table("a", "1"), false),
                row("void binding, header present (RabbitMQ)", table("a", null), table("a", "x"), true),
                row("void binding, header absent (RabbitMQ)", table("a", null), table("b", "x"), false),
                row("void binding, void header (RabbitMQ)", table("a", null), table("a", null), true),
                row("string binding, void header (RabbitMQ)", table("a", "x"), table("a", null), false),
                row("any without keys (RabbitMQ)", table("x-match", "any"), table("a", "x"), false),
                row("all without keys, no headers (RabbitMQ)", table("x-match", "all"), null, true),
                row("no arguments, no headers (RabbitMQ)", table(), null, true),
                row("a key, no headers (RabbitMQ)", table("a", "x"), null, false),
                row("all-with-x, x- header present (RabbitMQ)", table("x-match", "all-with-x", "x-foo", "1"), table("x-foo", "1"), true),
                row("all-with-x, x- header absent (RabbitMQ)", table("x-match", "all-with-x", "x-foo", "1"), table("a", "1"), false),
                row("all ignores x- keys (RabbitMQ)", table("x-match", "all", "x-foo", "1"), table("a", "1"), true),
                row("any ignores x- keys (RabbitMQ)", table("x-match", "any", "x-foo", "1"), table("x-foo", "1"), false),
                row("any-with-x (RabbitMQ)", table("x-match", "any-with-x", "x-foo", "1"), table("x-foo", "1"), true),
                row("string, byte array (RabbitMQ)", table("a", "abc"), table("a", bytes("abc")), true),
                row("codec string, java string", table("a", new CodecLongString("abc")), table("a", "abc"), true),
                row("codec string, codec string", table("a", new CodecLongString("é")), table("a", new CodecLongString("é")), true),
                row("codec string, byte array", table("a", new CodecLongString("é")), table("a", bytes("é")), true),
                row("codec string, other text", table("a", new CodecLongString("abc")), table("a", "abd"), false),
                row("decimal 1.0, 1.00 (RabbitMQ)", table("a", new BigDecimal("1.0")), table("a", new BigDecimal("1.00")), false),
                row("decimal 1.5, 1.5 (RabbitMQ)", table("a", new BigDecimal("1.5")), table("a", new BigDecimal("1.5")), true),
                row("decimal 1, int 1 (RabbitMQ)", table("a", new BigDecimal("1")), table("a", 1), false),
                row("timestamp 5 s, long 5 (RabbitMQ)", table("a", new Date(5000)), table("a", 5L), true),
                row("bool, bool (RabbitMQ)", table("a", true), table("a", true), true),
                row("bool, int (RabbitMQ)", table("a", true), table("a", 1), false),
                row("arrays keep types (RabbitMQ)", table("a", List.of(1)), table("a", List.of(1L)), false),
                row("equal arrays (RabbitMQ)", table("a", List.of(1, "s")), table("a", List.of(1, "s")), true),
                row("tables keep order (RabbitMQ)", table("a", table("p", 1, "q", 2)), table("a", table("q", 2, "p", 1)), false),
                row("any, one of two (RabbitMQ)", table("x-match", "any", "a", 1, "b", 2), table("b", 2), true),
                row("any, none of two (RabbitMQ)", table("x-match", "any", "a", 1, "b", 2), table("b", 3, "c", 1), false),
                row("all, extra headers (RabbitMQ)", table("a", 1), table("a", 1, "z", 9), true),
                row("all, one wrong (RabbitMQ)", table("a", 1, "b", 2), table("a", 1, "b", 3), false),
                row("any, void binding, header absent (RabbitMQ)", table("x-match", "any", "a", null), table("b", 1), false),
                row("x-match as codec string", table("x-match", new CodecLongString("any"), "a", 1, "b", 2), table("b", 2), true),
                row("unvalidated x-match means all", table("x-match", 5, "a", 1, "b", 2), table("b", 2), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAsRabbitMqDoes(String description, Map<String, Object> bindingArguments, Map<String, Object> headers,
                               boolean routed) {
        Exchange exchange = registry.declare("h", ExchangeType.HEADERS, false, false, false, Map.of());
        registry.bind(Binding.toQueue("h", "q", "", bindingArguments));

        registry.route(exchange, "ignored", headers, result);

        assertEquals(routed ? List.of("q") : List.of(), result.toList());
    }

    @Test
    void routingKeyPlaysNoPart() {
        Exchange exchange = registry.declare("h", ExchangeType.HEADERS, false, false, false, Map.of());
        registry.bind(Binding.toQueue("h", "q", "some-key", table("a", 1)));

        registry.route(exchange, "another-key", table("a", 1), result);

        assertEquals(List.of("q"), result.toList());
    }

    @Test
    void eachMatchingBindingRoutesAndUnboundOnesStop() {
        Exchange exchange = registry.declare("h", ExchangeType.HEADERS, false, false, false, Map.of());
        registry.bind(Binding.toQueue("h", "q1", "", table("a", 1)));
        registry.bind(Binding.toQueue("h", "q2", "", table("x-match", "any", "a", 1, "b", 2)));
        registry.bind(Binding.toQueue("h", "q3", "", table("b", 2)));
        registry.unbind(Binding.toQueue("h", "q3", "", table("b", 2)));

        registry.route(exchange, "", table("a", 1, "b", 2), result);

        assertEquals(List.of("q1", "q2"), result.toList());
    }

    private static Arguments row(String description, Map<String, Object> binding, Map<String, Object> headers,
                                 boolean routed) {
        return Arguments.of(description, binding, headers, routed);
    }

    /** A field table with keys in the given order; values may be null (void). */
    static Map<String, Object> table(Object... keysAndValues) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            table.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return table;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
