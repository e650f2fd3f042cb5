package io.warren.tests.queue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Topology;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static io.warren.tests.connection.BrokerState.queueExists;
import static io.warren.tests.connection.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Auto-delete queues are deleted once their last consumer goes, and not before they ever had
 * one. The deletion may happen just after the cancel-ok, so the tests poll for it.
 */
class AutoDeleteQueueTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final Topology topology = new Topology(broker);
    private Connection connection;
    private Channel channel;
    private String queue;

    @BeforeEach
    void declare() throws Exception {
        connection = broker.connect();
        channel = connection.createChannel();
        queue = topology.queue("auto-delete");
        channel.queueDeclare(queue, false, false, true, null);
    }

    @AfterEach
    void close() throws Exception {
        connection.abort();
        topology.deleteAll();
    }

    @Test
    void queueWithoutConsumersYetIsKept() throws Exception {
        channel.basicPublish("", queue, null, "kept".getBytes(StandardCharsets.UTF_8));
        assertNotNull(channel.basicGet(queue, true), "message lost");

        assertTrue(queueExists(connection, queue), "basic.get does not make a consumer");
    }

    @Test
    void queueIsDeletedWhenItsLastConsumerCancels() throws Exception {
        String first = channel.basicConsume(queue, true, (tag, delivery) -> { }, tag -> { });
        String second = channel.basicConsume(queue, true, (tag, delivery) -> { }, tag -> { });

        channel.basicCancel(first);
        assertTrue(queueExists(connection, queue), "deleted while a consumer remained");
        assertEquals(1, channel.queueDeclarePassive(queue).getConsumerCount());

        channel.basicCancel(second);
        assertEventually("auto-delete queue deleted", () -> !queueExists(connection, queue));
    }

    @Test
    void closingTheConsumersChannelCountsAsCancelling() throws Exception {
        Channel consuming = connection.createChannel();
        consuming.basicConsume(queue, true, (tag, delivery) -> { }, tag -> { });

        consuming.close();

        assertEventually("auto-delete queue deleted", () -> !queueExists(connection, queue));
    }
}
