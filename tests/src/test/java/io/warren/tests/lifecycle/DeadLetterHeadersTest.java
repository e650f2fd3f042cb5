package io.warren.tests.lifecycle;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.warren.tests.lifecycle.DeathHeaders.Death;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.warren.tests.lifecycle.DeathHeaders.assertDeaths;
import static io.warren.tests.lifecycle.DeathHeaders.assertFirstDeath;
import static io.warren.tests.lifecycle.DeathHeaders.assertLastDeath;
import static io.warren.tests.lifecycle.DeathHeaders.text;
import static io.warren.tests.lifecycle.DeathHeaders.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What a dead letter looks like: its exchange and routing key, the x-death history and the
 * x-first-death and x-last-death headers, which properties it keeps and which it loses.
 */
class DeadLetterHeadersTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static final Set<String> LAST_DEATH =
            Set.of("x-last-death-queue", "x-last-death-reason", "x-last-death-exchange");
    private static final Set<String> FIRST_DEATH =
            Set.of("x-first-death-queue", "x-first-death-reason", "x-first-death-exchange");

    private Rig rig;

    @BeforeEach
    void open() throws Exception {
        rig = new Rig(broker);
    }

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    @Test
    void rejectedMessageKeepsItsPropertiesAndGainsOneDeath() throws Exception {
        String source = rig.exchange("src", "direct");
        String dlx = rig.exchange("dlx", "fanout");
        String dlq = rig.queue("dlq", null);
        rig.bind(dlq, dlx, "");
        String queue = rig.queue("q", Map.of("x-dead-letter-exchange", dlx));
        rig.bind(queue, source, "k");
        AMQP.BasicProperties published = new AMQP.BasicProperties.Builder()
                .contentType("text/plain").correlationId("c-1").messageId("m-1").appId("life")
                .deliveryMode(2).priority(1).timestamp(new java.util.Date(1_700_000_000_000L))
                .headers(Map.of("CC", List.of("c1"), "BCC", List.of("b1"), "h-str", "v", "h-int", 7))
                .build();
        rig.channel().basicPublish(source, "k", published, "payload".getBytes());

        GetResponse taken = rig.awaitMessage(queue, false);
        rig.channel().basicReject(taken.getEnvelope().getDeliveryTag(), false);
        GetResponse dead = rig.awaitMessage(dlq);

        assertEquals(dlx, dead.getEnvelope().getExchange());
        assertEquals("k", dead.getEnvelope().getRoutingKey());
        assertArrayEquals("payload".getBytes(), dead.getBody());
        AMQP.BasicProperties p = dead.getProps();
        assertEquals("text/plain", p.getContentType());
        assertEquals("c-1", p.getCorrelationId());
        assertEquals("m-1", p.getMessageId());
        assertEquals("life", p.getAppId());
        assertEquals(2, p.getDeliveryMode());
        assertEquals(1, p.getPriority());
        assertEquals(1_700_000_000_000L, p.getTimestamp().getTime());
        assertHeaderNames(p, "CC", "h-str", "h-int", "x-death");
        assertEquals(List.of("c1"), texts(p.getHeaders(), "CC"));
        assertEquals("v", text(p.getHeaders().get("h-str")));
        assertEquals(7, p.getHeaders().get("h-int"));
        assertDeaths(p, new Death(queue, "rejected", source, List.of("k", "c1"), 1));
        assertFirstDeath(p, queue, "rejected", source);
        if (!broker.isExternal()) {
            assertLastDeath(p, queue, "rejected", source);
        }
    }

    @Test
    void withoutDeadLetterRoutingKeyTheOriginalKeysAndCcRoute() throws Exception {
        String dlx = rig.exchange("dlx", "direct");
        String byKey = rig.queue("by-key", null);
        String byCc = rig.queue("by-cc", null);
        rig.bind(byKey, dlx, "k");
        rig.bind(byCc, dlx, "c1");
        String source = rig.exchange("src", "direct");
        String queue = rig.queue("q", Map.of("x-dead-letter-exchange", dlx));
        rig.bind(queue, source, "k");

        rig.channel().basicPublish(source, "k",
                new AMQP.BasicProperties.Builder().headers(Map.of("CC", List.of("c1"))).build(), "m".getBytes());
        GetResponse taken = rig.awaitMessage(queue, false);
        rig.channel().basicNack(taken.getEnvelope().getDeliveryTag(), false, false);

        GetResponse viaKey = rig.awaitMessage(byKey);
        GetResponse viaCc = rig.awaitMessage(byCc);
        assertEquals("k", viaKey.getEnvelope().getRoutingKey());
        assertEquals("k", viaCc.getEnvelope().getRoutingKey(), "the envelope names the first key, whichever routed it");
        assertEquals(List.of("c1"), texts(viaCc.getProps().getHeaders(), "CC"));
        rig.assertCount(0, byKey);
        rig.assertCount(0, byCc);
    }

    @Test
    void deadLetterRoutingKeyReplacesTheKeysAndDropsCc() throws Exception {
        String dlx = rig.exchange("dlx", "direct");
        String byDlrk = rig.queue("by-dlrk", null);
        String byKey = rig.queue("by-key", null);
        String byCc = rig.queue("by-cc", null);
        rig.bind(byDlrk, dlx, "dk");
        rig.bind(byKey, dlx, "k");
        rig.bind(byCc, dlx, "c1");
        String source = rig.exchange("src", "direct");
        String queue = rig.queue("q", Map.of("x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", "dk"));
        rig.bind(queue, source, "k");

        rig.channel().basicPublish(source, "k",
                new AMQP.BasicProperties.Builder().headers(Map.of("CC", List.of("c1"))).build(), "m".getBytes());
        GetResponse taken = rig.awaitMessage(queue, false);
        rig.channel().basicReject(taken.getEnvelope().getDeliveryTag(), false);

        GetResponse dead = rig.awaitMessage(byDlrk);
        assertEquals("dk", dead.getEnvelope().getRoutingKey());
        assertHeaderNames(dead.getProps(), "x-death");
        assertDeaths(dead.getProps(), new Death(queue, "rejected", source, List.of("k", "c1"), 1));
        rig.assertCount(0, byKey);
        rig.assertCount(0, byCc);
    }

    @Test
    void defaultExchangeAsDeadLetterExchangeDeliversByRoutingKey() throws Exception {
        String dlq = rig.queue("dlq", null);
        String queue = rig.queue("q", Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        rig.publish(queue, "m");

        GetResponse taken = rig.awaitMessage(queue, false);
        rig.channel().basicReject(taken.getEnvelope().getDeliveryTag(), false);

        GetResponse dead = rig.awaitMessage(dlq);
        assertEquals("", dead.getEnvelope().getExchange());
        assertEquals(dlq, dead.getEnvelope().getRoutingKey());
        assertDeaths(dead.getProps(), new Death(queue, "rejected", "", List.of(queue), 1));
        assertFirstDeath(dead.getProps(), queue, "rejected", "");
    }

    @Test
    void expiredMessageLosesItsExpirationWhichTheDeathRecords() throws Exception {
        String dlq = rig.queue("dlq", null);
        String queue = rig.queue("q", Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        rig.publish(queue, Rig.expiring("50"), "m");

        GetResponse dead = rig.awaitMessage(dlq);

        assertNull(dead.getProps().getExpiration(), "a dead letter does not expire again by its old expiration");
        assertDeaths(dead.getProps(), new Death(queue, "expired", "", List.of(queue), 1, "50"));
        assertFirstDeath(dead.getProps(), queue, "expired", "");
    }

    @Test
    void dyingAgainInTheSameQueueForTheSameReasonCountsAndMovesFirst() throws Exception {
        String first = rig.queueName("first");
        String second = rig.queueName("second");
        rig.channel().queueDeclare(first, false, false, false,
                Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", second));
        rig.channel().queueDeclare(second, false, false, false,
                Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", first));
        rig.publish(first, "m");

        rejectFrom(first);
        rejectFrom(second);
        rejectFrom(first);
        GetResponse dead = rig.awaitMessage(second);

        AMQP.BasicProperties p = dead.getProps();
        assertDeaths(p,
                new Death(first, "rejected", "", List.of(first), 2),
                new Death(second, "rejected", "", List.of(second), 1));
        assertFirstDeath(p, first, "rejected", "");
        if (!broker.isExternal()) {
            assertLastDeath(p, first, "rejected", "");
        }
    }

    @Test
    void aSecondReasonAddsAnEntryAndLeavesTheFirstDeathAlone() throws Exception {
        String last = rig.queue("last", null);
        String middle = rig.queue("middle", Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", last));
        String queue = rig.queue("q", Map.of("x-message-ttl", 50,
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", middle));
        rig.publish(queue, "m");

        rejectFrom(middle);
        GetResponse dead = rig.awaitMessage(last);

        AMQP.BasicProperties p = dead.getProps();
        assertEquals(last, dead.getEnvelope().getRoutingKey());
        assertDeaths(p,
                new Death(middle, "rejected", "", List.of(middle), 1),
                new Death(queue, "expired", "", List.of(queue), 1));
        assertFirstDeath(p, queue, "expired", "");
        if (!broker.isExternal()) {
            assertLastDeath(p, middle, "rejected", "");
        }
    }

    /**
     * A retry loop that republishes a dead letter with the headers it received, plus a forged
     * entry: RabbitMQ 4 ignores a publisher's x-death when it dead-letters (as 3.13.0-3.13.2 did;
     * 3.13.3-3.13.7 read it back for Spring Cloud Stream's retries), so the history starts over
     * and holds only the broker's own deaths.
     */
    @Test
    void anXDeathThePublisherSentIsReplacedNotExtended() throws Exception {
        broker.assumeRabbitMqAtLeast("4.0");
        String dlq = rig.queue("dlq", null);
        String queue = rig.queue("q", Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        rig.publish(queue, "m");
        rejectFrom(queue);
        AMQP.BasicProperties firstDeath = rig.awaitMessage(dlq).getProps();
        Map<String, Object> forged = Map.of("queue", "elsewhere", "reason", "expired", "count", 9L,
                "exchange", "", "routing-keys", List.of("elsewhere"), "time", new Date());
        Map<String, Object> republished = new HashMap<>(firstDeath.getHeaders());
        List<Object> deaths = new ArrayList<>(DeathHeaders.deaths(firstDeath));
        deaths.add(forged);
        republished.put("x-death", deaths);
        republished.put("x-first-death-queue", "elsewhere");

        rig.publish(queue, firstDeath.builder().headers(republished).build(), "m");
        GetResponse delivered = rig.awaitMessage(queue, false);
        assertEquals(2, DeathHeaders.deaths(delivered.getProps()).size(), "a message that did not die keeps its headers");
        rig.channel().basicReject(delivered.getEnvelope().getDeliveryTag(), false);
        AMQP.BasicProperties again = rig.awaitMessage(dlq).getProps();

        assertDeaths(again, new Death(queue, "rejected", "", List.of(queue), 1));
        assertFirstDeath(again, queue, "rejected", "");
        assertLastDeath(again, queue, "rejected", "");
    }

    private void rejectFrom(String queue) throws Exception {
        GetResponse taken = rig.awaitMessage(queue, false);
        rig.channel().basicReject(taken.getEnvelope().getDeliveryTag(), false);
    }

    /**
     * The headers are exactly {@code expected} plus the death summaries: x-first-death-* always,
     * and x-last-death-* on Warren (RabbitMQ 3.13 adds them; the reference 3.10.8 does not).
     */
    private static void assertHeaderNames(AMQP.BasicProperties p, String... expected) {
        Set<String> want = new TreeSet<>(List.of(expected));
        want.addAll(FIRST_DEATH);
        Map<String, Object> headers = new HashMap<>(p.getHeaders());
        if (broker.isExternal()) {
            LAST_DEATH.forEach(headers::remove);
        } else {
            want.addAll(LAST_DEATH);
        }
        assertEquals(want, new TreeSet<>(headers.keySet()), "header names of the dead letter");
    }
}
