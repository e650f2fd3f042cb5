package io.warren.tests.tls;

import io.netty.handler.ssl.OpenSsl;
import io.warren.broker.tls.ServerTls;
import io.warren.broker.tls.TlsConfigException;
import io.warren.broker.tls.TlsOptions;
import io.warren.broker.tls.TlsProvider;
import io.warren.junit5.EmbeddedWarren;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ssl_options.ciphers} limits what is negotiated, for TLS 1.2 and TLS 1.3 suites, with
 * either engine: the JDK client offers its whole default list, with the configured suites last.
 * BoringSSL cannot leave out TLS 1.3 suites, so such a list gets the JDK's engine under
 * {@code warren.ssl_provider = auto} and is refused when openssl is forced.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsCiphersTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"AUTO", "JDK"})
    void onlyTheConfiguredSuitesAreNegotiated(TlsProvider provider) throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        TlsOptions options = TlsOptions.of("ssl_options", null, certs.server().certFile(), certs.server().keyFile())
                .withCiphers(List.of("TLS_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"))
                .withProvider(provider);
        try (EmbeddedWarren warren = WarrenExtension.builder().configure(b -> b
                .amqpsPort(0).sslOptions(options)).start()) {
            WarrenServer server = warren.server();
            assertEquals("TLS_AES_128_GCM_SHA256", negotiated(certs, server, "TLSv1.3"));
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", negotiated(certs, server, "TLSv1.2"));
        }
    }

    /**
     * As in RabbitMQ, the default suites all have forward secrecy: plain RSA key exchange, which
     * both engines would allow, is refused. Needs an RSA certificate, made with openssl.
     */
    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"AUTO", "JDK"})
    void theDefaultSuitesAllHaveForwardSecrecy(TlsProvider provider) throws Exception {
        Path cert = dir.resolve("rsa-cert.pem");
        Path key = dir.resolve("rsa-key.pem");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                    "-out", cert.toString(), "-subj", "/CN=localhost", "-days", "2").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("openssl is not installed");
            return;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, Files.readString(dir.resolve("openssl.log")));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLSv1.2");
        client.init(null, tmf.getTrustManagers(), null);
        TlsOptions options = TlsOptions.of("ssl_options", null, cert, key).withProvider(provider);
        try (EmbeddedWarren warren = WarrenExtension.builder().configure(b -> b
                .amqpsPort(0).sslOptions(options)).start()) {
            WarrenServer server = warren.server();
            assertEquals("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                    offering(client, server, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));
            for (String plainRsa : List.of("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256")) {
                assertThrows(SSLHandshakeException.class, () -> offering(client, server, plainRsa), plainRsa);
            }
        }
    }

    private static String offering(SSLContext client, WarrenServer server, String suite) throws Exception {
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.amqpsPort())) {
            s.setEnabledCipherSuites(new String[] {suite});
            s.startHandshake();
            return s.getSession().getCipherSuite();
        }
    }

    /** Naming every TLS 1.3 suite keeps OpenSSL, which still limits the TLS 1.2 ones. */
    @Test
    void openSslLimitsTls12SuitesWhenEveryTls13SuiteIsNamed() throws Exception {
        Assumptions.assumeTrue(OpenSsl.isAvailable(), "no OpenSSL on this platform");
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        TlsOptions options = TlsOptions.of("ssl_options", null, certs.server().certFile(), certs.server().keyFile())
                .withCiphers(List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                        "ECDHE-ECDSA-AES128-GCM-SHA256"));
        try (EmbeddedWarren warren = WarrenExtension.builder().configure(b -> b
                .amqpsPort(0).sslOptions(options)).start()) {
            WarrenServer server = warren.server();
            assertEquals(TlsProvider.OPENSSL, server.broker().amqpsTls().engine());
            assertTrue(negotiated(certs, server, "TLSv1.3").startsWith("TLS_"));
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", negotiated(certs, server, "TLSv1.2"));
        }
    }

    /** The JDK client puts AES-256 before AES-128; with honor_cipher_order the server's order wins. */
    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"AUTO", "JDK"})
    void honorCipherOrderLetsTheServersOrderWin(TlsProvider provider) throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        TlsOptions o = TlsOptions.of("ssl_options", null, certs.server().certFile(), certs.server().keyFile());
        List<String> ciphers = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384");
        for (boolean honor : List.of(true, false)) {
            TlsOptions options = new TlsOptions(o.prefix(), o.cacertfile(), o.certfile(), o.keyfile(), null, false,
                    false, o.depth(), List.of(), ciphers, honor, provider);
            try (EmbeddedWarren warren = WarrenExtension.builder().configure(b -> b.amqpsPort(0).sslOptions(options)).start()) {
                WarrenServer server = warren.server();
                assertEquals(honor ? "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" : "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                        negotiated(certs, server, "TLSv1.2"), "honor_cipher_order = " + honor);
            }
        }
    }

    @Test
    void forcedOpenSslRefusesCiphersItCannotHonour() {
        Assumptions.assumeTrue(OpenSsl.isAvailable(), "no OpenSSL on this platform");
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> ServerTls.validate(
                TlsOptions.of("ssl_options", null, certs.server().certFile(), certs.server().keyFile())
                        .withCiphers(List.of("TLS_AES_128_GCM_SHA256")).withProvider(TlsProvider.OPENSSL)));
        assertEquals("ssl_options.ciphers", e.setting());
        assertTrue(e.getMessage().contains("TLS_AES_256_GCM_SHA384") && e.getMessage().contains("warren.ssl_provider"),
                e.getMessage());
        // With TLS 1.2 only there are no TLS 1.3 suites to honour.
        ServerTls.validate(TlsOptions.of("ssl_options", null, certs.server().certFile(), certs.server().keyFile())
                .withCiphers(List.of("ECDHE-ECDSA-AES128-GCM-SHA256")).withVersions(List.of("tlsv1.2"))
                .withProvider(TlsProvider.OPENSSL));
    }

    private static String negotiated(TestCertificates certs, WarrenServer server, String protocol) throws Exception {
        try (SSLSocket s = (SSLSocket) certs.clientContext(null, protocol).getSocketFactory()
                .createSocket("127.0.0.1", server.amqpsPort())) {
            s.startHandshake();
            assertEquals(protocol, s.getSession().getProtocol());
            return s.getSession().getCipherSuite();
        }
    }
}
