package io.warren.tests.clients;

import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Node's amqplib closes a connection right after a burst of publishes: the broker must let the
 * client close the socket after close-ok, not reset it under frames still arriving
 * ({@code close-after-burst.js}). Skips where amqplib is not installed, except under
 * {@code CI=true}, as {@link ClientSmokeTest} does.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AmqplibCloseTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static final Path NODE = Path.of(System.getProperty("basedir", ".")).resolve("src/test/clients/node");
    private static final boolean CI = "true".equals(System.getenv("CI"));

    @RepeatedTest(3)
    void closeAfterABurstOfPublishesIsClean() throws Exception {
        requireAmqplib();

        ProcessOutcome outcome = ExternalProcess.run(
                List.of("node", "close-after-burst.js", broker.host(), Integer.toString(broker.port())), NODE,
                Duration.ofSeconds(60));

        assertTrue(outcome.succeeded() && outcome.output().contains("amqplib close: ok"),
                () -> "close-after-burst.js " + outcome.describe());
    }

    private static void requireAmqplib() throws InterruptedException {
        boolean installed;
        try {
            installed = ExternalProcess.run(List.of("node", "-e", "require.resolve('amqplib')"), NODE,
                    Duration.ofSeconds(20)).succeeded();
        } catch (IOException nodeMissing) {
            installed = false;
        }
        String missing = "Node amqplib is not installed here (.ci/run shows how to install it)";
        if (CI) {
            assertTrue(installed, missing);
        } else {
            assumeTrue(installed, missing);
        }
    }
}
