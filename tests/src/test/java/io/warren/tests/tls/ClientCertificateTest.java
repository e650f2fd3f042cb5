package io.warren.tests.tls;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.broker.tls.TlsOptions;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestCertificates;
import io.warren.tests.support.TestConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client certificates checked as Erlang's ssl checks them for RabbitMQ: with {@code verify_peer}
 * and {@code fail_if_no_peer_cert = true} only a client with a certificate from {@code cacertfile}'s
 * CAs gets in; without {@code fail_if_no_peer_cert} a client may also come without one; an
 * untrusted, expired or too deeply chained certificate is refused in both cases.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientCertificateTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    /** verify_peer, fail_if_no_peer_cert = true, depth 1. */
    static WarrenServer strict;
    /** verify_peer, fail_if_no_peer_cert = false, depth 0. */
    static WarrenServer lenient;

    @BeforeAll
    static void start() {
        certs = TestCertificates.create(dir.resolve("certs"));
        TlsOptions options = TlsOptions.of("ssl_options", certs.ca().certFile(), certs.server().certFile(),
                certs.server().keyFile());
        strict = WarrenServer.start(TestConfigs.ephemeralPorts().amqpListeners(java.util.List.of())
                .dataDir(dir.resolve("strict")).amqpsPort(0).sslOptions(options.withVerifyPeer(true).withDepth(1)).build());
        lenient = WarrenServer.start(TestConfigs.ephemeralPorts().amqpListeners(java.util.List.of())
                .dataDir(dir.resolve("lenient")).amqpsPort(0).sslOptions(options.withVerifyPeer(false).withDepth(0))
                .build());
    }

    @AfterAll
    static void stop() {
        if (strict != null) {
            strict.close();
        }
        if (lenient != null) {
            lenient.close();
        }
    }

    @Test
    void aTrustedClientCertificateGetsInAndLogsInWithPlain() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("localhost");
        f.setPort(strict.amqpsPort());
        f.useSslProtocol(certs.clientContext(certs.client("guest")));
        f.setAutomaticRecoveryEnabled(false);
        try (Connection c = f.newConnection()) {
            assertTrue(c.isOpen());
        }
    }

    @Test
    void aCertificateFromAnUntrustedCaIsRefused() {
        SSLContext untrusted = certs.clientContext(certs.untrustedClient("guest"));
        assertFalse(TlsProbe.amqpAnswers(untrusted, strict.amqpsPort()));
        assertFalse(TlsProbe.amqpAnswers(untrusted, lenient.amqpsPort()));

        ConnectionFactory f = new ConnectionFactory();
        f.setHost("localhost");
        f.setPort(strict.amqpsPort());
        f.useSslProtocol(untrusted);
        f.setAutomaticRecoveryEnabled(false);
        assertThrows(Exception.class, f::newConnection);
    }

    @Test
    void noCertificateIsRefusedOnlyWithFailIfNoPeerCert() {
        SSLContext anonymous = certs.clientContext(null);
        assertFalse(TlsProbe.amqpAnswers(anonymous, strict.amqpsPort()));
        assertTrue(TlsProbe.amqpAnswers(anonymous, lenient.amqpsPort()));
    }

    @Test
    void anExpiredCertificateIsRefused() {
        SSLContext expired = certs.clientContext(certs.expiredClient("guest"));
        assertFalse(TlsProbe.amqpAnswers(expired, strict.amqpsPort()));
        assertFalse(TlsProbe.amqpAnswers(expired, lenient.amqpsPort()));
    }

    @Test
    void depthLimitsTheIntermediatesBetweenTheClientAndTheTrustedCa() {
        TestCertificates.Authority intermediate = certs.ca().intermediate("intermediate-ca",
                "CN=Intermediate Test CA,O=" + TestCertificates.ORGANISATION);
        SSLContext chained = certs.clientContext(intermediate.issueClient("chained-client", "CN=chained,O=Warren Tests"));
        assertTrue(TlsProbe.amqpAnswers(chained, strict.amqpsPort()), "depth 1 allows one intermediate");
        assertFalse(TlsProbe.amqpAnswers(chained, lenient.amqpsPort()), "depth 0 allows none");
        assertTrue(TlsProbe.amqpAnswers(certs.clientContext(certs.client("direct")), lenient.amqpsPort()),
                "depth 0 allows a certificate signed by the trusted CA itself");
    }
}
