package io.warren.tests.lifecycle;

import com.rabbitmq.client.GetResponse;
import io.warren.tests.lifecycle.DeathHeaders.Death;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static io.warren.tests.lifecycle.DeathHeaders.assertDeaths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Warren's at-least-once dead-lettering: a dead letter that no queue takes (the dead-letter
 * exchange is missing, routes nowhere, or its target refuses it) stays in its source queue and is
 * tried again every second, where RabbitMQ's classic queues would drop it.
 */
class AtLeastOnceDeadLetteringTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private Rig rig;
    private WarrenVhost warren;

    @BeforeEach
    void open() throws Exception {
        // First, so that against an external broker the test is skipped before it connects.
        warren = new WarrenVhost(broker);
        rig = new Rig(broker);
    }

    @AfterEach
    void close() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aMissingDeadLetterExchangeKeepsTheMessageUntilItIsDeclared() throws Exception {
        String dlx = rig.exchangeName("dlx");
        String queue = rig.queue("q", Map.of("x-dead-letter-exchange", dlx));
        rig.publish(queue, "m");
        reject(queue);

        // Long enough for a retry to have failed too.
        Thread.sleep(DEAD_LETTER_RETRY_MS + 200);
        assertEquals(1, warren.deadLettering(queue), "the rejected message is kept");
        rig.assertCount(0, queue);

        rig.channel().exchangeDeclare(dlx, "fanout");
        String dlq = rig.queue("dlq", null);
        rig.bind(dlq, dlx, "");
        GetResponse dead = rig.awaitMessage(dlq);
        assertEquals("m", new String(dead.getBody()));
        assertDeaths(dead.getProps(), new Death(queue, "rejected", "", List.of(queue), 1));
        assertEquals(0, warren.deadLettering(queue));
        assertNull(rig.channel().basicGet(dlq, true), "delivered once");
    }

    @Test
    void aDeadLetterExchangeRoutingNowhereKeepsTheMessageUntilBound() throws Exception {
        String dlx = rig.exchange("dlx", "direct");
        String queue = rig.queue("q", Map.of("x-message-ttl", 20, "x-dead-letter-exchange", dlx));
        rig.publish(queue, "m");

        awaitKept(queue);

        String dlq = rig.queue("dlq", null);
        rig.bind(dlq, dlx, queue);
        GetResponse dead = rig.awaitMessage(dlq);
        assertDeaths(dead.getProps(), new Death(queue, "expired", "", List.of(queue), 1));
        assertEquals(0, warren.deadLettering(queue));
    }

    @Test
    void aTargetRefusingThePublishKeepsTheMessageUntilThereIsRoom() throws Exception {
        String dlq = rig.queue("dlq", Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        rig.publish(dlq, "filler");
        String queue = rig.queue("q", Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        rig.publish(queue, "m");
        reject(queue);

        awaitKept(queue);
        assertEquals("filler", new String(rig.get(dlq).getBody()));

        GetResponse dead = rig.awaitMessage(dlq);
        assertEquals("m", new String(dead.getBody()));
        assertEquals(0, warren.deadLettering(queue));
    }

    /** Warren's retry period for dead letters nobody took (MessageQueue.DEAD_LETTER_RETRY_MS). */
    private static final long DEAD_LETTER_RETRY_MS = 1000;

    /** Waits until the queue holds one dead letter that found no taker. */
    private void awaitKept(String queue) throws Exception {
        long deadline = System.nanoTime() + Rig.PATIENCE.toNanos();
        while (warren.deadLettering(queue) != 1) {
            if (System.nanoTime() > deadline) {
                fail("queue " + queue + " holds " + warren.deadLettering(queue) + " dead letters, not 1");
            }
            Thread.sleep(5);
        }
        rig.assertCount(0, queue);
    }

    private void reject(String queue) throws Exception {
        GetResponse r = rig.awaitMessage(queue, false);
        rig.channel().basicReject(r.getEnvelope().getDeliveryTag(), false);
    }
}
