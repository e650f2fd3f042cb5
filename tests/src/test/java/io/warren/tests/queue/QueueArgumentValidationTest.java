package io.warren.tests.queue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static io.warren.tests.connection.BrokerState.queueExists;
import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Optional queue arguments are validated when the queue is declared; a bad value refuses the
 * declaration with RabbitMQ's text, which includes the Erlang term of the reason.
 */
class QueueArgumentValidationTest {
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

    static Stream<Arguments> invalidArguments() {
        String invalidArg = "invalid arg '%s' for queue '%%s' in vhost '/': %s";
        return Stream.of(
                arguments(Map.of("x-max-length", -1), invalidArg.formatted("x-max-length", "{value_negative,-1}")),
                arguments(Map.of("x-max-length", "ten"),
                        invalidArg.formatted("x-max-length", "\"expected integer, got longstr\"")),
                arguments(Map.of("x-max-length-bytes", -10L), invalidArg.formatted("x-max-length-bytes", "{value_negative,-10}")),
                arguments(Map.of("x-message-ttl", -5), invalidArg.formatted("x-message-ttl", "{value_negative,-5}")),
                arguments(Map.of("x-expires", 0), invalidArg.formatted("x-expires", "{value_zero,0}")),
                arguments(Map.of("x-overflow", "drop-tail"), invalidArg.formatted("x-overflow", "invalid_overflow")),
                arguments(Map.of("x-max-priority", 300), invalidArg.formatted("x-max-priority", "{max_value_exceeded,300}")),
                arguments(Map.of("x-dead-letter-routing-key", "dead"),
                        invalidArg.formatted("x-dead-letter-routing-key", "routing_key_but_no_dlx_defined")),
                arguments(Map.of("x-dead-letter-exchange", 5),
                        "invalid type 'signedint' for arg 'x-dead-letter-exchange' in queue '%s' in vhost '/'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidArguments")
    void invalidArgumentIsAPreconditionFailure(Map<String, Object> arguments, String text) {
        String queue = Names.unique("invalid");

        assertChannelError(406, "PRECONDITION_FAILED - " + text.formatted(queue),
                () -> channel.queueDeclare(queue, false, false, true, arguments));
        assertFalse(queueExists(connection, queue), "refused queue was created");
    }
}
