package io.warren.tests.exchange;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.connection.ProtocolErrors;
import io.warren.tests.connection.Topology;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static io.warren.tests.connection.ProtocolErrors.assertConnectionError;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * exchange.declare: types, passive declaration, equivalence on redeclaration, reserved names, and
 * the CR and LF RabbitMQ removes from names.
 */
class ExchangeDeclareTest {
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "fanout", "topic", "headers"})
    void eachTypeCanBeDeclaredAndKeepsItsType(String type) throws Exception {
        String exchange = topology.exchange(type);
        channel.exchangeDeclare(exchange, type);
        channel.exchangeDeclarePassive(exchange);
        channel.exchangeDeclare(exchange, type);

        String otherType = "direct".equals(type) ? "fanout" : "direct";
        assertChannelError(406, "PRECONDITION_FAILED - inequivalent arg 'type' for exchange '" + exchange
                        + "' in vhost '/': received '" + otherType + "' but current is '" + type + "'",
                () -> channel.exchangeDeclare(exchange, otherType));
    }

    @Test
    void passiveDeclareOfAMissingExchangeIsNotFound() {
        String missing = Names.unique("missing");
        assertChannelError(404, "NOT_FOUND - no exchange '" + missing + "' in vhost '/'",
                () -> channel.exchangeDeclarePassive(missing));
    }

    @Test
    void redeclareWithTheSamePropertiesIsAccepted() throws Exception {
        String exchange = topology.exchange("same");
        Map<String, Object> arguments = Map.of("alternate-exchange", "amq.fanout");
        channel.exchangeDeclare(exchange, "topic", true, true, true, arguments);
        channel.exchangeDeclare(exchange, "topic", true, true, true, arguments);
        channel.exchangeDeclarePassive(exchange);
    }

    static Stream<Arguments> inequivalentRedeclarations() {
        return Stream.of(
                arguments("durable", new Declaration(false, false, false, null),
                        new Declaration(true, false, false, null),
                        "inequivalent arg 'durable' for exchange '%s' in vhost '/': received 'true' but current is 'false'"),
                arguments("auto-delete", new Declaration(false, true, false, null),
                        new Declaration(false, false, false, null),
                        "inequivalent arg 'auto_delete' for exchange '%s' in vhost '/': received 'false' but current is 'true'"),
                arguments("internal", new Declaration(false, false, false, null),
                        new Declaration(false, false, true, null),
                        "inequivalent arg 'internal' for exchange '%s' in vhost '/': received 'true' but current is 'false'"),
                arguments("alternate-exchange added", new Declaration(false, false, false, null),
                        new Declaration(false, false, false, "amq.fanout"),
                        "inequivalent arg 'alternate-exchange' for exchange '%s' in vhost '/': received the value"
                                + " 'amq.fanout' of type 'longstr' but current is none"),
                arguments("alternate-exchange removed", new Declaration(false, false, false, "amq.fanout"),
                        new Declaration(false, false, false, null),
                        "inequivalent arg 'alternate-exchange' for exchange '%s' in vhost '/': received none but"
                                + " current is the value 'amq.fanout' of type 'longstr'"),
                arguments("alternate-exchange changed", new Declaration(false, false, false, "amq.fanout"),
                        new Declaration(false, false, false, "amq.topic"),
                        "inequivalent arg 'alternate-exchange' for exchange '%s' in vhost '/': received"
                                + " 'amq.topic' but current is 'amq.fanout'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inequivalentRedeclarations")
    void redeclareWithDifferentPropertiesIsAPreconditionFailure(String change, Declaration first,
                                                                Declaration second, String text) throws Exception {
        String exchange = topology.exchange("inequivalent");
        first.declare(channel, exchange);

        assertChannelError(406, "PRECONDITION_FAILED - " + text.formatted(exchange),
                () -> second.declare(channel, exchange));
    }

    @Test
    void argumentsOtherThanAlternateExchangeAreNotCompared() throws Exception {
        String exchange = topology.exchange("extra-args");
        channel.exchangeDeclare(exchange, "direct", false, false, Map.of("x-anything", "one"));
        channel.exchangeDeclare(exchange, "direct", false, false, Map.of("x-anything", "two"));
        channel.exchangeDeclare(exchange, "direct", false, false, null);
    }

    @Test
    void alternateExchangeArgumentMustBeAString() {
        String exchange = topology.exchange("bad-ae");
        assertChannelError(406, "PRECONDITION_FAILED - invalid type 'signedint' for arg 'alternate-exchange'"
                        + " in exchange '" + exchange + "' in vhost '/'",
                () -> channel.exchangeDeclare(exchange, "direct", false, false, Map.of("alternate-exchange", 5)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no-such-type", "x-no-such-type"})
    void unknownTypeIsRefused(String type) throws Exception {
        String exchange = topology.exchange("unknown-type");
        assertUnknownType(type, () -> channel.exchangeDeclare(exchange, type));
    }

    @Test
    void theTypeIsCheckedBeforeTheNameOfTheDefaultExchange() throws Exception {
        assertUnknownType("no-such-type", () -> channel.exchangeDeclare("", "no-such-type"));
    }

    @Test
    void aPassiveDeclareDoesNotCheckTheType() throws Exception {
        String exchange = topology.exchange("passive-type");
        channel.exchangeDeclare(exchange, "direct");

        channel.asyncCompletableRpc(new AMQP.Exchange.Declare.Builder()
                .exchange(exchange).type("no-such-type").passive(true).build()).get(10, TimeUnit.SECONDS);
        channel.exchangeDeclarePassive(exchange);
    }

    /**
     * RabbitMQ 3.13.3 and later refuse an unknown type with a channel error (rabbitmq-server pull
     * request #11214); older versions, such as the 3.10 these tests also run against, closed the
     * whole connection with 503 and the same words.
     */
    private void assertUnknownType(String type, ProtocolErrors.AmqpAction declare) {
        String version = String.valueOf(connection.getServerProperties().get("version"));
        if (broker.isExternal() && olderThan(version, "3.13.3")) {
            assertConnectionError(503, "COMMAND_INVALID - unknown exchange type '" + type + "'", declare);
        } else {
            assertChannelError(406, "PRECONDITION_FAILED - unknown exchange type '" + type + "'", declare);
        }
    }

    private static boolean olderThan(String version, String than) {
        String[] a = version.split("[.+-]");
        String[] b = than.split("[.+-]");
        for (int i = 0; i < b.length; i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0;
            int y = Integer.parseInt(b[i]);
            if (x != y) {
                return x < y;
            }
        }
        return false;
    }

    @Test
    void crAndLfAreRemovedFromTheName() throws Exception {
        String exchange = topology.exchange("crlf");
        String sent = "\r" + exchange.substring(0, 3) + "\n" + exchange.substring(3) + "\r\n";

        channel.exchangeDeclare(sent, "fanout");
        channel.exchangeDeclarePassive(exchange);
        channel.exchangeDeclarePassive(sent);
        assertChannelError(406, "PRECONDITION_FAILED - inequivalent arg 'type' for exchange '" + exchange
                        + "' in vhost '/': received 'direct' but current is 'fanout'",
                () -> channel.exchangeDeclare(sent, "direct"));
    }

    @Test
    void deleteRemovesCrAndLfFromTheNameToo() throws Exception {
        String exchange = topology.exchange("crlf-delete");
        channel.exchangeDeclare(exchange, "fanout");

        channel.exchangeDelete(exchange + "\n");

        assertChannelError(404, "NOT_FOUND - no exchange '" + exchange + "' in vhost '/'",
                () -> channel.exchangeDeclarePassive(exchange));
    }

    @Test
    void publishUsesTheNameAsSent() throws Exception {
        String exchange = topology.exchange("crlf-publish");
        channel.exchangeDeclare(exchange, "fanout");

        assertChannelError(404, "NOT_FOUND - no exchange '" + exchange + "\n' in vhost '/'", () -> {
            channel.basicPublish(exchange + "\n", "", null, new byte[0]);
            channel.basicQos(0);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"amq.custom", "amq.direct.copy", "amq."})
    void namesStartingWithAmqAreReserved(String prefix) {
        String exchange = prefix + Names.unique("x");
        assertChannelError(403, "ACCESS_REFUSED - exchange name '" + exchange + "' contains reserved prefix 'amq.*'",
                () -> channel.exchangeDeclare(exchange, "direct"));
    }

    /** The properties of one exchange.declare of a direct exchange. */
    record Declaration(boolean durable, boolean autoDelete, boolean internal, String alternateExchange) {
        void declare(Channel channel, String exchange) throws Exception {
            Map<String, Object> arguments = alternateExchange == null ? null : Map.of("alternate-exchange", alternateExchange);
            channel.exchangeDeclare(exchange, "direct", durable, autoDelete, internal, arguments);
        }
    }
}
