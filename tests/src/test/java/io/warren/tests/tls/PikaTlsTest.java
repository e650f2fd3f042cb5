package io.warren.tests.tls;

import io.warren.broker.sasl.AuthMechanism;
import io.warren.broker.tls.TlsOptions;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.clients.ExternalProcess;
import io.warren.tests.clients.ProcessOutcome;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Python's pika over AMQPS with {@code ssl_options} (src/test/clients/python/tls_smoke.py): PLAIN
 * as guest without a client certificate, and EXTERNAL with pika's ExternalCredentials and a client
 * certificate, each round-tripping a message; EXTERNAL for a certificate naming no user fails
 * the script. Skipped where Debian's python3-pika is not installed, except under {@code CI=true}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PikaTlsTest {
    private static final Path SCRIPTS = Path.of(System.getProperty("basedir", ".")).resolve("src/test/clients/python");
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final TestCertificates certs = TestCertificates.temporary();
    @RegisterExtension
    static final WarrenExtension warren = WarrenExtension.builder().configure(b -> b.amqpsPort(0)
            .sslOptions(TlsOptions.of("ssl_options", certs.ca().certFile(), certs.server().certFile(),
                    certs.server().keyFile()).withVerifyPeer(false))
            .authMechanisms(List.of(AuthMechanism.EXTERNAL, AuthMechanism.PLAIN, AuthMechanism.AMQPLAIN))).build();
    static WarrenServer server;

    @Test
    void plainLoginWithSslOptionsRoundTripsAMessage() throws Exception {
        ProcessOutcome outcome = run("plain", "guest", "guest");
        assertTrue(outcome.succeeded(), outcome::describe);
        assertTrue(outcome.output().contains("pika tls smoke: ok (plain)"), outcome::describe);
    }

    @Test
    void externalLoginWithAClientCertificateRoundTripsAMessage() throws Exception {
        TestCertificates.Issued client = certs.client("pika-user");
        TlsManagement.createUser(server, client.subject());
        ProcessOutcome outcome = run("external", client.certFile().toString(), client.keyFile().toString());
        assertTrue(outcome.succeeded(), outcome::describe);
        assertTrue(outcome.output().contains("pika tls smoke: ok (external)"), outcome::describe);
    }

    /** Keeps the two above honest: the script fails when the broker refuses the login. */
    @Test
    void externalLoginForACertificateNamingNoUserFails() throws Exception {
        TestCertificates.Issued stranger = certs.client("pika-stranger");
        ProcessOutcome outcome = run("external", stranger.certFile().toString(), stranger.keyFile().toString());
        assertFalse(outcome.succeeded(), outcome::describe);
        assertFalse(outcome.output().contains("pika tls smoke: ok"), outcome::describe);
        assertTrue(outcome.output().contains("ACCESS_REFUSED - Login was refused using authentication mechanism EXTERNAL"),
                outcome::describe);
    }

    private static ProcessOutcome run(String mode, String... rest) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "tls_smoke.py", "127.0.0.1",
                Integer.toString(server.amqpsPort()), certs.ca().certFile().toString(), mode));
        command.addAll(List.of(rest));
        return ExternalProcess.run(command, SCRIPTS, SCRIPT_TIMEOUT);
    }

    @BeforeAll
    static void requirePika() throws InterruptedException {
        boolean installed;
        try {
            installed = ExternalProcess.run(List.of(PYTHON, "-c", "import pika, ssl"), SCRIPTS, Duration.ofSeconds(20))
                    .succeeded();
        } catch (IOException noPython) {
            installed = false;
        }
        String missing = "python3-pika is not installed here (.ci/run shows how to install it)";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(installed, missing);
        } else {
            assumeTrue(installed, missing);
        }
    }
}
