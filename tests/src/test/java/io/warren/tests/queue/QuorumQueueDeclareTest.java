package io.warren.tests.queue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static io.warren.tests.connection.BrokerState.queueExists;
import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A quorum queue is durable, neither exclusive nor auto-delete, and refuses the arguments only
 * classic or stream queues have, each with RabbitMQ's 406 and text; a refused declare creates nothing.
 */
class QuorumQueueDeclareTest {
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

    private static Map<String, Object> quorum(Object... more) {
        Map<String, Object> args = new HashMap<>();
        args.put("x-queue-type", "quorum");
        for (int i = 0; i < more.length; i += 2) {
            args.put((String) more[i], more[i + 1]);
        }
        return args;
    }

    private void assertRefused(String queue, String text, boolean durable, boolean exclusive, boolean autoDelete,
                               Map<String, Object> args) throws Exception {
        assertChannelError(406, "PRECONDITION_FAILED - " + text,
                () -> channel.queueDeclare(queue, durable, exclusive, autoDelete, args));
        assertFalse(queueExists(connection, queue), "refused queue was created");
    }

    @Test
    void nonDurableIsRefused() throws Exception {
        String q = Names.unique("qq");
        assertRefused(q, "invalid property 'non-durable' for queue '" + q + "' in vhost '/'",
                false, false, false, quorum());
    }

    @Test
    void exclusiveIsRefused() throws Exception {
        String q = Names.unique("qq");
        assertRefused(q, "invalid property 'exclusive-owner' for queue '" + q + "' in vhost '/'",
                true, true, false, quorum());
    }

    @Test
    void autoDeleteIsRefused() throws Exception {
        String q = Names.unique("qq");
        assertRefused(q, "invalid property 'auto-delete' for queue '" + q + "' in vhost '/'",
                true, false, true, quorum());
    }

    @Test
    void autoDeleteIsNamedBeforeExclusiveAndNonDurable() throws Exception {
        String q = Names.unique("qq");
        assertRefused(q, "invalid property 'auto-delete' for queue '" + q + "' in vhost '/'",
                false, true, true, quorum());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-max-priority", "x-queue-mode", "x-queue-master-locator", "x-max-age"})
    void argumentsQuorumQueuesDoNotHaveAreRefused(String key) throws Exception {
        String q = Names.unique("qq");
        Object value = switch (key) {
            case "x-max-priority" -> 5;
            case "x-queue-mode" -> "lazy";
            case "x-queue-master-locator" -> "client-local";
            default -> "1D";
        };
        assertRefused(q, "invalid arg '" + key + "' for queue '" + q + "' in vhost '/' of queue type rabbit_quorum_queue",
                true, false, false, quorum(key, value));
    }

    @Test
    void unsupportedArgumentIsNamedBeforeTheProperties() throws Exception {
        String q = Names.unique("qq");
        assertRefused(q, "invalid arg 'x-max-priority' for queue '" + q + "' in vhost '/' of queue type rabbit_quorum_queue",
                false, true, true, quorum("x-max-priority", 5));
    }

    @Test
    void durableQuorumQueueWithItsOwnArgumentsIsDeclared() throws Exception {
        String q = Names.unique("qq");
        try {
            channel.queueDeclare(q, true, false, false, quorum("x-quorum-initial-group-size", 3,
                    "x-delivery-limit", 5, "x-max-length", 100, "x-overflow", "reject-publish",
                    "x-dead-letter-strategy", "at-most-once", "x-single-active-consumer", true));
            assertEquals(q, channel.queueDeclarePassive(q).getQueue());
            channel.queueDeclare(q, true, false, false, quorum("x-quorum-initial-group-size", 3,
                    "x-delivery-limit", 5, "x-max-length", 100, "x-overflow", "reject-publish",
                    "x-dead-letter-strategy", "at-most-once", "x-single-active-consumer", true));
        } finally {
            channel.queueDelete(q);
        }
    }

    @Test
    void badInitialGroupSizeIsRefused() throws Exception {
        String q = Names.unique("qq");
        assertRefused(q, "invalid arg 'x-quorum-initial-group-size' for queue '" + q + "' in vhost '/': {value_zero,0}",
                true, false, false, quorum("x-quorum-initial-group-size", 0));
    }
}
