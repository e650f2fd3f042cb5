package io.warren.tests.tls;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.netty.handler.ssl.OpenSsl;
import io.warren.broker.Listener;
import io.warren.broker.tls.TlsOptions;
import io.warren.broker.tls.TlsProvider;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AMQP over TLS with RabbitMQ's minimal configuration (a certificate and key, no client
 * certificates): the RabbitMQ Java client logs in with PLAIN over TLS 1.2 and TLS 1.3 and moves a
 * message, beside a plain AMQP listener on its own port; the listener shows as amqp/ssl. Runs
 * with the default engine (OpenSSL, which this platform has); {@link AmqpsJdkEngineTest} runs the
 * same with {@code warren.ssl_provider = jdk}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmqpsTest {
    @RegisterExtension
    final TestCertificates certs = TestCertificates.temporary();
    /** One broker for the class (the instance is the class's): the engine comes from {@link #provider()}. */
    @RegisterExtension
    final WarrenExtension warren = WarrenExtension.builder().configure(b -> b.amqpsPort(0)
            .sslOptions(TlsOptions.of("ssl_options", certs.ca().certFile(), certs.server().certFile(),
                    certs.server().keyFile()).withProvider(provider()))).build();
    WarrenServer server;

    /** The engine asked for. */
    TlsProvider provider() {
        return TlsProvider.AUTO;
    }

    @Test
    void theListenerUsesTheAskedEngineAndOpenSslWhereItShips() {
        TlsProvider expected = provider() == TlsProvider.JDK ? TlsProvider.JDK : TlsProvider.OPENSSL;
        if (expected == TlsProvider.OPENSSL) {
            // The bundled BoringSSL is for linux-x86_64; elsewhere AUTO falls back to the JDK.
            Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                    && System.getProperty("os.arch").matches("amd64|x86_64"), "BoringSSL ships for linux-x86_64 only");
            assertTrue(OpenSsl.isAvailable(), "netty-tcnative does not load: " + OpenSsl.unavailabilityCause());
        }
        assertEquals(expected, server.broker().amqpsTls().engine());
    }

    private ConnectionFactory tlsFactory(String protocol) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("localhost");
        f.setPort(server.amqpsPort());
        f.useSslProtocol(certs.clientContext(null, protocol));
        f.enableHostnameVerification();
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void plainLoginOverTlsMovesAMessage(String protocol) throws Exception {
        try (Connection c = tlsFactory(protocol).newConnection(); Channel ch = c.createChannel()) {
            String q = ch.queueDeclare().getQueue();
            ch.basicPublish("", q, null, "over tls".getBytes(StandardCharsets.UTF_8));
            GetResponse r = null;
            for (int i = 0; i < 50 && r == null; i++) {
                r = ch.basicGet(q, true);
                if (r == null) {
                    Thread.sleep(20);
                }
            }
            assertNotNull(r);
            assertEquals("over tls", new String(r.getBody(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theServerPresentsItsCertificateAndNegotiatesTheAskedVersion() throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            try (SSLSocket s = (SSLSocket) certs.clientContext(null, protocol).getSocketFactory()
                    .createSocket("127.0.0.1", server.amqpsPort())) {
                s.startHandshake();
                assertEquals(protocol, s.getSession().getProtocol());
                assertEquals(certs.server().certificate(), s.getSession().getPeerCertificates()[0]);
            }
        }
    }

    @Test
    void plainAndTlsListenersServeSideBySide() throws Exception {
        assertNotEquals(server.amqpPort(), server.amqpsPort());
        ConnectionFactory plain = new ConnectionFactory();
        plain.setHost("127.0.0.1");
        plain.setPort(server.amqpPort());
        try (Connection c = plain.newConnection()) {
            assertTrue(c.isOpen());
        }
        List<String> protocols = server.broker().listeners().stream().map(Listener::protocol).toList();
        assertTrue(protocols.contains("amqp"), protocols.toString());
        assertTrue(protocols.contains("amqp/ssl"), protocols.toString());
    }

    @Test
    void aPlaintextClientOnTheTlsPortGetsNoAmqp() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(server.amqpsPort());
        f.setConnectionTimeout(5000);
        f.setHandshakeTimeout(5000);
        assertThrows(Exception.class, f::newConnection);
    }

    @Test
    void aClientThatDoesNotTrustTheServerIsRefused() {
        ConnectionFactory f = tlsFactory("TLSv1.3");
        // A context that trusts only the other CA.
        TestCertificates other = TestCertificates.create(certs.dir().resolve("other"));
        f.useSslProtocol(other.clientContext(null, "TLSv1.3"));
        Exception e = assertThrows(Exception.class, f::newConnection);
        assertTrue(hasCause(e, SSLHandshakeException.class), e.toString());
    }

    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
