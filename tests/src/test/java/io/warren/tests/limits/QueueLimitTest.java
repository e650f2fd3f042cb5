package io.warren.tests.limits;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.tests.management.Api;
import io.warren.tests.management.ApiResponse;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A vhost's {@code max-queues}, as RabbitMQ enforces it at queue.declare of a new queue. */
@ExtendWith(TestBroker.class)
class QueueLimitTest {
    private LimitsRig rig;
    private Connection connection;

    @BeforeEach
    void open(TestBroker broker) throws Exception {
        rig = LimitsRig.open(broker);
        connection = rig.connect();
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private String refusal(String queue, long limit) {
        return "PRECONDITION_FAILED - cannot declare queue '" + queue + "': queue limit in vhost '" + rig.vhost()
                + "' (" + limit + ") is reached";
    }

    private void declare(String queue) throws Exception {
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare(queue, false, false, false, null);
        }
    }

    @Test
    void aNewQueueBeyondTheLimitIsRefusedButExistingOnesMayBeDeclaredAgain() throws Exception {
        rig.vhostLimit("max-queues", 2);
        declare("q1");
        declare("q2");
        Channel ch = connection.createChannel();
        AMQP.Channel.Close close = assertChannelError(406, refusal("q3", 2),
                () -> ch.queueDeclare("q3", false, false, false, null));
        assertEquals(50, close.getClassId());
        assertEquals(10, close.getMethodId());
        declare("q1");
        try (Channel passive = connection.createChannel()) {
            passive.queueDeclarePassive("q2");
        }
    }

    @Test
    void serverNamedAndExclusiveQueuesCount() throws Exception {
        rig.vhostLimit("max-queues", 2);
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare();
            ch.queueDeclare("excl", false, true, false, null);
        }
        Channel named = connection.createChannel();
        IOException refused = assertThrows(IOException.class, named::queueDeclare);
        ShutdownSignalException signal = assertInstanceOf(ShutdownSignalException.class, refused.getCause());
        AMQP.Channel.Close close = assertInstanceOf(AMQP.Channel.Close.class, signal.getReason());
        assertEquals(406, close.getReplyCode());
        assertTrue(close.getReplyText().matches("PRECONDITION_FAILED - cannot declare queue 'amq\\.gen-[\\w-]{22}': "
                + "queue limit in vhost '" + rig.vhost().replace(".", "\\.") + "' \\(2\\) is reached"),
                close::getReplyText);
    }

    @Test
    void zeroAllowsNoNewQueue() throws Exception {
        rig.vhostLimit("max-queues", 0);
        Channel ch = connection.createChannel();
        assertChannelError(406, refusal("q", 0), () -> ch.queueDeclare("q", true, false, false, null));
    }

    @Test
    void aDeletedQueueGivesItsPlaceBack() throws Exception {
        rig.vhostLimit("max-queues", 1);
        declare("q1");
        try (Channel ch = connection.createChannel()) {
            ch.queueDelete("q1");
        }
        declare("q2");
    }

    @Test
    void aLoweredLimitDeletesNothingAndAppliesToLaterDeclares() throws Exception {
        declare("q1");
        declare("q2");
        rig.vhostLimit("max-queues", 1);
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclarePassive("q1");
            ch.queueDeclarePassive("q2");
        }
        Channel ch = connection.createChannel();
        assertChannelError(406, refusal("q3", 1), () -> ch.queueDeclare("q3", false, false, false, null));
        rig.clearVhostLimit("max-queues");
        declare("q3");
    }

    @Test
    void theManagementApiAnswers400ForANewQueueAndDeclaresAnExistingOne() throws Exception {
        rig.vhostLimit("max-queues", 1);
        declare("q1");
        ApiResponse refused = rig.api().put(Api.path("queues", rig.vhost(), "q2"), Map.of("durable", false));
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("bad_request", refused.error());
        assertEquals("cannot declare queue 'q2': queue limit in vhost '" + rig.vhost() + "' (1) is reached",
                refused.reason());
        ApiResponse existing = rig.api().put(Api.path("queues", rig.vhost(), "q1"), Map.of("durable", false));
        assertEquals(204, existing.status(), existing::toString);
    }

    @Test
    void aDefinitionsImportThatWouldPassTheLimitImportsNothing() throws Exception {
        rig.vhostLimit("max-queues", 2);
        declare("q1");
        Map<String, Object> definitions = Map.of("queues", List.of(queue("q1"), queue("d1"), queue("d2")),
                "exchanges", List.of(), "bindings", List.of(), "policies", List.of());

        ApiResponse refused = rig.api().post(Api.path("definitions", rig.vhost()), definitions);

        assertEquals(400, refused.status(), refused::toString);
        assertEquals("bad_request", refused.error());
        assertEquals("Adding 2 queue(s) to virtual host \"" + rig.vhost() + "\" would exceed the limit of 2 queue(s)."
                + "\n\nThis virtual host currently has 1 queue(s) defined.\n\nImport aborted!", refused.reason());
        assertEquals(404, rig.api().get(Api.path("queues", rig.vhost(), "d1")).status());

        rig.vhostLimit("max-queues", 3);
        assertEquals(204, rig.api().post(Api.path("definitions", rig.vhost()),
                Map.of("queues", List.of(queue("q1"), queue("d1")))).status());
        assertEquals(200, rig.api().get(Api.path("queues", rig.vhost(), "d1")).status());
    }

    private static Map<String, Object> queue(String name) {
        return Map.of("name", name, "durable", true, "auto_delete", false, "arguments", Map.of());
    }
}
