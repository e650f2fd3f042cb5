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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Headers routing: the binding arguments are matched against the message headers, all of them or
 * any one, depending on {@code x-match}. Arguments starting with {@code x-} take part only with
 * {@code all-with-x} and {@code any-with-x}. Integers of different widths match by value.
 */
class HeadersRoutingTest {
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
        exchange = topology.exchange("headers");
        channel.exchangeDeclare(exchange, "headers");
    }

    @AfterEach
    void close() throws Exception {
        connection.abort();
        topology.deleteAll();
    }

    static Stream<Arguments> matches() {
        return Stream.of(
                arguments("all: every argument present", Map.of("x-match", "all", "a", 1, "b", "x"), Map.of("a", 1, "b", "x"), true),
                arguments("all: one argument missing", Map.of("x-match", "all", "a", 1, "b", "x"), Map.of("a", 1), false),
                arguments("all: one value differs", Map.of("x-match", "all", "a", 1, "b", "x"), Map.of("a", 1, "b", "y"), false),
                arguments("all is the default", Map.of("a", 1, "b", "x"), Map.of("a", 1), false),
                arguments("extra headers do not matter", Map.of("a", 1), Map.of("a", 1, "z", 2), true),
                arguments("any: one argument present", Map.of("x-match", "any", "a", 1, "b", "x"), Map.of("a", 1), true),
                arguments("any: none present", Map.of("x-match", "any", "a", 1, "b", "x"), Map.of("c", 1), false),
                arguments("all with no arguments matches anything", Map.of("x-match", "all"), Map.of("a", 1), true),
                arguments("any with no arguments matches nothing", Map.of("x-match", "any"), Map.of("a", 1), false),
                arguments("all ignores x- arguments", Map.of("x-match", "all", "x-tenant", "t1"), Map.of(), true),
                arguments("all-with-x needs x- arguments", Map.of("x-match", "all-with-x", "x-tenant", "t1"), Map.of(), false),
                arguments("all-with-x matches x- headers", Map.of("x-match", "all-with-x", "x-tenant", "t1"), Map.of("x-tenant", "t1"), true),
                arguments("any ignores x- arguments", Map.of("x-match", "any", "x-tenant", "t1", "a", 1), Map.of("x-tenant", "t1"), false),
                arguments("any-with-x matches on an x- header", Map.of("x-match", "any-with-x", "x-tenant", "t1", "a", 1), Map.of("x-tenant", "t1"), true),
                arguments("int header, long argument", Map.of("a", 1L), Map.of("a", 1), true),
                arguments("short header, int argument", Map.of("a", 1), Map.of("a", (short) 1), true),
                arguments("byte header, int argument", Map.of("a", 1), Map.of("a", (byte) 1), true),
                arguments("long header, int argument", Map.of("a", 7), Map.of("a", 7L), true),
                arguments("string header, int argument", Map.of("a", 1), Map.of("a", "1"), false),
                arguments("booleans", Map.of("a", true), Map.of("a", true), true),
                arguments("different booleans", Map.of("a", true), Map.of("a", false), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matches")
    void bindingArgumentsMatchHeaders(String description, Map<String, Object> binding,
                                      Map<String, Object> headers, boolean routed) throws Exception {
        String queue = Mailbox.boundQueue(channel, exchange, "", binding);

        Mailbox.publish(channel, exchange, "", headers, "m");

        assertEquals(routed ? List.of("m") : List.of(), Mailbox.drain(channel, queue));
    }

    @Test
    void messageWithoutHeadersMatchesOnlyAnEmptyAllBinding() throws Exception {
        String empty = Mailbox.boundQueue(channel, exchange, "", Map.of());
        String needsA = Mailbox.boundQueue(channel, exchange, "", Map.of("a", 1));

        Mailbox.publish(channel, exchange, "", null, "m");

        assertEquals(List.of("m"), Mailbox.drain(channel, empty));
        assertEquals(List.of(), Mailbox.drain(channel, needsA));
    }

    @Test
    void routingKeyIsIgnored() throws Exception {
        String queue = Mailbox.boundQueue(channel, exchange, "some-key", Map.of("a", 1));

        Mailbox.publish(channel, exchange, "other-key", Map.of("a", 1), "m");

        assertEquals(List.of("m"), Mailbox.drain(channel, queue));
    }

    @Test
    void unknownMatchModeIsRefused() throws Exception {
        String queue = channel.queueDeclare().getQueue();
        assertChannelError(406, "PRECONDITION_FAILED - Invalid x-match field value <<\"some\">>; expected all, any,"
                        + " all-with-x, or any-with-x",
                () -> channel.queueBind(queue, exchange, "", Map.of("x-match", "some")));
    }

    @Test
    void matchModeMustBeAString() throws Exception {
        String queue = channel.queueDeclare().getQueue();
        assertChannelError(406, "PRECONDITION_FAILED - Invalid x-match field type signedint (value 5); expected longstr",
                () -> channel.queueBind(queue, exchange, "", Map.of("x-match", 5)));
    }
}
