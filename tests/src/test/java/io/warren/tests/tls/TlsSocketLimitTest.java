package io.warren.tests.tls;

import io.warren.broker.tls.TlsOptions;
import io.warren.junit5.EmbeddedWarren;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AMQPS sockets count against {@code ranch_connection_max} with the plain ones: at the limit a
 * new TLS client waits unanswered in the listen backlog (its handshake gets no reply) until a
 * socket closes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsSocketLimitTest {
    @TempDir
    Path dir;

    @Test
    void tlsSocketsCountAgainstTheSocketLimit() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        SSLContext client = certs.clientContext(null);
        try (EmbeddedWarren warren = WarrenExtension.builder().configure(b -> b
                .maxSockets(2).handshakeTimeoutMs(0).amqpsPort(0)
                .sslOptions(TlsOptions.of("ssl_options", null, certs.server().certFile(), certs.server().keyFile())))
                .start()) {
            WarrenServer server = warren.server();
            int port = server.amqpsPort();
            SSLSocket first = handshake(client, port);
            SSLSocket second = handshake(client, port);
            assertEquals(2, server.broker().socketsOpen());

            SSLSocket waiting = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port);
            waiting.setSoTimeout(1000);
            assertThrows(SocketTimeoutException.class, waiting::startHandshake, "accepted beyond the limit");
            waiting.close();

            first.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            SSLSocket next = null;
            while (next == null && System.nanoTime() < deadline) {
                try {
                    next = handshake(client, port);
                } catch (IOException stillFull) {
                    Thread.sleep(100);
                }
            }
            assertTrue(next != null, "a TLS client got in once a socket closed");
            next.close();
            second.close();
        }
    }

    private static SSLSocket handshake(SSLContext client, int port) throws IOException {
        SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(2000);
        try {
            s.startHandshake();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }
}
