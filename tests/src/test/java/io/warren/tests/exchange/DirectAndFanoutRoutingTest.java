package io.warren.tests.exchange;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Topology;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Routing by direct exchanges (exact key) and fanout exchanges (every binding). */
class DirectAndFanoutRoutingTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final Topology topology = new Topology(broker);
    private Connection connection;
    private Channel channel;

    @BeforeEach
    void open() throws Exception {
        connection = broker.connect();
        channel = connection.createChannel();
    }

    @AfterEach
    void close() throws Exception {
        connection.abort();
        topology.deleteAll();
    }

    @ParameterizedTest(name = "binding ''{0}'', key ''{1}'' routed: {2}")
    @CsvSource({
            "orders,   orders,   true",
            "orders,   Orders,   false",
            "orders,   orders.x, false",
            "'',       '',       true",
            "'',       orders,   false",
            "a.*,      a.b,      false",
            "a.*,      a.*,      true",
            "#,        anything, false",
    })
    void directExchangeMatchesTheWholeKeyExactly(String bindingKey, String routingKey, boolean routed) throws Exception {
        String exchange = declare("direct");
        String queue = Mailbox.boundQueue(channel, exchange, bindingKey);

        Mailbox.publish(channel, exchange, routingKey, "m");

        assertEquals(routed ? List.of("m") : List.of(), Mailbox.drain(channel, queue));
    }

    @Test
    void directExchangeDeliversToEveryQueueBoundWithTheKey() throws Exception {
        String exchange = declare("direct");
        String first = Mailbox.boundQueue(channel, exchange, "k");
        String second = Mailbox.boundQueue(channel, exchange, "k");
        String other = Mailbox.boundQueue(channel, exchange, "other");

        Mailbox.publish(channel, exchange, "k", "m");

        assertEquals(List.of("m"), Mailbox.drain(channel, first));
        assertEquals(List.of("m"), Mailbox.drain(channel, second));
        assertEquals(List.of(), Mailbox.drain(channel, other));
    }

    @Test
    void aQueueBoundTwiceWithTheSameKeyGetsOneCopyAndOneUnbindRemovesIt() throws Exception {
        String exchange = declare("direct");
        String queue = Mailbox.boundQueue(channel, exchange, "k");
        channel.queueBind(queue, exchange, "k");

        Mailbox.publish(channel, exchange, "k", "once");
        assertEquals(List.of("once"), Mailbox.drain(channel, queue));

        channel.queueUnbind(queue, exchange, "k");
        Mailbox.publish(channel, exchange, "k", "after unbind");
        assertEquals(List.of(), Mailbox.drain(channel, queue));
    }

    @Test
    void fanoutExchangeIgnoresKeysAndDeliversToEveryBinding() throws Exception {
        String exchange = topology.exchange("fanout");
        channel.exchangeDeclare(exchange, "fanout");
        String first = Mailbox.boundQueue(channel, exchange, "");
        String second = Mailbox.boundQueue(channel, exchange, "some.key");

        Mailbox.publish(channel, exchange, "unrelated", "m");

        assertEquals(List.of("m"), Mailbox.drain(channel, first));
        assertEquals(List.of("m"), Mailbox.drain(channel, second));
    }

    private String declare(String type) throws Exception {
        String exchange = topology.exchange(type);
        channel.exchangeDeclare(exchange, type);
        return exchange;
    }
}
