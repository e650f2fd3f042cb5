package io.warren.tests.lifecycle;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;

import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assertions on the headers a dead letter carries, checking both the values and the Java types the
 * RabbitMQ client decodes them into: a long string arrives as {@link LongString}, a long as
 * {@link Long}, a timestamp as {@link Date}, an array as a {@link List} and a table as a {@link Map}.
 */
final class DeathHeaders {
    /** How far the x-death time may be from this machine's clock; the brokers run on this machine. */
    private static final long CLOCK_SLACK_SECONDS = 30;

    private DeathHeaders() {
    }

    /** One expected x-death entry. */
    record Death(String queue, String reason, String exchange, List<String> routingKeys, long count,
                 String originalExpiration) {
        Death(String queue, String reason, String exchange, List<String> routingKeys, long count) {
            this(queue, reason, exchange, routingKeys, count, null);
        }
    }

    /** The x-death entries, most recent first; each must be a table. */
    static List<Map<String, Object>> deaths(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        assertNotNull(headers, "a dead letter has headers");
        List<?> list = assertInstanceOf(List.class, headers.get("x-death"), "x-death is an array");
        for (Object entry : list) {
            assertInstanceOf(Map.class, entry, "each x-death entry is a table");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deaths = (List<Map<String, Object>>) list;
        return deaths;
    }

    /** The x-death header holds exactly {@code expected}, in that order, with RabbitMQ's field types. */
    static void assertDeaths(AMQP.BasicProperties properties, Death... expected) {
        List<Map<String, Object>> deaths = deaths(properties);
        assertEquals(expected.length, deaths.size(), () -> "x-death entries: " + deaths);
        for (int i = 0; i < expected.length; i++) {
            assertDeath(expected[i], deaths.get(i));
        }
    }

    static void assertDeath(Death expected, Map<String, Object> entry) {
        Set<String> keys = new LinkedHashSet<>(List.of("count", "reason", "queue", "time", "exchange", "routing-keys"));
        if (expected.originalExpiration() != null) {
            keys.add("original-expiration");
            assertEquals(expected.originalExpiration(), text(entry.get("original-expiration")));
        }
        assertEquals(keys, entry.keySet(), "fields of an x-death entry");
        assertEquals(expected.queue(), text(entry.get("queue")), "x-death queue");
        assertEquals(expected.reason(), text(entry.get("reason")), "x-death reason");
        assertEquals(expected.exchange(), text(entry.get("exchange")), "x-death exchange");
        assertEquals(expected.count(), assertInstanceOf(Long.class, entry.get("count"), "x-death count is a long"));
        List<?> routingKeys = assertInstanceOf(List.class, entry.get("routing-keys"), "routing-keys is an array");
        assertEquals(expected.routingKeys(), routingKeys.stream().map(DeathHeaders::text).toList(), "x-death routing-keys");
        Date time = assertInstanceOf(Date.class, entry.get("time"), "x-death time is a timestamp");
        long skew = Math.abs(time.getTime() / 1000 - System.currentTimeMillis() / 1000);
        assertTrue(skew <= CLOCK_SLACK_SECONDS, () -> "x-death time " + time + " is not now");
    }

    /** The x-first-death-* headers, which the first death sets and later ones leave alone. */
    static void assertFirstDeath(AMQP.BasicProperties properties, String queue, String reason, String exchange) {
        assertDeathSummary(properties, "x-first-death-", queue, reason, exchange);
    }

    /** The x-last-death-* headers of RabbitMQ 3.13, which every death overwrites. */
    static void assertLastDeath(AMQP.BasicProperties properties, String queue, String reason, String exchange) {
        assertDeathSummary(properties, "x-last-death-", queue, reason, exchange);
    }

    private static void assertDeathSummary(AMQP.BasicProperties properties, String prefix, String queue, String reason,
                                           String exchange) {
        Map<String, Object> headers = properties.getHeaders();
        assertEquals(queue, text(headers.get(prefix + "queue")), prefix + "queue");
        assertEquals(reason, text(headers.get(prefix + "reason")), prefix + "reason");
        assertEquals(exchange, text(headers.get(prefix + "exchange")), prefix + "exchange");
    }

    /** A value that must be a long string, as text. */
    static String text(Object value) {
        return assertInstanceOf(LongString.class, value, "a long string").toString();
    }

    /** The array header {@code name} as text, each element a long string. */
    static List<String> texts(Map<String, Object> headers, String name) {
        List<?> values = assertInstanceOf(List.class, headers.get(name), name + " is an array");
        return values.stream().map(DeathHeaders::text).toList();
    }
}
