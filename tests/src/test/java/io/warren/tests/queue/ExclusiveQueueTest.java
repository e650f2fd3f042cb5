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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static io.warren.tests.connection.BrokerState.queueExists;
import static io.warren.tests.connection.Eventually.assertEventually;
import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Exclusive queues belong to the connection that declared them and die with it. */
class ExclusiveQueueTest {
    private static final String LOCKED = "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '%s' in"
            + " vhost '/'. It could be originally declared on another connection or the exclusive property value"
            + " does not match that of the original declaration.";

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private Connection owner;
    private Connection other;
    private String queue;

    @BeforeEach
    void declare() throws Exception {
        owner = broker.connect();
        other = broker.connect();
        queue = Names.unique("exclusive");
        owner.createChannel().queueDeclare(queue, false, true, false, null);
    }

    @AfterEach
    void close() {
        owner.abort();
        other.abort();
    }

    static Stream<Arguments> useFromAnotherConnection() {
        return Stream.of(
                arguments("passive declare", (QueueUse) (ch, q) -> ch.queueDeclarePassive(q)),
                arguments("exclusive declare", (QueueUse) (ch, q) -> ch.queueDeclare(q, false, true, false, null)),
                arguments("shared declare", (QueueUse) (ch, q) -> ch.queueDeclare(q, false, false, false, null)),
                arguments("basic.consume", (QueueUse) (ch, q) -> ch.basicConsume(q, true, (t, d) -> { }, t -> { })),
                arguments("basic.get", (QueueUse) (ch, q) -> ch.basicGet(q, true)),
                arguments("queue.purge", (QueueUse) (ch, q) -> ch.queuePurge(q)),
                arguments("queue.delete", (QueueUse) (ch, q) -> ch.queueDelete(q)),
                arguments("queue.bind", (QueueUse) (ch, q) -> ch.queueBind(q, "amq.direct", q)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("useFromAnotherConnection")
    void anotherConnectionIsLockedOut(String operation, QueueUse use) throws Exception {
        Channel channel = other.createChannel();

        assertChannelError(405, LOCKED.formatted(queue), () -> use.run(channel, queue));
        assertEquals(queue, owner.createChannel().queueDeclarePassive(queue).getQueue());
    }

    @Test
    void everyChannelOfTheOwningConnectionMayUseIt() throws Exception {
        Channel declaring = owner.createChannel();
        declaring.basicPublish("", queue, null, "mine".getBytes(StandardCharsets.UTF_8));
        declaring.close();

        var response = owner.createChannel().basicGet(queue, true);
        assertNotNull(response, "message lost");
        assertEquals("mine", new String(response.getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void queueIsDeletedWhenItsConnectionCloses() throws Exception {
        owner.close();

        assertEventually("exclusive queue deleted", () -> !queueExists(other, queue));
    }

    @Test
    void queueOutlivesTheChannelThatDeclaredIt() throws Exception {
        Channel declaring = owner.createChannel();
        String second = declaring.queueDeclare("", false, true, false, null).getQueue();
        declaring.close();

        assertEquals(second, owner.createChannel().queueDeclarePassive(second).getQueue());
    }

    /** Something a client does with a queue. */
    @FunctionalInterface
    interface QueueUse {
        void run(Channel channel, String queue) throws Exception;
    }
}
