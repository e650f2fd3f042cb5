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

/**
 * Topic routing: words separated by dots, {@code *} for exactly one word and {@code #} for zero or
 * more. Empty words (leading, trailing or doubled dots) are words like any other. The table is what
 * RabbitMQ 3.10 routes.
 */
class TopicRoutingTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final Topology topology = new Topology(broker);
    private Connection connection;
    private Channel channel;
    private String exchange;

    @BeforeEach
    void open() throws Exception {
        connection = broker.connect();
        channel = connection.createChannel();
        exchange = topology.exchange("topic");
        channel.exchangeDeclare(exchange, "topic");
    }

    @AfterEach
    void close() throws Exception {
        connection.abort();
        topology.deleteAll();
    }

    @ParameterizedTest(name = "pattern ''{0}'', key ''{1}'' routed: {2}")
    @CsvSource({
            "a.b.c,     a.b.c,     true",
            "a.b.c,     a.b,       false",
            "a.*.c,     a.b.c,     true",
            "a.*.c,     a.c,       false",
            "a.*.c,     a..c,      true",
            "a.*,       a.,        true",
            "a.*,       a,         false",
            "*,         a,         true",
            "*,         '',        false",
            "*,         a.b,       false",
            "*.*,       a.,        true",
            "a.#,       a,         true",
            "a.#,       a.b.c,     true",
            "#.c,       c,         true",
            "#,         '',        true",
            "#,         a.b.c,     true",
            "#.#,       a.b,       true",
            "*.#,       '',        false",
            "*.#,       a,         true",
            "#.*,       a.b,       true",
            "a.#.c,     a.c,       true",
            "a.#.c,     a.x.y.c,   true",
            "a.#.#.c,   a.c,       true",
            "#.b.#,     b,         true",
            "#.a,       a.a,       true",
            "a.#.b.#.c, a.b.c,     true",
            "a..b,      a..b,      true",
            "a..b,      a.b,       false",
            "'',        '',        true",
            "'',        a,         false",
            ".,         .,         true",
            "a*,        a*,        true",
            "a*,        ab,        false",
            "a#,        ab,        false",
    })
    void patternMatchesKey(String pattern, String routingKey, boolean routed) throws Exception {
        String queue = Mailbox.boundQueue(channel, exchange, pattern);

        Mailbox.publish(channel, exchange, routingKey, "m");

        assertEquals(routed ? List.of("m") : List.of(), Mailbox.drain(channel, queue));
    }

    @Test
    void aQueueMatchedByManyPatternsGetsOneCopy() throws Exception {
        String queue = Mailbox.boundQueue(channel, exchange, "a.*");
        channel.queueBind(queue, exchange, "*.b");
        channel.queueBind(queue, exchange, "#");

        Mailbox.publish(channel, exchange, "a.b", "once");

        assertEquals(List.of("once"), Mailbox.drain(channel, queue));
    }

    @Test
    void eachMatchingQueueGetsACopy() throws Exception {
        String byStar = Mailbox.boundQueue(channel, exchange, "stock.*.nyse");
        String byHash = Mailbox.boundQueue(channel, exchange, "stock.#");
        String other = Mailbox.boundQueue(channel, exchange, "bond.#");

        Mailbox.publish(channel, exchange, "stock.ibm.nyse", "tick");

        assertEquals(List.of("tick"), Mailbox.drain(channel, byStar));
        assertEquals(List.of("tick"), Mailbox.drain(channel, byHash));
        assertEquals(List.of(), Mailbox.drain(channel, other));
    }

    @Test
    void unbindingOnePatternLeavesTheOthers() throws Exception {
        String queue = Mailbox.boundQueue(channel, exchange, "a.*");
        channel.queueBind(queue, exchange, "x.#");

        channel.queueUnbind(queue, exchange, "a.*");
        Mailbox.publish(channel, exchange, "a.b", "unbound");
        Mailbox.publish(channel, exchange, "x.y.z", "still bound");

        assertEquals(List.of("still bound"), Mailbox.drain(channel, queue));
    }
}
