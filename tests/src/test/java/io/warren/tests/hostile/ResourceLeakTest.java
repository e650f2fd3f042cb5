package io.warren.tests.hostile;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Hostile and abandoned connections leave nothing behind in the broker: no connection state, no
 * threads, no exclusive queues. Warren-only, since it looks at the server's own state.
 */
class ResourceLeakTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @Test
    void garbageHalfHandshakesAndDroppedClientsLeaveNoConnectionsOrThreads() throws Exception {
        assumeFalse(broker.isExternal());
        warmUp();
        int threadsBefore = Thread.activeCount();

        for (int i = 0; i < 50; i++) {
            try (Socket s = new Socket(broker.host(), broker.port())) {
                OutputStream out = s.getOutputStream();
                switch (i % 3) {
                    case 0 -> out.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    case 1 -> out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1, 1, 0, 0});
                    default -> out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
                }
                out.flush();
            }
        }
        for (int i = 0; i < 20; i++) {
            Connection c = broker.connect();
            Channel ch = c.createChannel();
            String q = ch.queueDeclare("", false, true, false, null).getQueue();
            ch.basicPublish("", q, null, new byte[1024]);
            ch.basicConsume(q, false, (tag, d) -> { }, tag -> { });
            c.abort();
        }

        assertEventually(() -> broker.server().broker().connections().isEmpty(), "every connection is released");
        assertEventually(() -> broker.server().broker().vhosts().get("/").queues().stream()
                .noneMatch(q -> q.definition().exclusive()), "exclusive queues of closed connections are deleted");
        // The client's own reader threads end asynchronously after abort(), hence eventually.
        assertEventually(() -> Thread.activeCount() <= threadsBefore,
                "threads back to " + threadsBefore + " (the broker's event loops are all started)");

        try (Connection c = broker.connect()) {
            Channel ch = c.createChannel();
            String q = ch.queueDeclare().getQueue();
            ch.basicPublish("", q, null, "still here".getBytes(StandardCharsets.UTF_8));
            assertEquals("still here", new String(ch.basicGet(q, true).getBody(), StandardCharsets.UTF_8));
        }
    }

    private static void warmUp() throws Exception {
        // The event loops start their threads lazily; let them all exist before counting.
        for (int i = 0; i < 4; i++) {
            broker.connect().close();
        }
    }

    private static void assertEventually(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
