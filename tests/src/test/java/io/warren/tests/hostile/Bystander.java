package io.warren.tests.hostile;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.support.TestBroker;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A well-behaved Java-client connection, opened before an attack, with a consumer on a queue of its
 * own. Afterwards it shows that the broker still serves everyone else: it publishes a message and
 * waits for its consumer to receive it.
 *
 * <p>Driven from the test thread; deliveries arrive on the client's consumer thread and are handed
 * over through a blocking queue.
 */
public final class Bystander implements AutoCloseable {
    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    private Bystander(Connection connection) throws Exception {
        this.connection = connection;
        channel = connection.createChannel();
        queue = channel.queueDeclare().getQueue();
        channel.basicConsume(queue, true,
                (tag, delivery) -> received.add(new String(delivery.getBody(), StandardCharsets.UTF_8)),
                tag -> { });
    }

    public static Bystander connect(TestBroker broker) throws Exception {
        return new Bystander(broker.connect());
    }

    /** Publishes through the default exchange and checks the consumer gets exactly that message. */
    public void assertStillPublishesAndConsumes() throws Exception {
        assertTrue(connection.isOpen(), "bystander connection was closed: " + connection.getCloseReason());
        String body = "still here " + ThreadLocalRandom.current().nextInt();
        channel.basicPublish("", queue, null, body.getBytes(StandardCharsets.UTF_8));
        assertEquals(body, received.poll(5, TimeUnit.SECONDS), "bystander's message not delivered");
    }

    @Override
    public void close() {
        connection.abort();
    }
}
