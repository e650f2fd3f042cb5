package io.warren.tests.tls;

import io.warren.broker.tls.TlsOptions;
import io.warren.junit5.EmbeddedWarren;
import io.warren.junit5.WarrenExtension;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client that connects to the AMQPS port and never finishes the TLS handshake is closed:
 * by {@code ssl_handshake_timeout} on its own, and by {@code handshake_timeout} (armed at accept,
 * so it covers the TLS handshake too) when the TLS timeout is off.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsHandshakeTimeoutTest {
    @TempDir
    Path dir;

    @Test
    void sslHandshakeTimeoutClosesASilentClient() throws IOException {
        assertSilentClientClosed(300, 0);
    }

    @Test
    void handshakeTimeoutCoversTheTlsHandshake() throws IOException {
        assertSilentClientClosed(0, 300);
    }

    private void assertSilentClientClosed(long sslHandshakeTimeoutMs, long handshakeTimeoutMs) throws IOException {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        try (EmbeddedWarren warren = WarrenExtension.builder().configure(b -> b
                .amqpsPort(0).sslHandshakeTimeoutMs(sslHandshakeTimeoutMs).handshakeTimeoutMs(handshakeTimeoutMs)
                .sslOptions(TlsOptions.of("ssl_options", null, certs.server().certFile(), certs.server().keyFile())))
                .start();
             Socket silent = new Socket("127.0.0.1", warren.server().amqpsPort())) {
            silent.setSoTimeout(30_000);
            int read;
            try {
                read = silent.getInputStream().read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertEquals(-1, read, "the broker closed the connection");
        }
    }
}
