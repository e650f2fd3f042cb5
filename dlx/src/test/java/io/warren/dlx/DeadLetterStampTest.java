package io.warren.dlx;

import io.warren.queue.DeadLetterReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.warren.amqp.BasicProperties;
import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.Timestamp;
import io.warren.queue.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterStampTest {
    private static Message message(Map<String, Object> headers, String expiration) {
        byte[] props = BasicProperties.builder().headers(headers).expiration(expiration).build().toBytes();
        return new Message("x", "k", props, new byte[] {1, 2}, false);
    }

    private static Map<String, Object> headersOf(Message m) {
        return BasicProperties.decode(Unpooled.wrappedBuffer(m.properties())).headers();
    }

    private static Map<?, ?> death(Message m, int index) {
        return (Map<?, ?>) ((List<?>) headersOf(m).get("x-death")).get(index);
    }

    @Test
    void bccIsDroppedAndNeitherRoutedToNorRecorded() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("CC", List.of(LongStr.of("c1"), "c2"));
        headers.put("BCC", List.of(LongStr.of("b1")));
        DeadLetter dl = DeadLetterStamp.apply(message(headers, null), DeadLetterReason.REJECTED, "q", "dlx", null, 5);

        assertEquals(List.of("k", "c1", "c2"), dl.routingKeys());
        assertFalse(headersOf(dl.message()).containsKey("BCC"));
        assertEquals(List.of(LongStr.of("k"), LongStr.of("c1"), LongStr.of("c2")), death(dl.message(), 0).get("routing-keys"));
        assertEquals("dlx", dl.message().exchange());
        assertEquals("k", dl.message().routingKey());
    }

    @Test
    void deadLetterRoutingKeyReplacesKeysAndDropsCc() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("CC", List.of(LongStr.of("c1")));
        DeadLetter dl = DeadLetterStamp.apply(message(headers, null), DeadLetterReason.MAXLEN, "q", "", "dk", 5);

        assertEquals(List.of("dk"), dl.routingKeys());
        assertEquals("dk", dl.message().routingKey());
        assertEquals("", dl.message().exchange());
        assertFalse(headersOf(dl.message()).containsKey("CC"));
    }

    @Test
    void entryFieldsAndTypesFollowRabbitMq313() {
        DeadLetter dl = DeadLetterStamp.apply(message(null, "60000"), DeadLetterReason.DELIVERY_LIMIT, "q", "dlx", null, 42);

        Map<?, ?> entry = death(dl.message(), 0);
        assertEquals(List.of("original-expiration", "count", "reason", "queue", "time", "exchange", "routing-keys"),
                new ArrayList<>(entry.keySet()));
        assertEquals(LongStr.of("60000"), entry.get("original-expiration"));
        assertEquals(1L, entry.get("count"));
        assertEquals(LongStr.of("delivery_limit"), entry.get("reason"));
        assertEquals(new Timestamp(42), entry.get("time"));
        assertNull(BasicProperties.decode(Unpooled.wrappedBuffer(dl.message().properties())).expiration());
    }

    @Test
    void headersComeOutSortedByName() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("zeta", 1);
        headers.put("alpha", 2);
        headers.put("Zulu", 3);
        DeadLetter dl = DeadLetterStamp.apply(message(headers, null), DeadLetterReason.EXPIRED, "q", "dlx", null, 1);

        assertEquals(List.of("Zulu", "alpha", "x-death", "x-first-death-exchange", "x-first-death-queue",
                        "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue", "x-last-death-reason", "zeta"),
                new ArrayList<>(headersOf(dl.message()).keySet()));
    }

    @Test
    void repeatedDeathCountsUpMovesFirstAndKeepsFirstDetails() {
        Message m = message(null, "100");
        m = DeadLetterStamp.apply(m, DeadLetterReason.EXPIRED, "a", "dlx1", null, 10).message();
        m = DeadLetterStamp.apply(m, DeadLetterReason.REJECTED, "b", "dlx2", "rk", 20).message();
        m = DeadLetterStamp.apply(m, DeadLetterReason.EXPIRED, "a", "dlx3", null, 30).message();

        Map<?, ?> top = death(m, 0);
        assertEquals(LongStr.of("a"), top.get("queue"));
        assertEquals(2L, top.get("count"));
        assertEquals(new Timestamp(10), top.get("time"));
        assertEquals(LongStr.of("x"), top.get("exchange"));
        assertEquals(List.of(LongStr.of("k")), top.get("routing-keys"));
        assertEquals(LongStr.of("100"), top.get("original-expiration"));
        assertEquals(LongStr.of("b"), death(m, 1).get("queue"));
        Map<String, Object> headers = headersOf(m);
        assertEquals(LongStr.of("a"), headers.get("x-first-death-queue"));
        assertEquals(LongStr.of("x"), headers.get("x-first-death-exchange"));
        assertEquals(LongStr.of("expired"), headers.get("x-first-death-reason"));
        assertEquals(LongStr.of("a"), headers.get("x-last-death-queue"));
        assertEquals(LongStr.of("dlx2"), headers.get("x-last-death-exchange"));
    }

    @Test
    void anXDeathThePublisherSentIsReplacedByTheBrokersOwn() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("count", 4L);
        entry.put("reason", LongStr.of("rejected"));
        entry.put("queue", LongStr.of("q"));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("x-death", List.of(entry, LongStr.of("not a death"), Map.of("queue", LongStr.of("other"))));
        headers.put("x-first-death-queue", LongStr.of("elsewhere"));
        headers.put("x-last-death-reason", LongStr.of("expired"));
        byte[] props = BasicProperties.builder().headers(headers).build().toBytes();
        Message published = new Message("x", "k", props, new byte[0], false, 0, Message.NO_EXPIRATION, 0, true);

        Message dead = DeadLetterStamp.apply(published, DeadLetterReason.REJECTED, "q", "dlx", null, 7).message();

        assertFalse(dead.publisherDeaths(), "the broker's history from now on");
        assertEquals(1, ((List<?>) headersOf(dead).get("x-death")).size());
        assertEquals(1L, death(dead, 0).get("count"));
        assertEquals(new Timestamp(7), death(dead, 0).get("time"));
        assertEquals(LongStr.of("q"), headersOf(dead).get("x-first-death-queue"));
        assertEquals(LongStr.of("rejected"), headersOf(dead).get("x-last-death-reason"));

        Message again = DeadLetterStamp.apply(dead, DeadLetterReason.REJECTED, "q", "dlx", null, 8).message();
        assertEquals(1, ((List<?>) headersOf(again).get("x-death")).size());
        assertEquals(2L, death(again, 0).get("count"), "the broker's own history counts on");
    }

    @Test
    void countStoredInAnotherWidthBecomesALong() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("count", 4);
        entry.put("reason", LongStr.of("rejected"));
        entry.put("queue", LongStr.of("q"));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("x-death", List.of(entry));
        headers.put("x-first-death-queue", LongStr.of("elsewhere"));
        DeadLetter dl = DeadLetterStamp.apply(message(headers, null), DeadLetterReason.REJECTED, "q", "dlx", null, 1);

        assertEquals(5L, death(dl.message(), 0).get("count"));
        assertEquals(LongStr.of("elsewhere"), headersOf(dl.message()).get("x-first-death-queue"));
    }

    @Test
    void automaticCycleIsDetected() {
        Message m = DeadLetterStamp.apply(message(null, null), DeadLetterReason.EXPIRED, "a", "d", null, 1).message();
        m = DeadLetterStamp.apply(m, DeadLetterReason.MAXLEN, "b", "d", null, 2).message();

        assertTrue(DeadLetterStamp.isCycle(m, "a"));
        assertTrue(DeadLetterStamp.isCycle(m, "b"));
        assertFalse(DeadLetterStamp.isCycle(m, "c"));
    }

    @Test
    void aRejectionSinceTheEarlierDeathBreaksTheCycle() {
        Message m = DeadLetterStamp.apply(message(null, null), DeadLetterReason.EXPIRED, "a", "d", null, 1).message();
        m = DeadLetterStamp.apply(m, DeadLetterReason.REJECTED, "b", "d", null, 2).message();
        m = DeadLetterStamp.apply(m, DeadLetterReason.EXPIRED, "c", "d", null, 3).message();

        assertFalse(DeadLetterStamp.isCycle(m, "a"), "b's rejection came after a's death");
        assertFalse(DeadLetterStamp.isCycle(m, "b"), "the death in b itself was a rejection");
        assertTrue(DeadLetterStamp.isCycle(m, "c"));
    }

    @Test
    void noHistoryIsNoCycle() {
        assertFalse(DeadLetterStamp.isCycle(message(null, null), "q"));
    }

    @Test
    void truncatedPropertiesAreRefused() {
        Message broken = new Message("x", "k", new byte[] {0x20}, new byte[0], false);
        assertThrows(IllegalArgumentException.class,
                () -> DeadLetterStamp.apply(broken, DeadLetterReason.REJECTED, "q", "d", null, 1));
    }
}
