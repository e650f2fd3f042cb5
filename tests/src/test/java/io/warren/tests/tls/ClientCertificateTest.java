package io.warren.tests.tls;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.broker.tls.TlsOptions;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLContext;
import java.util.List;
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
    @RegisterExtension
    static final TestCertificates certs = TestCertificates.temporary();
    /** verify_peer, fail_if_no_peer_cert = true, depth 1. */
    @RegisterExtension
    static final WarrenExtension strictNode = tlsOnly(options().withVerifyPeer(true).withDepth(1));
    /** verify_peer, fail_if_no_peer_cert = false, depth 0. */
    @RegisterExtension
    static final WarrenExtension lenientNode = tlsOnly(options().withVerifyPeer(false).withDepth(0));

    private static TlsOptions options() {
        return TlsOptions.of("ssl_options", certs.ca().certFile(), certs.server().certFile(), certs.server().keyFile());
    }

    private static WarrenExtension tlsOnly(TlsOptions options) {
        return WarrenExtension.builder().configure(b -> b.amqpListeners(List.of()).amqpsPort(0).sslOptions(options))
                .build();
    }

    private static WarrenServer strict() {
        return strictNode.warren().server();
    }

    private static WarrenServer lenient() {
        return lenientNode.warren().server();
    }

    @Test
    void aTrustedClientCertificateGetsInAndLogsInWithPlain() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("localhost");
        f.setPort(strict().amqpsPort());
        f.useSslProtocol(certs.clientContext(certs.client("guest")));
        f.setAutomaticRecoveryEnabled(false);
        try (Connection c = f.newConnection()) {
            assertTrue(c.isOpen());
        }
    }

    @Test
    void aCertificateFromAnUntrustedCaIsRefused() {
        SSLContext untrusted = certs.clientContext(certs.untrustedClient("guest"));
        assertFalse(TlsProbe.amqpAnswers(untrusted, strict().amqpsPort()));
        assertFalse(TlsProbe.amqpAnswers(untrusted, lenient().amqpsPort()));

        ConnectionFactory f = new ConnectionFactory();
        f.setHost("localhost");
        f.setPort(strict().amqpsPort());
        f.useSslProtocol(untrusted);
        f.setAutomaticRecoveryEnabled(false);
        assertThrows(Exception.class, f::newConnection);
    }

    @Test
    void noCertificateIsRefusedOnlyWithFailIfNoPeerCert() {
        SSLContext anonymous = certs.clientContext(null);
        assertFalse(TlsProbe.amqpAnswers(anonymous, strict().amqpsPort()));
        assertTrue(TlsProbe.amqpAnswers(anonymous, lenient().amqpsPort()));
    }

    @Test
    void anExpiredCertificateIsRefused() {
        SSLContext expired = certs.clientContext(certs.expiredClient("guest"));
        assertFalse(TlsProbe.amqpAnswers(expired, strict().amqpsPort()));
        assertFalse(TlsProbe.amqpAnswers(expired, lenient().amqpsPort()));
    }

    @Test
    void depthLimitsTheIntermediatesBetweenTheClientAndTheTrustedCa() {
        TestCertificates.Authority intermediate = certs.ca().intermediate("intermediate-ca",
                "CN=Intermediate Test CA,O=" + TestCertificates.ORGANISATION);
        SSLContext chained = certs.clientContext(intermediate.issueClient("chained-client", "CN=chained,O=Warren Tests"));
        assertTrue(TlsProbe.amqpAnswers(chained, strict().amqpsPort()), "depth 1 allows one intermediate");
        assertFalse(TlsProbe.amqpAnswers(chained, lenient().amqpsPort()), "depth 0 allows none");
        assertTrue(TlsProbe.amqpAnswers(certs.clientContext(certs.client("direct")), lenient().amqpsPort()),
                "depth 0 allows a certificate signed by the trusted CA itself");
    }
}
