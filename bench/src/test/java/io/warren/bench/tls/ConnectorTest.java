package io.warren.bench.tls;

import io.warren.bench.cli.UsageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load tool's TLS set-up against a bare TLS server in the test (no broker): the server
 * completes the TLS handshake, notes what was negotiated and hangs up, so the client's AMQP
 * handshake fails after its TLS handshake did what the options asked. Certificates come from
 * the JDK's keytool: a CA, a server certificate it signed for the name localhost only, and a
 * second CA that signed nothing.
 */
@Timeout(60)
class ConnectorTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static Path caFile;
    private static Path otherCaFile;
    private static SSLContext serverContext;

    private SSLServerSocket server;
    private Thread acceptor;
    private final BlockingQueue<Object> seen = new LinkedBlockingQueue<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        caFile = dir.resolve("ca.pem");
        otherCaFile = dir.resolve("other-ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=other CA", "-ext", "bc:c", "-validity", "2", "-keystore", "other-ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "other-ca.p12", "-file", "other-ca.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-validity", "2", "-keystore", "server.p12");
        keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile",
                "server.pem", "-rfc", "-ext", "san=dns:localhost", "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "server.p12");
        keytool("-importcert", "-alias", "server", "-file", "server.pem", "-keystore", "server.p12");

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> command = new ArrayList<>(List.of(java.resolveSibling("keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "keytool hangs: " + command);
        assertEquals(0, process.exitValue(), "keytool failed: " + command + "\n" + output);
    }

    /** Accepts connections until closed; for each, puts the server's session or the handshake's failure in {@link #seen}. */
    private int startServer() throws IOException {
        server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    try {
                        socket.startHandshake();
                        seen.add(socket.getSession());
                    } catch (IOException e) {
                        seen.add(e);
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }, "tls-test-server");
        acceptor.start();
        return server.getLocalPort();
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
            acceptor.join(10_000);
        }
    }

    /** Opens one connection, which fails after TLS because the server speaks no AMQP; returns what the server saw. */
    private Object attempt(Connector connector) throws Exception {
        assertThrows(Exception.class, () -> connector.factory().newConnection().close());
        Object result = seen.poll(20, TimeUnit.SECONDS);
        assertTrue(result != null, "the server saw no connection");
        return result;
    }

    /** Opens one connection and expects the client to refuse the server's certificate. */
    private void refused(Connector connector, String why) throws Exception {
        Exception e = assertThrows(Exception.class, () -> connector.factory().newConnection().close());
        Throwable cause = e;
        while (cause != null && !(cause instanceof SSLHandshakeException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, why + ": the client failed otherwise: " + e);
        Object server = seen.poll(20, TimeUnit.SECONDS);
        assertTrue(server instanceof Exception, why + ": the server saw " + server);
    }

    private static URI uri(String host, int port) {
        return URI.create("amqps://guest:guest@" + host + ":" + port);
    }

    @Test
    void offersOnlyTheVersionAskedForAndReportsWhatWasNegotiated() throws Exception {
        int port = startServer();
        for (TlsOptions.TlsVersion version : TlsOptions.TlsVersion.values()) {
            Connector connector = Connector.create(uri("localhost", port),
                    new TlsOptions(caFile, version, List.of(), false));

            SSLSession session = (SSLSession) attempt(connector);

            String expected = version == TlsOptions.TlsVersion.TLS12 ? "TLSv1.2" : "TLSv1.3";
            assertEquals(expected, session.getProtocol(), version.toString());
            assertEquals(expected + " " + session.getCipherSuite(), connector.lastSession());
        }
    }

    @Test
    void offersOnlyTheCipherSuitesAskedFor() throws Exception {
        int port = startServer();
        for (String suite : List.of("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384")) {
            Connector connector = Connector.create(uri("localhost", port),
                    new TlsOptions(caFile, TlsOptions.TlsVersion.TLS13, List.of(suite), false));

            assertEquals(suite, ((SSLSession) attempt(connector)).getCipherSuite());
        }
    }

    @Test
    void withACaFileTheChainAndTheHostNameAreChecked() throws Exception {
        int port = startServer();

        refused(Connector.create(uri("localhost", port), new TlsOptions(otherCaFile, TlsOptions.TlsVersion.ANY,
                List.of(), false)), "a certificate from another CA");
        // The certificate names localhost, not the address.
        refused(Connector.create(uri("127.0.0.1", port),
                new TlsOptions(caFile, TlsOptions.TlsVersion.ANY, List.of(), false)), "another host name");
        assertTrue(attempt(Connector.create(uri("localhost", port), new TlsOptions(caFile,
                TlsOptions.TlsVersion.ANY, List.of(), false))) instanceof SSLSession, "the right CA and name");
        assertTrue(attempt(Connector.create(uri("127.0.0.1", port), TlsOptions.DEFAULT)) instanceof SSLSession,
                "without a CA file any certificate is accepted");
    }

    @Test
    void handshakesAreFullUnlessResumptionIsAskedFor() throws Exception {
        int port = startServer();
        TlsOptions tls12 = new TlsOptions(caFile, TlsOptions.TlsVersion.TLS12, List.of(), false);

        Connector full = Connector.create(uri("localhost", port), tls12);
        assertNotEquals(sessionId(attempt(full)), sessionId(attempt(full)), "a new session each time");

        Connector resuming = Connector.create(uri("localhost", port), tls12.withResume(true));
        String first = sessionId(attempt(resuming));
        assertEquals(first, sessionId(attempt(resuming)), "the first session resumed");
    }

    @Test
    void plainUrisStayPlainAndRefuseTlsOptions() throws Exception {
        Connector plain = Connector.create(URI.create("amqp://guest:guest@localhost:5"), TlsOptions.DEFAULT);
        assertEquals("", plain.lastSession());
        assertEquals(false, plain.factory().isSSL());

        UsageException e = assertThrows(UsageException.class, () -> Connector.create(
                URI.create("amqp://localhost"), new TlsOptions(caFile, TlsOptions.TlsVersion.ANY, List.of(), false)));
        assertTrue(e.getMessage().contains("need an amqps:// URI"), e.getMessage());
    }

    @Test
    void anAmqpsUriWithoutAPortUses5671() throws Exception {
        Connector connector = Connector.create(URI.create("amqps://guest:guest@localhost"), TlsOptions.DEFAULT);

        assertEquals(5671, connector.factory().getPort());
        assertTrue(connector.factory().isSSL());
    }

    @Test
    void aCaFileWithoutCertificatesIsAUsageError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        UsageException e = assertThrows(UsageException.class, () -> Connector.create(URI.create("amqps://localhost"),
                new TlsOptions(empty, TlsOptions.TlsVersion.ANY, List.of(), false)));
        assertTrue(e.getMessage().startsWith("--ca " + empty), e.getMessage());
    }

    private static String sessionId(Object session) {
        assertTrue(session instanceof SSLSession, "handshake failed: " + session);
        return HexFormat.of().formatHex(((SSLSession) session).getId());
    }
}
