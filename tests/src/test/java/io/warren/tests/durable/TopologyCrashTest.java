package io.warren.tests.durable;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 while durable queues are being declared: every queue whose declare-ok reached the
 * client exists after the restart, with its arguments, and so does its binding. Runs Warren as
 * a separate process and kills it at a random moment, several times over one data directory.
 */
class TopologyCrashTest {
    private static final int KILLS = 3;

    @TempDir
    Path dataDir;
    @TempDir
    Path logDir;

    @Test
    void everyAcknowledgedDeclarationSurvivesSigkill() throws Exception {
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        int next = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            try (WarrenProcess warren = WarrenProcess.start(dataDir, logDir.resolve("warren.log"))) {
                assertAllPresent(warren, acknowledged);
                int from = next;
                Thread declarer = new Thread(() -> declareUntilKilled(warren, from, acknowledged));
                declarer.start();
                Thread.sleep(ThreadLocalRandom.current().nextLong(150, 600));
                warren.kill();
                declarer.join(10_000);
                next = from + 100_000;
            }
        }
        assertTrue(acknowledged.size() > KILLS, "declarations were acknowledged before the kills: " + acknowledged.size());
        try (WarrenProcess warren = WarrenProcess.start(dataDir, logDir.resolve("warren.log"))) {
            assertAllPresent(warren, acknowledged);
        }
    }

    private static void declareUntilKilled(WarrenProcess warren, int from, List<String> acknowledged) {
        try (Connection c = warren.connect()) {
            Channel ch = c.createChannel();
            ch.exchangeDeclare("crash.x", "direct", true);
            for (int i = from; ; i++) {
                String q = "crash.q" + i;
                // x-max-length from 1: the probe after a restart publishes one message to the
                // last queue, and a limit of 0 would drop it.
                ch.queueDeclare(q, true, false, false, Map.of("x-max-length", i + 1));
                ch.queueBind(q, "crash.x", q);
                acknowledged.add(q); // both oks arrived: the broker promised both
            }
        } catch (Exception expected) {
            // The broker was killed.
        }
    }

    private static void assertAllPresent(WarrenProcess warren, List<String> queues) throws Exception {
        List<String> snapshot;
        synchronized (queues) {
            snapshot = new ArrayList<>(queues);
        }
        try (Connection c = warren.connect()) {
            Channel ch = c.createChannel();
            for (String q : snapshot) {
                int n = Integer.parseInt(q.substring("crash.q".length()));
                try {
                    // Same arguments (same type): accepted only if the queue came back as declared.
                    ch.queueDeclare(q, true, false, false, Map.of("x-max-length", n + 1));
                } catch (IOException e) {
                    throw new AssertionError("queue " + q + " was acknowledged but did not survive: " + e.getCause());
                }
            }
            String probe = snapshot.isEmpty() ? null : snapshot.get(snapshot.size() - 1);
            if (probe != null) {
                ch.basicPublish("crash.x", probe, null, new byte[] {1});
                assertEquals(1, ch.queueDeclarePassive(probe).getMessageCount(), "binding of " + probe + " survived");
                ch.queuePurge(probe);
            }
        }
    }
}
