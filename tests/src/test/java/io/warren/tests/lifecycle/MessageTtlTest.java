package io.warren.tests.lifecycle;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import io.warren.tests.lifecycle.DeathHeaders.Death;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.warren.tests.lifecycle.DeathHeaders.assertDeaths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Message TTLs: the queue's x-message-ttl, a message's own expiration, the lower of the two, a
 * TTL of 0, and when expiry happens.
 */
class MessageTtlTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private Rig rig;

    @BeforeEach
    void open() throws Exception {
        rig = new Rig(broker);
    }

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    private String deadLetterQueue() throws Exception {
        return rig.queue("dlq", null);
    }

    private static Map<String, Object> deadLetteringTo(String dlq, Map<String, Object> more) {
        Map<String, Object> args = new HashMap<>(more);
        args.put("x-dead-letter-exchange", "");
        args.put("x-dead-letter-routing-key", dlq);
        return args;
    }

    @Test
    void queueTtlExpiresMessagesInOrderWithReasonExpired() throws Exception {
        String dlq = deadLetterQueue();
        String queue = rig.queue("q", deadLetteringTo(dlq, Map.of("x-message-ttl", 50)));
        for (String body : List.of("m1", "m2", "m3")) {
            rig.publish(queue, body);
        }
        rig.awaitCount(3, dlq);

        GetResponse first = rig.get(dlq);
        assertEquals("m1", new String(first.getBody()));
        assertDeaths(first.getProps(), new Death(queue, "expired", "", List.of(queue), 1));
        assertEquals(List.of("m2", "m3"), rig.drain(dlq));
        rig.assertCount(0, queue);
    }

    @Test
    void messageExpirationBelowTheQueueTtlWins() throws Exception {
        String dlq = deadLetterQueue();
        String queue = rig.queue("q", deadLetteringTo(dlq, Map.of("x-message-ttl", 60_000)));
        rig.publish(queue, Rig.expiring("50"), "short");

        GetResponse dead = rig.awaitMessage(dlq);
        assertEquals("short", new String(dead.getBody()));
        assertDeaths(dead.getProps(), new Death(queue, "expired", "", List.of(queue), 1, "50"));
    }

    @Test
    void queueTtlBelowTheMessageExpirationWins() throws Exception {
        String dlq = deadLetterQueue();
        String queue = rig.queue("q", deadLetteringTo(dlq, Map.of("x-message-ttl", 50)));
        rig.publish(queue, Rig.expiring("60000"), "long");

        GetResponse dead = rig.awaitMessage(dlq);
        assertEquals("long", new String(dead.getBody()));
        assertDeaths(dead.getProps(), new Death(queue, "expired", "", List.of(queue), 1, "60000"));
    }

    @Test
    void messagesWithinTheirTtlStay() throws Exception {
        String queue = rig.queue("q", Map.of("x-message-ttl", 60_000));
        rig.publish(queue, Rig.expiring("60000"), "m1");
        rig.publish(queue, "m2");
        Thread.sleep(100);
        assertEquals(List.of("m1", "m2"), rig.drain(queue));
    }

    @Test
    void ttlZeroDeliversToAWaitingConsumer() throws Exception {
        String dlq = deadLetterQueue();
        String queue = rig.queue("q", deadLetteringTo(dlq, Map.of("x-message-ttl", 0)));
        BlockingQueue<String> received = new ArrayBlockingQueue<>(2);
        rig.channel().basicConsume(queue, true, new DefaultConsumer(rig.channel()) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties p, byte[] body) {
                received.add(new String(body));
            }
        });
        rig.publish(queue, "now");
        rig.publish(queue, Rig.expiring("0"), "now too");

        assertEquals("now", received.poll(5, TimeUnit.SECONDS));
        assertEquals("now too", received.poll(5, TimeUnit.SECONDS));
        rig.assertCount(0, dlq);
    }

    @Test
    void ttlZeroWithoutAConsumerExpiresAtOnce() throws Exception {
        String dlq = deadLetterQueue();
        String queue = rig.queue("q", deadLetteringTo(dlq, Map.of("x-message-ttl", 0)));
        rig.publish(queue, "never");
        GetResponse byQueueTtl = rig.awaitMessage(dlq);
        assertDeaths(byQueueTtl.getProps(), new Death(queue, "expired", "", List.of(queue), 1));
        assertNull(rig.channel().basicGet(queue, true));

        String other = rig.queue("q0", deadLetteringTo(dlq, Map.of()));
        rig.publish(other, Rig.expiring("0"), "never either");
        GetResponse byExpiration = rig.awaitMessage(dlq);
        assertDeaths(byExpiration.getProps(), new Death(other, "expired", "", List.of(other), 1, "0"));
        assertNull(rig.channel().basicGet(other, true));
    }

    @Test
    void unackedMessagesDoNotExpireButExpireOnceRequeuedLate() throws Exception {
        String dlq = deadLetterQueue();
        String queue = rig.queue("q", deadLetteringTo(dlq, Map.of("x-message-ttl", 50)));
        rig.publish(queue, "held");
        GetResponse held = rig.awaitMessage(queue, false);

        Thread.sleep(150);
        rig.assertCount(0, dlq);
        rig.channel().basicNack(held.getEnvelope().getDeliveryTag(), false, true);

        GetResponse dead = rig.awaitMessage(dlq);
        assertEquals("held", new String(dead.getBody()));
        assertDeaths(dead.getProps(), new Death(queue, "expired", "", List.of(queue), 1));
    }

    /**
     * Warren removes an expired message wherever it is in the queue; RabbitMQ only looks at the
     * head, so there a message behind a long-lived one waits for it.
     */
    @Test
    void anExpiredMessageBehindALiveOneIsDeadLetteredWithinASecond() throws Exception {
        assumeFalse(broker.isExternal(), "Warren-only: RabbitMQ expires messages at the head only");
        String dlq = deadLetterQueue();
        String queue = rig.queue("q", deadLetteringTo(dlq, Map.of()));
        rig.publish(queue, "stays");
        long published = System.nanoTime();
        rig.publish(queue, Rig.expiring("100"), "expires");

        GetResponse dead = rig.awaitMessage(dlq);
        long tookMs = (System.nanoTime() - published) / 1_000_000;
        assertEquals("expires", new String(dead.getBody()));
        assertTrue(tookMs < 100 + 1000, () -> "dead-lettered " + tookMs + " ms after publishing, TTL 100 ms");
        assertTrue(tookMs >= 100, () -> "dead-lettered after " + tookMs + " ms, before its TTL ran out");
        assertEquals(List.of("stays"), rig.drain(queue));
    }
}
