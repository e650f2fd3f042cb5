package io.warren.tests.lifecycle;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.warren.tests.connection.BrokerState.queueExists;
import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static io.warren.tests.connection.ProtocolErrors.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Lifecycle arguments and expirations RabbitMQ refuses, with its 406 texts. The plain cases
 * (negative lengths, x-expires 0, an unknown overflow) are in QueueArgumentValidationTest.
 */
class LifecycleValidationTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    /** RabbitMQ's ?MAX_EXPIRY_TIMER: the longest TTL or x-expires it takes, ten years in milliseconds. */
    private static final long MAX_TIMER = 315_360_000_000L;

    private Connection connection;
    private Channel channel;

    @BeforeEach
    void open() throws Exception {
        connection = broker.connect();
        channel = connection.createChannel();
    }

    private final List<String> declared = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        // Deletes what a broker accepted against expectations, so a failing run leaves nothing behind.
        try (Connection cleaner = broker.connect()) {
            Channel c = cleaner.createChannel();
            for (String queue : declared) {
                c.queueDelete(queue);
            }
        } finally {
            connection.abort();
        }
    }

    private String queueName(String what) {
        String name = Names.unique("life." + what);
        declared.add(name);
        return name;
    }

    static Stream<Arguments> invalidArguments() {
        String invalidArg = "invalid arg '%s' for queue '%%s' in vhost '/': %s";
        return Stream.of(
                arguments(Map.of("x-message-ttl", "soon"),
                        invalidArg.formatted("x-message-ttl", "\"expected integer, got longstr\"")),
                arguments(Map.of("x-message-ttl", MAX_TIMER + 1),
                        invalidArg.formatted("x-message-ttl", "{value_too_large,315360000001}")),
                arguments(Map.of("x-expires", -1), invalidArg.formatted("x-expires", "{value_negative,-1}")),
                arguments(Map.of("x-expires", MAX_TIMER + 1),
                        invalidArg.formatted("x-expires", "{value_too_large,315360000001}")),
                arguments(Map.of("x-max-length-bytes", "big"),
                        invalidArg.formatted("x-max-length-bytes", "\"expected integer, got longstr\"")),
                arguments(Map.of("x-overflow", 1), invalidArg.formatted("x-overflow", "{unacceptable_type,signedint}")),
                arguments(Map.of("x-max-priority", -1), invalidArg.formatted("x-max-priority", "{value_negative,-1}")),
                arguments(Map.of("x-single-active-consumer", "yes"),
                        invalidArg.formatted("x-single-active-consumer", "{unacceptable_type,longstr}")),
                arguments(Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", 7),
                        invalidArg.formatted("x-dead-letter-routing-key", "{unacceptable_type,signedint}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidArguments")
    void invalidLifecycleArgumentIsAPreconditionFailure(Map<String, Object> arguments, String text) {
        String queue = queueName("invalid");

        assertChannelError(406, "PRECONDITION_FAILED - " + text.formatted(queue),
                () -> channel.queueDeclare(queue, false, false, true, arguments));
        assertFalse(queueExists(connection, queue), "refused queue was created");
    }

    @Test
    void aNegativeDeliveryLimitIsRefused() {
        assumeFalse(broker.isExternal(), "Warren-only: RabbitMQ refuses x-delivery-limit on classic queues altogether");
        String queue = queueName("invalid");
        assertChannelError(406, "PRECONDITION_FAILED - invalid arg 'x-delivery-limit' for queue '" + queue
                        + "' in vhost '/': {value_negative,-1}",
                () -> channel.queueDeclare(queue, false, false, true, Map.of("x-delivery-limit", -1)));
    }

    static Stream<Arguments> invalidExpirations() {
        return Stream.of(
                arguments("soon", "no_integer"),
                arguments("", "no_integer"),
                arguments("-1", "{value_negative,-1}"),
                arguments("1.5", "{leftover_string,\".5\"}"),
                arguments("10s", "{leftover_string,\"s\"}"),
                arguments("315360000001", "{value_too_large,315360000001}"));
    }

    @ParameterizedTest(name = "expiration \"{0}\"")
    @MethodSource("invalidExpirations")
    void invalidExpirationClosesTheChannel(String expiration, String error) throws Exception {
        String queue = queueName("exp");
        channel.queueDeclare(queue, false, false, true, null);

        assertChannelError(406, "PRECONDITION_FAILED - invalid expiration '" + expiration + "': " + error, () -> {
            channel.basicPublish("", queue, Rig.expiring(expiration), "m".getBytes());
            roundTrip(channel);
        });
        Channel other = connection.createChannel();
        assertEquals(0, other.queueDeclarePassive(queue).getMessageCount(), "the refused message was not queued");
    }

    @ParameterizedTest(name = "expiration \"{0}\"")
    @ValueSource(strings = {"315360000000", "+5000"})
    void boundaryExpirationsAreAccepted(String expiration) throws Exception {
        String queue = queueName("exp");
        channel.queueDeclare(queue, false, false, true, null);
        channel.basicPublish("", queue, Rig.expiring(expiration), "m".getBytes());
        roundTrip(channel);
        assertEquals("m", new String(channel.basicGet(queue, true).getBody()), "the message was queued");
    }
}
