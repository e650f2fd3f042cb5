package io.warren.tests.tls;

import io.warren.broker.tls.ServerTls;
import io.warren.broker.tls.TlsConfigException;
import io.warren.broker.tls.TlsOptions;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestCertificates;
import io.warren.tests.support.TestConfigs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TLS configuration that cannot work stops the start with an error naming the setting and the
 * file; nothing is bound (no plaintext fallback). Most cases check the options directly
 * ({@link ServerTls#validate}, what the start runs first); one starts a server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsConfigurationTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.create(dir.resolve("certs"));
    }

    private static TlsOptions good() {
        return TlsOptions.of("ssl_options", certs.ca().certFile(), certs.server().certFile(), certs.server().keyFile());
    }

    private static TlsConfigException refused(TlsOptions options) {
        return assertThrows(TlsConfigException.class, () -> ServerTls.validate(options));
    }

    @Test
    void theMinimalConfigurationIsAccepted() {
        ServerTls.validate(good());
        ServerTls.validate(good().withVerifyPeer(true).withVersions(List.of("tlsv1.3")));
    }

    @Test
    void aMissingCertificateFileIsNamed() {
        Path missing = dir.resolve("nope.pem");
        TlsConfigException e = refused(TlsOptions.of("ssl_options", null, missing, certs.server().keyFile()));
        assertEquals("ssl_options.certfile", e.setting());
        assertEquals(missing, e.file());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void anUnreadableKeyFileIsNamed() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root reads any file");
        Path key = Files.copy(certs.server().keyFile(), dir.resolve("unreadable-key.pem"));
        assertTrue(key.toFile().setReadable(false, false));
        TlsConfigException e = refused(TlsOptions.of("ssl_options", null, certs.server().certFile(), key));
        assertEquals("ssl_options.keyfile", e.setting());
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    }

    @Test
    void aFileThatIsNotPemIsNamed() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "this is not a certificate\n");
        TlsConfigException e = refused(TlsOptions.of("ssl_options", junk, certs.server().certFile(),
                certs.server().keyFile()));
        assertEquals("ssl_options.cacertfile", e.setting());
        assertEquals(junk, e.file());
        assertTrue(e.getMessage().contains("not a PEM file"), e.getMessage());
    }

    @Test
    void aKeyFileWithoutAKeyIsNamed() {
        TlsConfigException e = refused(TlsOptions.of("ssl_options", null, certs.server().certFile(),
                certs.server().certFile()));
        assertEquals("ssl_options.keyfile", e.setting());
        assertTrue(e.getMessage().contains("no PEM private key"), e.getMessage());
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefused() {
        TestCertificates.Issued other = certs.client("someone");
        TlsConfigException e = refused(TlsOptions.of("management.ssl", null, certs.server().certFile(), other.keyFile()));
        assertEquals("management.ssl.keyfile", e.setting());
        assertTrue(e.getMessage().contains("does not match the certificate"), e.getMessage());
    }

    @Test
    void anEncryptedKeyNeedsTheRightPassword() {
        Path encrypted = certs.server().encryptedKeyFile("s3cret");
        TlsOptions options = TlsOptions.of("ssl_options", null, certs.server().certFile(), encrypted);
        ServerTls.validate(options.withPassword("s3cret"));

        TlsConfigException wrong = refused(options.withPassword("guess"));
        assertEquals("ssl_options.keyfile", wrong.setting());
        assertTrue(wrong.getMessage().contains("wrong ssl_options.password"), wrong.getMessage());

        TlsConfigException none = refused(options);
        assertTrue(none.getMessage().contains("ssl_options.password is not set"), none.getMessage());
    }

    @Test
    void verifyPeerNeedsACaFile() {
        TlsConfigException e = refused(TlsOptions.of("ssl_options", null, certs.server().certFile(),
                certs.server().keyFile()).withVerifyPeer(true));
        assertEquals("ssl_options.cacertfile", e.setting());
    }

    @Test
    void failIfNoPeerCertWithoutVerifyPeerIsRefused() {
        TlsOptions o = good();
        TlsConfigException e = refused(new TlsOptions(o.prefix(), o.cacertfile(), o.certfile(), o.keyfile(), null,
                false, true, 10, List.of(), List.of(), false));
        assertEquals("ssl_options.fail_if_no_peer_cert", e.setting());
    }

    @Test
    void versionsBeforeTls12AreRefusedAndSaySo() {
        for (String v : List.of("tlsv1", "tlsv1.1", "sslv3")) {
            TlsConfigException e = refused(good().withVersions(List.of("tlsv1.2", v)));
            assertEquals("ssl_options.versions", e.setting());
            assertTrue(e.getMessage().contains("not supported"), e.getMessage());
        }
        assertEquals("ssl_options.versions", refused(good().withVersions(List.of("tlsv9"))).setting());
    }

    @Test
    void ciphersByOpenSslOrIanaNameAreAcceptedAndUnknownOnesRefused() {
        ServerTls.validate(good().withCiphers(List.of("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_AES_128_GCM_SHA256")));
        TlsConfigException e = refused(good().withCiphers(List.of("NO-SUCH-CIPHER")));
        assertEquals("ssl_options.ciphers", e.setting());
        assertTrue(e.getMessage().contains("NO-SUCH-CIPHER"), e.getMessage());
    }

    @Test
    void aBrokenConfigurationStopsTheStartAndBindsNothing() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path missingKey = dir.resolve("missing-key.pem");
        Path data = dir.resolve("broken-start");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> WarrenServer.start(
                TestConfigs.ephemeralPorts().amqpPort(port).dataDir(data).amqpsPort(0)
                        .sslOptions(TlsOptions.of("ssl_options", null, certs.server().certFile(), missingKey)).build()));
        assertEquals("ssl_options.keyfile", e.setting());
        assertEquals(missingKey, e.file());
        assertFalse(Files.exists(data), "the start stopped before touching the data directory");
        // The plain listener was not bound either: the port is still free.
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(port));
        }
    }

    @Test
    void anHttpsListenerWithoutACertificateStopsTheStart() {
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> WarrenServer.start(
                TestConfigs.ephemeralPorts().dataDir(dir.resolve("no-cert"))
                        .managementTls(0, TlsOptions.of("management.ssl", null, null, null)).build()));
        assertEquals("management.ssl.certfile", e.setting());
    }
}
