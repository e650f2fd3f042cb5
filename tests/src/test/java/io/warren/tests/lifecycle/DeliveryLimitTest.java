package io.warren.tests.lifecycle;

import com.rabbitmq.client.Channel;
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
import static io.warren.tests.lifecycle.DeathHeaders.assertFirstDeath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * x-delivery-limit, which Warren honours on every queue (RabbitMQ only on quorum queues): each
 * redelivery says how often the message came back before, and a message returned more often
 * than the limit is dead-lettered with reason delivery_limit.
 */
class DeliveryLimitTest {
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

    @Test
    void redeliveriesCountThePreviousReturnsAsALong() throws Exception {
        assumeFalse(broker.isExternal(), "Warren-only: delivery limits on classic queues");
        String queue = rig.queue("q", Map.of("x-delivery-limit", 5));
        rig.publish(queue, "m");

        GetResponse first = rig.awaitMessage(queue, false);
        assertFalse(first.getEnvelope().isRedeliver());
        assertNull(first.getProps().getHeaders(), "a first delivery is as published");
        rig.channel().basicReject(first.getEnvelope().getDeliveryTag(), true);

        GetResponse second = rig.awaitMessage(queue, false);
        assertTrue(second.getEnvelope().isRedeliver());
        assertEquals(1L, second.getProps().getHeaders().get("x-delivery-count"));
        rig.channel().basicNack(second.getEnvelope().getDeliveryTag(), false, true);

        GetResponse third = rig.awaitMessage(queue, false);
        assertEquals(2L, third.getProps().getHeaders().get("x-delivery-count"));
        // Closing the channel returns what it held, as a crashed consumer would.
        rig.channel().close();

        Channel fresh = rig.connection().createChannel();
        GetResponse fourth = fresh.basicGet(queue, true);
        assertEquals(3L, fourth.getProps().getHeaders().get("x-delivery-count"));
        assertEquals("m", new String(fourth.getBody()));
    }

    @Test
    void aMessageReturnedMoreOftenThanTheLimitIsDeadLettered() throws Exception {
        assumeFalse(broker.isExternal(), "Warren-only: delivery limits on classic queues");
        String dlq = rig.queue("dlq", null);
        String queue = rig.queue("q", Map.of("x-delivery-limit", 2,
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        rig.publish(queue, "m");

        for (int returned = 0; returned < 2; returned++) {
            GetResponse r = rig.awaitMessage(queue, false);
            rig.channel().basicReject(r.getEnvelope().getDeliveryTag(), true);
        }
        GetResponse last = rig.awaitMessage(queue, false);
        assertEquals(2L, last.getProps().getHeaders().get("x-delivery-count"));
        rig.channel().basicReject(last.getEnvelope().getDeliveryTag(), true);

        GetResponse dead = rig.awaitMessage(dlq);
        assertEquals("m", new String(dead.getBody()));
        assertDeaths(dead.getProps(), new Death(queue, "delivery_limit", "", List.of(queue), 1));
        assertFirstDeath(dead.getProps(), queue, "delivery_limit", "");
        assertNull(rig.channel().basicGet(queue, true));
    }

    @Test
    void limitZeroDeadLettersTheFirstReturn() throws Exception {
        assumeFalse(broker.isExternal(), "Warren-only: delivery limits on classic queues");
        String dlq = rig.queue("dlq", null);
        String queue = rig.queue("q", Map.of("x-delivery-limit", 0,
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        rig.publish(queue, "m");

        GetResponse r = rig.awaitMessage(queue, false);
        rig.channel().basicNack(r.getEnvelope().getDeliveryTag(), false, true);

        GetResponse dead = rig.awaitMessage(dlq);
        assertDeaths(dead.getProps(), new Death(queue, "delivery_limit", "", List.of(queue), 1));
    }

    @Test
    void withoutALimitRedeliveriesCarryNoCount() throws Exception {
        String queue = rig.queue("q", null);
        rig.publish(queue, "m");
        for (int i = 0; i < 2; i++) {
            GetResponse r = rig.awaitMessage(queue, false);
            rig.channel().basicReject(r.getEnvelope().getDeliveryTag(), true);
        }
        GetResponse again = rig.awaitMessage(queue, true);
        assertTrue(again.getEnvelope().isRedeliver());
        assertNull(again.getProps().getHeaders());
    }
}
