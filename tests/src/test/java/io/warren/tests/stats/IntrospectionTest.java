package io.warren.tests.stats;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.broker.Broker;
import io.warren.broker.stats.ChannelInfo;
import io.warren.broker.stats.ConsumerInfo;
import io.warren.broker.stats.MessageStat;
import io.warren.broker.stats.QueueInfo;
import io.warren.exchange.Exchange;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static io.warren.tests.connection.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Warren's own introspection API, which the management API turns into RabbitMQ's JSON: consumers
 * with their activity status, channel gauges, queue extras, exchange counters and totals that
 * outlive closed channels. Warren only: a real RabbitMQ has no such Java API (its JSON is
 * checked in {@link StatisticsTest}).
 */
@ExtendWith(TestBroker.class)
class IntrospectionTest {
    private Broker warren;

    @BeforeEach
    void embeddedOnly(TestBroker broker) {
        assumeFalse(broker.isExternal(), "Warren's Java API");
        warren = broker.server().broker();
    }

    @Test
    void singleActiveConsumersAreActiveOrWaiting(TestBroker broker) throws Exception {
        String queue = Names.unique("sac");
        try (Connection conn = broker.connect()) {
            Channel ch = conn.createChannel();
            ch.basicQos(7);
            ch.queueDeclare(queue, false, true, true, Map.of("x-single-active-consumer", true));
            String first = ch.basicConsume(queue, false, (t, d) -> { }, t -> { });
            String second = ch.basicConsume(queue, false, (t, d) -> { }, t -> { });
            List<ConsumerInfo> consumers = warren.statistics().consumers(warren.vhosts().get("/").queue(queue));
            assertEquals(2, consumers.size());
            ConsumerInfo active = consumers.stream().filter(c -> c.consumerTag().equals(first)).findFirst().orElseThrow();
            ConsumerInfo waiting = consumers.stream().filter(c -> c.consumerTag().equals(second)).findFirst().orElseThrow();
            assertEquals("single_active", active.activityStatus());
            assertTrue(active.active());
            assertEquals("waiting", waiting.activityStatus());
            assertEquals(7, active.prefetchCount());
            assertTrue(active.ackRequired());
            QueueInfo q = warren.statistics().queue(warren.vhosts().get("/").queue(queue));
            assertEquals(first, q.singleActiveConsumerTag());
            assertTrue(q.exclusiveOwner() != null && q.exclusiveOwner().startsWith("127.0.0.1:"), q.exclusiveOwner());
            assertEquals(2, q.consumers());
        }
    }

    @Test
    void channelGaugesShowUnackedDeliveriesAndModes(TestBroker broker) throws Exception {
        String queue = Names.unique("gauges");
        try (Connection conn = broker.connect()) {
            Channel ch = conn.createChannel();
            ch.queueDeclare(queue, false, false, true, null);
            ch.basicPublish("", queue, null, new byte[10]);
            ch.basicPublish("", queue, null, new byte[20]);
            ch.basicGet(queue, false);
            ch.basicGet(queue, false);
            ch.confirmSelect();
            ChannelInfo info = warren.statistics().channels().stream()
                    .filter(c -> c.number() == ch.getChannelNumber() && c.connectionName().contains(
                            ":" + ((com.rabbitmq.client.impl.NetworkConnection) conn).getLocalPort() + " "))
                    .findFirst().orElseThrow();
            assertEquals(2, info.messagesUnacknowledged());
            assertTrue(info.confirm());
            assertEquals(info.connectionName() + " (" + ch.getChannelNumber() + ")", info.name());
            QueueInfo q = warren.statistics().queue(warren.vhosts().get("/").queue(queue));
            assertEquals(2, q.messagesUnacknowledged());
            assertEquals(30, q.messageBytesUnacknowledged());
        }
    }

    @Test
    void totalsKeepWhatClosedChannelsCounted(TestBroker broker) throws Exception {
        String queue = Names.unique("totals");
        long before = warren.statistics().globalTotals().get(MessageStat.PUBLISH);
        Exchange fanout;
        try (Connection conn = broker.connect()) {
            Channel ch = conn.createChannel();
            String exchange = Names.unique("fan");
            ch.exchangeDeclare(exchange, "fanout", false, true, null);
            ch.queueDeclare(queue, false, false, false, null);
            ch.queueBind(queue, exchange, "");
            for (int i = 0; i < 4; i++) {
                ch.basicPublish(exchange, "", null, new byte[0]);
            }
            ch.basicPublish(exchange, "", null, new byte[0]);
            fanout = warren.vhosts().get("/").exchanges().lookup(exchange);
            assertEventually("exchange counted", () -> warren.statistics().exchangeMessageStats(fanout)
                    .equals(Map.of("publish_in", 5L, "publish_out", 5L)));
            ch.queueDelete(queue);
        }
        assertEventually("connection gone", () -> warren.statistics().connections().isEmpty());
        assertTrue(warren.statistics().globalTotals().get(MessageStat.PUBLISH) >= before + 5);
        assertTrue(warren.statistics().overview().messageStats().get("publish") >= before + 5);
    }

    @Test
    void samplesGiveRatesAndRanges(TestBroker broker) throws Exception {
        String queue = Names.unique("rates");
        try (Connection conn = broker.connect()) {
            Channel ch = conn.createChannel();
            ch.queueDeclare(queue, false, false, true, null);
            ch.confirmSelect();
            for (int i = 0; i < 20; i++) {
                ch.basicPublish("", queue, null, new byte[0]);
            }
            ch.waitForConfirmsOrDie(5000);
            var q = warren.vhosts().get("/").queue(queue);
            assertEventually("queue has them", () -> q.stats().readySnapshot() == 20);
            warren.statistics().sampler().sampleNow();
            // The rate needs two intervals' samples (see RateMathTest); the newest point is there now.
            var range = warren.statistics().queue(q).rates().details("messages_ready", 60, 5);
            assertTrue(range.hasSamples() && range.samples().get(0).sample() == 20, range.toString());
            var publish = warren.statistics().queue(q).rates().details("publish", 60, 5);
            assertEquals(20, publish.samples().get(0).sample());
            var overview = warren.statistics().overview().rates().details("messages_ready", 60, 5);
            assertTrue(overview.samples().get(0).sample() >= 20, overview.toString());
        }
    }
}
