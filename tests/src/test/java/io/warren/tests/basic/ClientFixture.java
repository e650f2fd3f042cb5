package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What one test needs around the broker: client connections, throwaway queues and exchanges with
 * unique names, and an out-of-band "admin" channel to set up messages and look at queue depths
 * without disturbing the channel under test. After each test it deletes what it declared and
 * aborts every connection it opened, whatever state the broker left them in.
 *
 * <p>Register it per instance, after the broker:
 * {@code @RegisterExtension final ClientFixture fixture = new ClientFixture(broker);}
 * It is used from the test thread only.
 */
final class ClientFixture implements AfterEachCallback {
    private static final long AWAIT_SECONDS = 10;
    private static final long POLL_MILLIS = 20;

    private final TestBroker broker;
    private final List<Connection> connections = new ArrayList<>();
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();
    private Connection adminConnection;
    private Channel admin;

    ClientFixture(TestBroker broker) {
        this.broker = broker;
    }

    /** A new connection for the test, aborted after it. */
    Connection connect() {
        Connection connection = broker.connect();
        connections.add(connection);
        return connection;
    }

    /** A new channel on a new connection, so a channel error here cannot disturb anything else. */
    Channel channel() {
        try {
            return connect().createChannel();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Declares a non-durable queue with a unique name, deleted after the test. */
    String queue(String purpose) {
        return queue(purpose, Map.of());
    }

    /** Declares a non-durable queue with a unique name and these x-arguments, deleted after the test. */
    String queue(String purpose, Map<String, Object> arguments) {
        String name = UniqueNames.of(purpose);
        try {
            admin().queueDeclare(name, false, false, false, arguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        queues.add(name);
        return name;
    }

    /** Declares a non-durable exchange with a unique name, deleted after the test. */
    String exchange(String purpose, BuiltinExchangeType type) {
        String name = UniqueNames.of(purpose);
        try {
            admin().exchangeDeclare(name, type, false, false, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exchanges.add(name);
        return name;
    }

    void bind(String queue, String exchange, String routingKey) {
        try {
            admin().queueBind(queue, exchange, routingKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Publishes each body to {@code queue} through the default exchange and returns once the broker
     * confirmed them all, so they are in the queue when this returns.
     */
    void publish(String queue, String... bodies) {
        for (String body : bodies) {
            publish("", queue, new AMQP.BasicProperties(), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Publishes the bodies "1", "2" ... up to {@code count} to {@code queue}, as {@link #publish(String, String...)}. */
    void publishNumbered(String queue, int count) {
        publish(queue, IntStream.rangeClosed(1, count).mapToObj(Integer::toString).toArray(String[]::new));
    }

    /** Publishes one message and returns once the broker confirmed it. */
    void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        try {
            admin().basicPublish(exchange, routingKey, properties, body);
            admin().waitForConfirmsOrDie(TimeUnit.SECONDS.toMillis(AWAIT_SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("no publisher confirm within " + AWAIT_SECONDS + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The number of ready (not delivered, not unacked) messages, as queue.declare-ok reports it. */
    int ready(String queue) {
        try {
            return admin().queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of consumers, as queue.declare-ok reports it. */
    int consumers(String queue) {
        try {
            return admin().queueDeclarePassive(queue).getConsumerCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code queue} holds {@code expected} ready messages. For effects the broker
     * applies after replying, such as requeueing the unacked messages of a closed channel.
     */
    void awaitReady(String queue, int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        int ready = ready(queue);
        while (ready != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            ready = ready(queue);
        }
        assertEquals(expected, ready, "ready messages in " + queue);
    }

    /** Takes every ready message off {@code queue} with auto-ack and returns the bodies in order. */
    List<String> drain(String queue) {
        List<String> bodies = new ArrayList<>();
        try {
            for (GetResponse r = admin().basicGet(queue, true); r != null; r = admin().basicGet(queue, true)) {
                bodies.add(new String(r.getBody(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bodies;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (!queues.isEmpty() || !exchanges.isEmpty()) {
                Channel cleanup = admin();
                for (String queue : queues) {
                    cleanup.queueDelete(queue);
                }
                for (String exchange : exchanges) {
                    cleanup.exchangeDelete(exchange);
                }
            }
        } finally {
            connections.forEach(Connection::abort);
            if (adminConnection != null) {
                adminConnection.abort();
            }
        }
    }

    /** The admin channel, in confirm mode; reopened if a test's passive declare closed it. */
    private Channel admin() {
        try {
            if (adminConnection == null || !adminConnection.isOpen()) {
                adminConnection = broker.connect();
                admin = null;
            }
            if (admin == null || !admin.isOpen()) {
                admin = adminConnection.createChannel();
                admin.confirmSelect();
            }
            return admin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
