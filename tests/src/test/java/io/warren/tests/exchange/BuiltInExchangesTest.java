package io.warren.tests.exchange;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The exchanges every vhost starts with: the nameless default exchange and the amq.* ones. */
class BuiltInExchangesTest {
    private static final String DEFAULT_EXCHANGE_REFUSED = "ACCESS_REFUSED - operation not permitted on the default exchange";

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private Connection connection;
    private Channel channel;

    @BeforeEach
    void open() throws Exception {
        connection = broker.connect();
        channel = connection.createChannel();
    }

    @AfterEach
    void close() {
        connection.abort();
    }

    @ParameterizedTest(name = "{0} is a durable {1} exchange")
    @CsvSource({
            "amq.direct,  direct,  fanout",
            "amq.fanout,  fanout,  direct",
            "amq.topic,   topic,   direct",
            "amq.headers, headers, direct",
            "amq.match,   headers, direct",
    })
    void amqExchangeExistsWithItsType(String exchange, String type, String otherType) throws Exception {
        channel.exchangeDeclarePassive(exchange);
        // Redeclaring with the same properties is allowed even under the reserved prefix.
        channel.exchangeDeclare(exchange, type, true);

        assertChannelError(406, "PRECONDITION_FAILED - inequivalent arg 'type' for exchange '" + exchange
                        + "' in vhost '/': received '" + otherType + "' but current is '" + type + "'",
                () -> channel.exchangeDeclare(exchange, otherType, true));
    }

    @Test
    void amqExchangesAreDurable() {
        assertChannelError(406, "PRECONDITION_FAILED - inequivalent arg 'durable' for exchange 'amq.direct'"
                        + " in vhost '/': received 'false' but current is 'true'",
                () -> channel.exchangeDeclare("amq.direct", "direct", false));
    }

    @Test
    void defaultExchangeRoutesToTheQueueNamedByTheRoutingKey() throws Exception {
        String queue = channel.queueDeclare().getQueue();
        channel.basicPublish("", queue, null, "hello".getBytes(StandardCharsets.UTF_8));

        var response = channel.basicGet(queue, true);
        assertNotNull(response, "not routed");
        assertEquals("", response.getEnvelope().getExchange());
        assertEquals(queue, response.getEnvelope().getRoutingKey());
    }

    @Test
    void defaultExchangeCannotBeDeclared() {
        assertChannelError(403, DEFAULT_EXCHANGE_REFUSED, () -> channel.exchangeDeclare("", "direct", true));
    }

    @Test
    void defaultExchangeCannotBeDeclaredPassively() {
        assertChannelError(403, DEFAULT_EXCHANGE_REFUSED, () -> channel.exchangeDeclarePassive(""));
    }

    @Test
    void defaultExchangeCannotBeDeleted() {
        assertChannelError(403, DEFAULT_EXCHANGE_REFUSED, () -> channel.exchangeDelete(""));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match"})
    void amqExchangeCannotBeDeleted(String exchange) throws Exception {
        assertChannelError(403, "ACCESS_REFUSED - deletion of system exchange '" + exchange + "' in vhost '/' not allowed",
                () -> channel.exchangeDelete(exchange));

        connection.createChannel().exchangeDeclarePassive(exchange);
    }

    @Test
    void missingAmqExchangeIsNotFoundRatherThanReserved() {
        String missing = "amq." + Names.unique("missing");
        assertChannelError(404, "NOT_FOUND - no exchange '" + missing + "' in vhost '/'",
                () -> channel.exchangeDeclarePassive(missing));
    }
}
