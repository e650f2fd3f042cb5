package io.warren.tests.queue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static io.warren.tests.connection.ProtocolErrors.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * queue.bind and queue.unbind: missing queues, exchanges and bindings, the shortcuts for the
 * channel's last declared queue, and the CR and LF RabbitMQ removes from names.
 */
class QueueBindTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private Connection connection;
    private Channel channel;
    private String queue;

    @BeforeEach
    void open() throws Exception {
        connection = broker.connect();
        channel = connection.createChannel();
        queue = channel.queueDeclare().getQueue();
    }

    @AfterEach
    void close() {
        connection.abort();
    }

    @Test
    void bindThenUnbindControlsRouting() throws Exception {
        String key = Names.unique("key");
        channel.queueBind(queue, "amq.direct", key);
        channel.basicPublish("amq.direct", key, null, "bound".getBytes(StandardCharsets.UTF_8));
        assertNotNull(channel.basicGet(queue, true), "not routed while bound");

        channel.queueUnbind(queue, "amq.direct", key);
        channel.basicPublish("amq.direct", key, null, "unbound".getBytes(StandardCharsets.UTF_8));
        assertNull(channel.basicGet(queue, true), "routed after unbind");
    }

    @Test
    void bindToAMissingExchangeIsNotFound() {
        String missing = Names.unique("missing");
        assertChannelError(404, "NOT_FOUND - no exchange '" + missing + "' in vhost '/'",
                () -> channel.queueBind(queue, missing, "key"));
    }

    @Test
    void bindOfAMissingQueueIsNotFound() {
        String missing = Names.unique("missing");
        assertChannelError(404, "NOT_FOUND - no queue '" + missing + "' in vhost '/'",
                () -> channel.queueBind(missing, "amq.direct", "key"));
    }

    @Test
    void unbindOfWhatDoesNotExistSucceeds() throws Exception {
        // RabbitMQ 3.x makes queue.unbind idempotent, even for missing queues and exchanges.
        channel.queueUnbind(queue, "amq.direct", Names.unique("never-bound"));
        channel.queueUnbind(Names.unique("missing"), "amq.direct", "key");
        channel.queueUnbind(queue, Names.unique("missing"), "key");
        roundTrip(channel);
    }
    @Test
    void emptyQueueAndKeyBindTheLastDeclaredQueueByItsName() throws Exception {
        channel.queueBind("", "amq.direct", "");

        channel.basicPublish("amq.direct", queue, null, "by-name".getBytes(StandardCharsets.UTF_8));
        channel.basicPublish("amq.direct", "", null, "by-empty-key".getBytes(StandardCharsets.UTF_8));
        assertEquals("by-name", new String(channel.basicGet(queue, true).getBody(), StandardCharsets.UTF_8));
        assertNull(channel.basicGet(queue, true), "bound with the empty key too");

        channel.queueUnbind("", "amq.direct", "");
        channel.basicPublish("amq.direct", queue, null, "after-unbind".getBytes(StandardCharsets.UTF_8));
        assertNull(channel.basicGet(queue, true), "the shortcut unbinds the same binding");
    }

    @Test
    void emptyQueueWithAKeyBindsTheLastDeclaredQueueWithThatKey() throws Exception {
        String key = Names.unique("key");
        channel.queueBind("", "amq.direct", key);

        channel.basicPublish("amq.direct", key, null, "keyed".getBytes(StandardCharsets.UTF_8));
        channel.basicPublish("amq.direct", queue, null, "by-name".getBytes(StandardCharsets.UTF_8));
        assertEquals("keyed", new String(channel.basicGet(queue, true).getBody(), StandardCharsets.UTF_8));
        assertNull(channel.basicGet(queue, true), "the queue's name is the key only when none is given");
        channel.queueUnbind(queue, "amq.direct", key);
    }

    @Test
    void theShortcutsOnAChannelThatDeclaredNoQueueAreNotFound() throws Exception {
        Channel fresh = connection.createChannel();
        assertChannelError(404, "NOT_FOUND - no previously declared queue", () -> fresh.queueBind("", "amq.direct", ""));
        Channel another = connection.createChannel();
        assertChannelError(404, "NOT_FOUND - no previously declared queue",
                () -> another.queueBind("", "amq.direct", "key"));
    }

    @Test
    void crAndLfAreRemovedFromTheQueueAndExchangeNames() throws Exception {
        String key = Names.unique("key");
        channel.queueBind(queue + "\r\n", "amq.\ndirect", key);

        channel.basicPublish("amq.direct", key, null, "bound".getBytes(StandardCharsets.UTF_8));
        assertNotNull(channel.basicGet(queue, true), "not routed while bound");
        channel.queueUnbind("\n" + queue, "amq.direct\r", key);
        channel.basicPublish("amq.direct", key, null, "unbound".getBytes(StandardCharsets.UTF_8));
        assertNull(channel.basicGet(queue, true), "routed after unbind");
    }
}
