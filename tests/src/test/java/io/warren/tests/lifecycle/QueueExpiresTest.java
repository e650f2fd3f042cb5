package io.warren.tests.lifecycle;

import com.rabbitmq.client.DefaultConsumer;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.warren.tests.connection.BrokerState.queueExists;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** x-expires: a queue nobody uses deletes itself, without dead-lettering what it held. */
class QueueExpiresTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private Rig rig;

    @BeforeEach
    void open() throws Exception {
        rig = new Rig(broker);
    }

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    @Test
    void anUnusedQueueIsDeletedAndItsMessagesAreNotDeadLettered() throws Exception {
        String dlq = rig.queue("dlq", null);
        String queue = rig.queue("q", Map.of("x-expires", 100,
                "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        rig.publish(queue, "m1");
        assertTrue(queueExists(rig.connection(), queue));

        awaitDeleted(queue, 100);
        Thread.sleep(50);
        rig.assertCount(0, dlq);
    }

    @Test
    void aConsumerKeepsTheQueueAliveUntilItLeaves() throws Exception {
        String queue = rig.queue("q", Map.of("x-expires", 100));
        String tag = rig.channel().basicConsume(queue, true, new DefaultConsumer(rig.channel()));

        Thread.sleep(300);
        assertTrue(queueExists(rig.connection(), queue), "deleted while it had a consumer");
        rig.channel().basicCancel(tag);
        awaitDeleted(queue, 100);
    }

    @Test
    void redeclaringRestartsTheCountdown() throws Exception {
        Map<String, Object> args = Map.of("x-expires", 300);
        String queue = rig.queue("q", args);
        for (int i = 0; i < 6; i++) {
            Thread.sleep(100);
            rig.channel().queueDeclare(queue, false, false, false, args);
        }
        assertTrue(queueExists(rig.connection(), queue), "deleted though declared every 100 ms");
        awaitDeleted(queue, 300);
    }

    @Test
    void basicGetRestartsTheCountdown() throws Exception {
        String queue = rig.queue("q", Map.of("x-expires", 300));
        for (int i = 0; i < 6; i++) {
            Thread.sleep(100);
            rig.channel().basicGet(queue, true);
        }
        assertTrue(queueExists(rig.connection(), queue), "deleted though read every 100 ms");
        awaitDeleted(queue, 300);
    }

    /**
     * Waits for the queue to delete itself. Asking whether it exists is a passive declare, which
     * counts as a use and restarts the countdown (in RabbitMQ too), so the checks are spaced
     * wider than {@code expiresMs}.
     */
    private void awaitDeleted(String queue, long expiresMs) throws InterruptedException {
        long deadline = System.nanoTime() + Rig.PATIENCE.toNanos();
        do {
            Thread.sleep(expiresMs * 2);
            if (!queueExists(rig.connection(), queue)) {
                return;
            }
        } while (System.nanoTime() < deadline);
        fail("queue " + queue + " still exists after " + Rig.PATIENCE);
    }
}
