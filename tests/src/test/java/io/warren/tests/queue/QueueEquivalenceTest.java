package io.warren.tests.queue;

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

import java.util.Map;
import java.util.stream.Stream;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Redeclaring an existing queue: it must match in durable, exclusive, auto-delete and the
 * arguments RabbitMQ knows; anything else is refused with RabbitMQ's exact text.
 */
class QueueEquivalenceTest {
    private static final String LOCKED = "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '%s' in"
            + " vhost '/'. It could be originally declared on another connection or the exclusive property value"
            + " does not match that of the original declaration.";

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

    static Stream<Arguments> inequivalentRedeclarations() {
        Map<String, Object> none = Map.of();
        return Stream.of(
                arguments("durable", new Declaration(false, false, none), new Declaration(true, false, none),
                        "inequivalent arg 'durable' for queue '%s' in vhost '/': received 'true' but current is 'false'"),
                arguments("not durable", new Declaration(true, false, none), new Declaration(false, false, none),
                        "inequivalent arg 'durable' for queue '%s' in vhost '/': received 'false' but current is 'true'"),
                arguments("auto-delete", new Declaration(false, true, none), new Declaration(false, false, none),
                        "inequivalent arg 'auto_delete' for queue '%s' in vhost '/': received 'false' but current is 'true'"),
                arguments("x-message-ttl added", new Declaration(false, false, none),
                        new Declaration(false, false, Map.of("x-message-ttl", 1000)),
                        "inequivalent arg 'x-message-ttl' for queue '%s' in vhost '/': received the value '1000' of"
                                + " type 'signedint' but current is none"),
                arguments("x-message-ttl changed", new Declaration(false, false, Map.of("x-message-ttl", 1000)),
                        new Declaration(false, false, Map.of("x-message-ttl", 2000)),
                        "inequivalent arg 'x-message-ttl' for queue '%s' in vhost '/': received '2000' but current is '1000'"),
                arguments("x-message-ttl removed", new Declaration(false, false, Map.of("x-message-ttl", 1000)),
                        new Declaration(false, false, none),
                        "inequivalent arg 'x-message-ttl' for queue '%s' in vhost '/': received none but current is"
                                + " the value '1000' of type 'signedint'"),
                arguments("x-max-length added", new Declaration(false, false, none),
                        new Declaration(false, false, Map.of("x-max-length", 5)),
                        "inequivalent arg 'x-max-length' for queue '%s' in vhost '/': received the value '5' of type"
                                + " 'signedint' but current is none"),
                arguments("x-dead-letter-exchange added", new Declaration(false, false, none),
                        new Declaration(false, false, Map.of("x-dead-letter-exchange", "dlx")),
                        "inequivalent arg 'x-dead-letter-exchange' for queue '%s' in vhost '/': received the value"
                                + " 'dlx' of type 'longstr' but current is none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inequivalentRedeclarations")
    void redeclareWithDifferentPropertiesIsAPreconditionFailure(String change, Declaration first,
                                                                Declaration second, String text) throws Exception {
        String queue = topology.queue("inequivalent");
        first.declare(channel, queue);

        assertChannelError(406, "PRECONDITION_FAILED - " + text.formatted(queue), () -> second.declare(channel, queue));
    }

    @Test
    void redeclaringAQueueAsExclusiveIsResourceLocked() throws Exception {
        String queue = topology.queue("shared");
        channel.queueDeclare(queue, false, false, false, null);

        assertChannelError(405, LOCKED.formatted(queue), () -> channel.queueDeclare(queue, false, true, false, null));
    }

    @Test
    void redeclaringAnExclusiveQueueAsSharedIsResourceLocked() throws Exception {
        String queue = topology.queue("exclusive");
        channel.queueDeclare(queue, false, true, false, null);

        assertChannelError(405, LOCKED.formatted(queue), () -> channel.queueDeclare(queue, false, false, false, null));
    }

    @Test
    void integerArgumentsAreComparedByValueNotWidth() throws Exception {
        String queue = topology.queue("widths");
        channel.queueDeclare(queue, false, false, false, Map.of("x-max-length", 100));
        channel.queueDeclare(queue, false, false, false, Map.of("x-max-length", 100L));
        channel.queueDeclare(queue, false, false, false, Map.of("x-max-length", (short) 100));
        channel.queueDeclare(queue, false, false, false, Map.of("x-max-length", (byte) 100));
    }

    @Test
    void argumentsRabbitMqDoesNotKnowAreNotCompared() throws Exception {
        String queue = topology.queue("unknown-args");
        channel.queueDeclare(queue, false, false, false, Map.of("x-custom", "one"));
        channel.queueDeclare(queue, false, false, false, Map.of("x-custom", "two"));
        channel.queueDeclare(queue, false, false, false, null);
    }

    /** One queue.declare of a non-exclusive queue. */
    record Declaration(boolean durable, boolean autoDelete, Map<String, Object> arguments) {
        void declare(Channel channel, String queue) throws Exception {
            channel.queueDeclare(queue, durable, false, autoDelete, arguments);
        }
    }
}
