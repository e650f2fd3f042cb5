package io.warren.tests.queue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.connection.Topology;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static io.warren.tests.connection.BrokerState.queueExists;
import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static io.warren.tests.connection.ProtocolErrors.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** queue.purge and queue.delete with their counts and their if-unused / if-empty conditions. */
class QueuePurgeAndDeleteTest {
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
        queue = topology.queue("purge-delete");
        channel.queueDeclare(queue, false, false, false, null);
    }

    @AfterEach
    void close() throws Exception {
        connection.abort();
        topology.deleteAll();
    }

    @Test
    void purgeReportsAndRemovesTheReadyMessages() throws Exception {
        publish(4);

        assertEquals(4, channel.queuePurge(queue).getMessageCount());
        assertEquals(0, channel.queueDeclarePassive(queue).getMessageCount());
        assertEquals(0, channel.queuePurge(queue).getMessageCount());
    }

    @Test
    void purgeOfAMissingQueueIsNotFound() {
        String missing = Names.unique("missing");
        assertChannelError(404, "NOT_FOUND - no queue '" + missing + "' in vhost '/'", () -> channel.queuePurge(missing));
    }

    @Test
    void deleteReportsTheMessagesItDropped() throws Exception {
        publish(3);

        assertEquals(3, channel.queueDelete(queue).getMessageCount());
        assertFalse(queueExists(connection, queue));
    }

    @Test
    void deleteIfUnusedRefusesAQueueWithConsumers() throws Exception {
        Channel consuming = connection.createChannel();
        consuming.basicConsume(queue, true, (tag, delivery) -> { }, tag -> { });

        assertChannelError(406, "PRECONDITION_FAILED - queue '" + queue + "' in vhost '/' in use",
                () -> channel.queueDelete(queue, true, false));
        assertTrue(queueExists(connection, queue));
    }

    @Test
    void deleteIfEmptyRefusesAQueueWithMessages() throws Exception {
        publish(1);

        assertChannelError(406, "PRECONDITION_FAILED - queue '" + queue + "' in vhost '/' not empty",
                () -> channel.queueDelete(queue, false, true));
        assertTrue(queueExists(connection, queue));
    }

    @Test
    void deleteIfUnusedAndIfEmptySucceedsOnAnIdleEmptyQueue() throws Exception {
        assertEquals(0, channel.queueDelete(queue, true, true).getMessageCount());
        assertFalse(queueExists(connection, queue));
    }

    @Test
    void deletingAMissingQueueSucceedsWithACountOfZero() throws Exception {
        // RabbitMQ 3.x answers delete-ok for a queue that does not exist.
        String missing = Names.unique("missing");
        assertEquals(0, channel.queueDelete(missing).getMessageCount());
        assertEquals(0, channel.queueDelete(missing, true, true).getMessageCount());
    }

    private void publish(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        roundTrip(channel);
    }
}
