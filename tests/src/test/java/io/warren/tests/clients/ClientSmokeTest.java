package io.warren.tests.clients;

import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs each {@link SmokeClient}'s script against the broker: connect as guest, declare, publish,
 * consume, ack. A client that is not installed skips its case, except under {@code CI=true},
 * where {@code .ci/run} has installed every one and a missing client is a failure.
 */
class ClientSmokeTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static final Path CLIENTS = Path.of(System.getProperty("basedir", ".")).resolve("src/test/clients");
    private static final boolean CI = "true".equals(System.getenv("CI"));
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    // The scripts give up on a delivery after 10 s; this is only for a client that hangs before that.
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0}")
    @EnumSource(SmokeClient.class)
    void clientRoundTripsAMessageAsGuest(SmokeClient client) throws Exception {
        requireInstalled(client);

        ProcessOutcome outcome = run(client, broker.host(), broker.port());

        assertTrue(outcome.succeeded(), () -> client + " smoke script " + outcome.describe());
        // Exit 0 alone would also pass a script that stopped early without saying why.
        assertTrue(outcome.output().contains("smoke: ok"), () -> client + " did not report ok:\n" + outcome.output());
    }

    /** Keeps the first test honest: a script must not exit 0 when there is no broker to talk to. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SmokeClient.class)
    void clientScriptFailsWithoutABroker(SmokeClient client) throws Exception {
        requireInstalled(client);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ProcessOutcome outcome = run(client, "127.0.0.1", closedPort);

        assertFalse(outcome.succeeded(), () -> client + " smoke script passed with no broker: " + outcome.describe());
    }

    private static void requireInstalled(SmokeClient client) throws InterruptedException {
        String missing = client + " is not installed here (.ci/run shows how to install it)";
        if (CI) {
            assertTrue(isInstalled(client), missing);
        } else {
            assumeTrue(isInstalled(client), missing);
        }
    }

    private static boolean isInstalled(SmokeClient client) throws InterruptedException {
        try {
            return ExternalProcess.run(client.installedProbe(), CLIENTS.resolve(client.directory()), PROBE_TIMEOUT)
                    .succeeded();
        } catch (IOException interpreterMissing) {
            return false;
        }
    }

    private static ProcessOutcome run(SmokeClient client, String host, int port)
            throws IOException, InterruptedException {
        return ExternalProcess.run(client.smokeCommand(host, port), CLIENTS.resolve(client.directory()), SCRIPT_TIMEOUT);
    }
}
