package io.warren.tests.limits;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * max_message_size: a bigger message closes its channel with RabbitMQ's 406, the body is skipped
 * without being buffered, and the connection and messages accepted before it carry on.
 * Warren-only, since it needs a broker started with a small limit.
 */
class MaxMessageSizeTest {
    private static final int LIMIT = 1024;

    @RegisterExtension
    static WarrenExtension warren = WarrenExtension.builder().config("max_message_size", String.valueOf(LIMIT)).build();

    /** Set by the extension. */
    private static WarrenServer server;

    @Test
    void aMessageOverTheLimitClosesItsChannelOnly() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(server.amqpPort());
        // A small frame-max so the oversized body spans several frames that must all be skipped.
        f.setRequestedFrameMax(4096);
        try (Connection c = f.newConnection()) {
            Channel ch = c.createChannel();
            String q = ch.queueDeclare().getQueue();
            ch.confirmSelect();
            ch.basicPublish("", q, null, new byte[LIMIT]);
            ch.waitForConfirmsOrDie(5000);

            ch.basicPublish("", q, null, new byte[LIMIT * 10 + 1]);
            ShutdownSignalException closed = awaitClose(ch);
            AMQP.Channel.Close reason = (AMQP.Channel.Close) closed.getReason();
            assertEquals(406, reason.getReplyCode());
            assertEquals("PRECONDITION_FAILED - message size " + (LIMIT * 10 + 1)
                    + " is larger than configured max size " + LIMIT, reason.getReplyText());

            Channel next = c.createChannel();
            var got = next.basicGet(q, true);
            assertNotNull(got, "the message accepted before is still there");
            assertArrayEquals(new byte[LIMIT], got.getBody());
            assertEquals(0, next.queueDeclarePassive(q).getMessageCount());
        }
    }

    private static ShutdownSignalException awaitClose(Channel ch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ch.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(!ch.isOpen(), "channel closed by the broker");
        return assertThrows(ShutdownSignalException.class, () -> {
            throw ch.getCloseReason();
        });
    }
}
