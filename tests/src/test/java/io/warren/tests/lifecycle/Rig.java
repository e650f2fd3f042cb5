package io.warren.tests.lifecycle;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One test's connection, channel and topology. Every queue and exchange it declares gets a unique
 * name and is deleted again by {@link #close()}, because the reference RabbitMQ is shared and
 * must be left as it was found. Used from the test thread only.
 */
final class Rig implements AutoCloseable {
    /** How long to wait for something the broker does on its own, such as dead-lettering. */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    private final TestBroker broker;
    private final Connection connection;
    private final Channel channel;
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();

    Rig(TestBroker broker) throws IOException {
        this.broker = broker;
        this.connection = broker.connect();
        this.channel = connection.createChannel();
    }

    TestBroker broker() {
        return broker;
    }

    Connection connection() {
        return connection;
    }

    Channel channel() {
        return channel;
    }

    /** Declares a plain (non-durable, non-exclusive, not auto-delete) queue with these arguments. */
    String queue(String what, Map<String, Object> arguments) throws IOException {
        String name = Names.unique("life." + what);
        channel.queueDeclare(name, false, false, false, arguments);
        queues.add(name);
        return name;
    }

    /** A name for a queue the test declares itself; it is deleted at the end like the others. */
    String queueName(String what) {
        String name = Names.unique("life." + what);
        queues.add(name);
        return name;
    }

    String exchange(String what, String type) throws IOException {
        String name = exchangeName(what);
        channel.exchangeDeclare(name, type, false, false, null);
        return name;
    }

    /** A name for an exchange the test declares later; it is deleted at the end like the others. */
    String exchangeName(String what) {
        String name = Names.unique("life." + what);
        exchanges.add(name);
        return name;
    }

    void bind(String queue, String exchange, String routingKey) throws IOException {
        channel.queueBind(queue, exchange, routingKey);
    }

    void publish(String queue, String body) throws IOException {
        publish(queue, new AMQP.BasicProperties(), body);
    }

    /** Publishes through the default exchange straight to {@code queue}. */
    void publish(String queue, AMQP.BasicProperties properties, String body) throws IOException {
        channel.basicPublish("", queue, properties, body.getBytes());
    }

    static AMQP.BasicProperties expiring(String expiration) {
        return new AMQP.BasicProperties.Builder().expiration(expiration).build();
    }

    /** Ready messages in the queue, as queue.declare(passive) reports them. */
    int count(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    void assertCount(int expected, String queue) throws IOException {
        assertEquals(expected, count(queue), () -> "ready messages in " + queue);
    }

    /** Waits until the queue holds exactly {@code expected} ready messages. */
    void awaitCount(int expected, String queue) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int seen;
        while ((seen = count(queue)) != expected) {
            if (System.nanoTime() > deadline) {
                fail("queue " + queue + " held " + seen + " messages, not " + expected + ", after " + PATIENCE);
            }
            Thread.sleep(5);
        }
    }

    /** Waits for a message to arrive in {@code queue} and takes it (auto-ack). */
    GetResponse awaitMessage(String queue) throws IOException, InterruptedException {
        return awaitMessage(queue, true);
    }

    GetResponse awaitMessage(String queue, boolean autoAck) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        GetResponse r;
        while ((r = channel.basicGet(queue, autoAck)) == null) {
            if (System.nanoTime() > deadline) {
                fail("no message arrived in " + queue + " within " + PATIENCE);
            }
            Thread.sleep(5);
        }
        return r;
    }

    /** Takes the head message, which must be there. */
    GetResponse get(String queue) throws IOException {
        GetResponse r = channel.basicGet(queue, true);
        if (r == null) {
            fail("queue " + queue + " is empty");
        }
        return r;
    }

    /** The bodies of every message in the queue now, in order, taken with auto-ack. */
    List<String> drain(String queue) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (GetResponse r; (r = channel.basicGet(queue, true)) != null; ) {
            bodies.add(new String(r.getBody()));
        }
        return bodies;
    }

    /** Deletes what the test declared, on a fresh channel since the test's may have been closed. */
    @Override
    public void close() throws Exception {
        try (Connection cleaner = broker.connect()) {
            Channel c = cleaner.createChannel();
            for (String q : queues) {
                c.queueDelete(q);
            }
            for (String x : exchanges) {
                c.exchangeDelete(x);
            }
        } finally {
            connection.abort();
        }
    }
}
