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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Policies and operator policies applied live to queues that already exist and hold messages,
 * with RabbitMQ's precedence between a queue's own arguments and its policies: the lower number
 * wins, the argument's dead-letter exchange wins, an operator policy caps a user policy.
 * Warren-only: policies are set through the embedded broker.
 */
class PolicyTest {
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
        if (warren != null) {
            warren.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aPolicyTtlExpiresTheMessagesAlreadyThereThroughThePolicyDeadLetterExchange() throws Exception {
        String dlq = rig.queue("dlq", null);
        String queue = rig.queue("q", null);
        for (String body : List.of("m1", "m2", "m3")) {
            rig.publish(queue, body);
        }
        rig.awaitCount(3, queue);
        Thread.sleep(60);

        warren.policy(queue, 0, Map.of("message-ttl", 50, "dead-letter-exchange", "", "dead-letter-routing-key", dlq));

        rig.awaitCount(3, dlq);
        GetResponse first = rig.get(dlq);
        assertEquals("m1", new String(first.getBody()));
        assertDeaths(first.getProps(), new Death(queue, "expired", "", List.of(queue), 1));
        assertEquals(List.of("m2", "m3"), rig.drain(dlq));
        rig.assertCount(0, queue);
    }

    @Test
    void theLowerOfArgumentAndPolicyTtlWins() throws Exception {
        String longArgument = rig.queue("long-arg", Map.of("x-message-ttl", 60_000));
        String shortArgument = rig.queue("short-arg", Map.of("x-message-ttl", 50));
        warren.policy(longArgument, 0, Map.of("message-ttl", 50));
        warren.policy(shortArgument, 0, Map.of("message-ttl", 60_000));

        rig.publish(longArgument, "m");
        rig.publish(shortArgument, "m");

        rig.awaitCount(0, longArgument);
        rig.awaitCount(0, shortArgument);
    }

    @Test
    void aPolicyMaxLengthTrimsAnExistingQueueFromTheHead() throws Exception {
        String dlq = rig.queue("dlq", null);
        String queue = rig.queue("q", Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        for (String body : List.of("m1", "m2", "m3", "m4", "m5")) {
            rig.publish(queue, body);
        }
        rig.awaitCount(5, queue);

        warren.policy(queue, 0, Map.of("max-length", 2));

        rig.awaitCount(3, dlq);
        GetResponse first = rig.get(dlq);
        assertDeaths(first.getProps(), new Death(queue, "maxlen", "", List.of(queue), 1));
        assertEquals(List.of("m1"), List.of(new String(first.getBody())));
        assertEquals(List.of("m2", "m3"), rig.drain(dlq));
        assertEquals(List.of("m4", "m5"), rig.drain(queue));
    }

    @Test
    void theArgumentDeadLetterExchangeBeatsThePolicys() throws Exception {
        String byArgument = rig.queue("by-arg", null);
        String byPolicy = rig.queue("by-policy", null);
        String queue = rig.queue("q", Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", byArgument));
        warren.policy(queue, 0, Map.of("dead-letter-exchange", "", "dead-letter-routing-key", byPolicy));
        rig.publish(queue, "m");

        GetResponse r = rig.awaitMessage(queue, false);
        rig.channel().basicReject(r.getEnvelope().getDeliveryTag(), false);

        assertEquals("m", new String(rig.awaitMessage(byArgument).getBody()));
        assertNull(rig.channel().basicGet(byPolicy, true));
    }

    @Test
    void theHighestPriorityPolicyApplies() throws Exception {
        String queue = rig.queue("q", null);
        warren.policy(queue, 1, Map.of("max-length", 3));
        warren.policy(queue, 5, Map.of("max-length", 1));
        warren.policy(queue, 2, Map.of("max-length", 2));
        for (String body : List.of("m1", "m2", "m3")) {
            rig.publish(queue, body);
        }
        assertEquals(List.of("m3"), rig.drain(queue));
    }

    @Test
    void anOperatorPolicyCapsTheUserPolicyAndTheArgument() throws Exception {
        String withPolicy = rig.queue("with-policy", null);
        String withArgument = rig.queue("with-arg", Map.of("x-max-length", 10));
        warren.policy(withPolicy, 0, Map.of("max-length", 10));
        warren.operatorPolicy(withPolicy, Map.of("max-length", 2));
        warren.operatorPolicy(withArgument, Map.of("max-length", 2));
        for (String body : List.of("m1", "m2", "m3", "m4")) {
            rig.publish(withPolicy, body);
            rig.publish(withArgument, body);
        }
        assertEquals(List.of("m3", "m4"), rig.drain(withPolicy));
        assertEquals(List.of("m3", "m4"), rig.drain(withArgument));
    }

    @Test
    void anOperatorOverflowOverridesTheUserPolicys() throws Exception {
        String queue = rig.queue("q", null);
        warren.policy(queue, 0, Map.of("max-length", 1, "overflow", "drop-head"));
        warren.operatorPolicy(queue, Map.of("overflow", "reject-publish"));
        Confirms confirms = Confirms.on(rig.channel());
        confirms.publish(queue, "m1");
        confirms.publish(queue, "m2");

        assertEquals(Map.of(1L, true, 2L, false), confirms.await());
        assertEquals(List.of("m1"), rig.drain(queue));
    }

    @Test
    void clearingAPolicyLiftsItsLimit() throws Exception {
        String queue = rig.queue("q", null);
        warren.policy(queue, 0, Map.of("max-length", 1, "overflow", "reject-publish"));
        rig.publish(queue, "m1");
        rig.publish(queue, "m2");
        rig.awaitCount(1, queue);

        warren.clearPolicies();
        rig.publish(queue, "m3");

        assertEquals(List.of("m1", "m3"), rig.drain(queue));
    }

    @Test
    void aPolicyExpiresDeletesAnUnusedQueue() throws Exception {
        String queue = rig.queue("q", null);
        warren.policy(queue, 0, Map.of("expires", 100));

        long deadline = System.nanoTime() + Rig.PATIENCE.toNanos();
        while (warren.hasQueue(queue) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(warren.hasQueue(queue), "queue expired by policy");
    }
}
