package io.warren.exchange;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.warren.exchange.HeadersRoutingTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expected texts are RabbitMQ 3.10.8's replies to redeclarations, without "PRECONDITION_FAILED - ". */
class ExchangeEquivalenceTest {
    private static final String PREFIX = "inequivalent arg ";

    private final ExchangeRegistry registry = new ExchangeRegistry();
    private final Exchange exchange = registry.declare("eq", ExchangeType.DIRECT, false, false, false,
            table("alternate-exchange", "ae1", "other", 1));

    private String redeclare(ExchangeType type, boolean durable, boolean autoDelete, boolean internal,
                             Map<String, Object> arguments) {
        return exchange.equivalenceError("/", type, durable, autoDelete, internal, arguments);
    }

    @Test
    void typeAndFlagsMustMatchInRabbitMqsOrder() {
        assertEquals(PREFIX + "'type' for exchange 'eq' in vhost '/': received 'fanout' but current is 'direct'",
                redeclare(ExchangeType.FANOUT, true, true, true, table("alternate-exchange", "x")));
        assertEquals(PREFIX + "'durable' for exchange 'eq' in vhost '/': received 'true' but current is 'false'",
                redeclare(ExchangeType.DIRECT, true, true, false, table("alternate-exchange", "ae1")));
        assertEquals(PREFIX + "'auto_delete' for exchange 'eq' in vhost '/': received 'true' but current is 'false'",
                redeclare(ExchangeType.DIRECT, false, true, false, table("alternate-exchange", "ae1")));
        assertEquals(PREFIX + "'internal' for exchange 'eq' in vhost '/': received 'true' but current is 'false'",
                redeclare(ExchangeType.DIRECT, false, false, true, table("alternate-exchange", "ae1")));
    }

    @Test
    void onlyTheAlternateExchangeArgumentIsCompared() {
        assertNull(redeclare(ExchangeType.DIRECT, false, false, false, table("alternate-exchange", "ae1")));
        assertNull(redeclare(ExchangeType.DIRECT, false, false, false,
                table("alternate-exchange", "ae1", "other", 2, "more", "x")));
        assertNull(redeclare(ExchangeType.DIRECT, false, false, false,
                table("alternate-exchange", new CodecLongString("ae1"))));
        assertTrue(exchange.equivalentTo(ExchangeType.DIRECT, false, false, false, table("alternate-exchange", "ae1")));
        assertFalse(exchange.equivalentTo(ExchangeType.DIRECT, false, false, false, Map.of()));
    }

    @Test
    void aByteArrayWithTheSameNameIsAccepted() {
        assertNull(redeclare(ExchangeType.DIRECT, false, false, false,
                table("alternate-exchange", "ae1".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aDifferentAlternateIsExplained() {
        String about = PREFIX + "'alternate-exchange' for exchange 'eq' in vhost '/': received ";
        assertEquals(about + "'ae2' but current is 'ae1'",
                redeclare(ExchangeType.DIRECT, false, false, false, table("alternate-exchange", "ae2")));
        assertEquals(about + "'ae2' but current is 'ae1'", redeclare(ExchangeType.DIRECT, false, false, false,
                table("alternate-exchange", "ae2".getBytes(StandardCharsets.UTF_8))));
        assertEquals(about + "'5' but current is 'ae1'",
                redeclare(ExchangeType.DIRECT, false, false, false, table("alternate-exchange", 5)));
        assertEquals(about + "'日' but current is 'ae1'",
                redeclare(ExchangeType.DIRECT, false, false, false, table("alternate-exchange", "日")));
        assertEquals(about + "'[{<<\"a\">>,signedint,1}]' but current is 'ae1'",
                redeclare(ExchangeType.DIRECT, false, false, false, table("alternate-exchange", table("a", 1))));
        assertEquals(about + "none but current is the value 'ae1' of type 'longstr'",
                redeclare(ExchangeType.DIRECT, false, false, false, null));
        assertEquals(about + "none but current is 'ae1'",
                redeclare(ExchangeType.DIRECT, false, false, false, table("alternate-exchange", null)));
    }

    @Test
    void anAlternateAddedOnRedeclareIsExplained() {
        Exchange plain = registry.declare("eq-plain", ExchangeType.DIRECT, false, false, false, Map.of());

        assertEquals(PREFIX + "'alternate-exchange' for exchange 'eq-plain' in vhost '/': "
                        + "received the value 'ae1' of type 'longstr' but current is none",
                plain.equivalenceError("/", ExchangeType.DIRECT, false, false, false, table("alternate-exchange", "ae1")));
    }
}
