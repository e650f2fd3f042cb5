package io.warren.tests.tls;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.broker.tls.TlsOptions;
import io.warren.junit5.EmbeddedWarren;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificates renew without a restart: a certificate and key replaced on disk are served to the
 * next connection within a few seconds, while a connection opened before keeps working. Files
 * caught half-written never reach a client: the previous certificate stays in use and the
 * problem, naming the setting and file, is reported; plaintext is never served.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CertificateReloadTest {
    @TempDir
    Path dir;

    @Test
    void aReplacedCertificateIsServedToTheNextConnectionWhileOpenOnesCarryOn() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        Path cert = dir.resolve("live-cert.pem");
        Path key = dir.resolve("live-key.pem");
        certs.server().installAs(cert, key);
        SSLContext client = certs.clientContext(null);
        try (EmbeddedWarren warren = WarrenExtension.builder().configure(b -> b
                .amqpsPort(0).sslOptions(TlsOptions.of("ssl_options", certs.ca().certFile(), cert, key))).start()) {
            WarrenServer server = warren.server();
            int port = server.amqpsPort();
            assertEquals(certs.server().serial(), TlsProbe.servedSerial(client, port));

            ConnectionFactory f = new ConnectionFactory();
            f.setHost("localhost");
            f.setPort(port);
            f.useSslProtocol(client);
            f.setAutomaticRecoveryEnabled(false);
            try (Connection open = f.newConnection(); Channel ch = open.createChannel()) {
                String q = ch.queueDeclare().getQueue();

                TestCertificates.Issued renewed = certs.newServer("renewed.localhost");
                renewed.installAs(cert, key);
                awaitServed(client, port, renewed.serial());
                assertEquals(renewed.subject(), TlsProbe.served(client, port).getSubjectX500Principal().getName());

                // The connection that shook hands with the old certificate carries on.
                ch.basicPublish("", q, null, "still here".getBytes(StandardCharsets.UTF_8));
                assertEquals("still here", new String(awaitGet(ch, q), StandardCharsets.UTF_8));
                assertNull(server.broker().amqpsTls().reloadProblem());

                // A renewal caught half-written: the certificate is cut short. The renewed one stays.
                TestCertificates.Issued next = certs.newServer("next.localhost");
                String pem = Files.readString(next.certFile());
                Files.writeString(cert, pem.substring(0, pem.length() / 2));
                awaitProblem(server);
                String problem = server.broker().amqpsTls().reloadProblem();
                assertTrue(problem.contains("ssl_options.certfile") && problem.contains(cert.toString()), problem);
                assertEquals(renewed.serial(), TlsProbe.servedSerial(client, port));
                assertTrue(TlsProbe.amqpAnswers(client, port));

                // The rest of the renewal lands: certificate and key together are served.
                next.installAs(cert, key);
                awaitServed(client, port, next.serial());
                assertNull(server.broker().amqpsTls().reloadProblem());
                assertTrue(open.isOpen());
            }
        }
    }

    private static void awaitServed(SSLContext client, int port, BigInteger serial) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        BigInteger served = null;
        while (System.nanoTime() < deadline) {
            served = TlsProbe.servedSerial(client, port);
            if (served.equals(serial)) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals(serial, served, "the renewed certificate was not served within 15 s");
    }

    private static void awaitProblem(WarrenServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (server.broker().amqpsTls().reloadProblem() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertNotNull(server.broker().amqpsTls().reloadProblem(), "no reload problem reported within 15 s");
    }

    private static byte[] awaitGet(Channel ch, String q) throws Exception {
        for (int i = 0; i < 100; i++) {
            var r = ch.basicGet(q, true);
            if (r != null) {
                return r.getBody();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no message on " + q);
    }
}
