package io.warren.tests.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.connection.Topology;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static io.warren.tests.connection.ProtocolErrors.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** queue.declare: server-named queues, declare-ok counts, passive declaration and reserved names. */
class QueueDeclareTest {
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

    @Test
    void emptyNameGetsAServerGeneratedName() throws Exception {
        AMQP.Queue.DeclareOk first = channel.queueDeclare("", false, true, true, null);
        AMQP.Queue.DeclareOk second = channel.queueDeclare("", false, true, true, null);

        // "amq.gen-" and 16 random bytes in URL-safe base64 without padding
        assertTrue(first.getQueue().matches("amq\\.gen-[A-Za-z0-9_-]{22}"), first.getQueue());
        assertNotEquals(first.getQueue(), second.getQueue());
        assertEquals(first.getQueue(), channel.queueDeclarePassive(first.getQueue()).getQueue());
    }

    @Test
    void declareOkCountsReadyMessages() throws Exception {
        String queue = topology.queue("counted");
        AMQP.Queue.DeclareOk created = channel.queueDeclare(queue, false, false, false, null);
        assertEquals(0, created.getMessageCount());
        assertEquals(0, created.getConsumerCount());

        for (int i = 0; i < 3; i++) {
            channel.basicPublish("", queue, null, "m".getBytes(StandardCharsets.UTF_8));
        }
        roundTrip(channel);

        assertEquals(3, channel.queueDeclare(queue, false, false, false, null).getMessageCount());
        assertEquals(3, channel.queueDeclarePassive(queue).getMessageCount());
    }

    @Test
    void declareOkCountsConsumers() throws Exception {
        String queue = topology.queue("consumed");
        channel.queueDeclare(queue, false, false, false, null);
        Channel consumers = connection.createChannel();
        consumers.basicConsume(queue, true, (tag, delivery) -> { }, tag -> { });
        consumers.basicConsume(queue, true, (tag, delivery) -> { }, tag -> { });

        AMQP.Queue.DeclareOk redeclared = channel.queueDeclare(queue, false, false, false, null);

        assertEquals(2, redeclared.getConsumerCount());
        assertEquals(0, redeclared.getMessageCount());
        assertEquals(2, channel.queueDeclarePassive(queue).getConsumerCount());
    }

    @Test
    void passiveDeclareOfAMissingQueueIsNotFound() {
        String missing = Names.unique("missing");
        assertChannelError(404, "NOT_FOUND - no queue '" + missing + "' in vhost '/'",
                () -> channel.queueDeclarePassive(missing));
    }

    @Test
    void durableQueueIsDeclaredAndRedeclaredAsDurable() throws Exception {
        String queue = topology.queue("durable");
        assertEquals(queue, channel.queueDeclare(queue, true, false, false, null).getQueue());
        assertEquals(queue, channel.queueDeclare(queue, true, false, false, null).getQueue());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"amq.custom", "amq.gen-chosen-by-client", "amq."})
    void namesStartingWithAmqAreReserved(String prefix) {
        String queue = prefix + Names.unique("x");
        assertChannelError(403, "ACCESS_REFUSED - queue name '" + queue + "' contains reserved prefix 'amq.*'",
                () -> channel.queueDeclare(queue, false, true, true, null));
    }

    @Test
    void passiveDeclareOfAMissingAmqNameIsNotFoundRatherThanReserved() {
        String missing = "amq." + Names.unique("missing");
        assertChannelError(404, "NOT_FOUND - no queue '" + missing + "' in vhost '/'",
                () -> channel.queueDeclarePassive(missing));
    }

    @Test
    void nameOf255BytesIsAccepted() throws Exception {
        // 255 is the most a short string can carry, so longer names cannot even be encoded:
        // the Java client refuses them before sending.
        String suffix = Names.unique("long");
        String queue = "q".repeat(255 - suffix.length()) + suffix;

        assertEquals(queue, channel.queueDeclare(queue, false, true, true, null).getQueue());
    }

    @Test
    void carriageReturnsAndLineFeedsAreStrippedFromNames() throws Exception {
        String queue = Names.unique("stripped");

        String declared = channel.queueDeclare("line\r\n" + queue, false, true, true, null).getQueue();

        assertEquals("line" + queue, declared);
    }
}
