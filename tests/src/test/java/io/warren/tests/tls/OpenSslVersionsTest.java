package io.warren.tests.tls;

import io.warren.broker.tls.TlsOptions;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * OpenSSL's s_client as an independent client: the AMQPS listener completes TLS 1.2 and TLS 1.3
 * handshakes with a certificate that verifies against the test CA, and refuses TLS 1.0 and 1.1
 * with a protocol_version alert. The old versions are offered at OpenSSL security level 0, so
 * that it is the broker that refuses them, not the client's own policy. Skipped without openssl.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenSslVersionsTest {
    @RegisterExtension
    static final TestCertificates certs = TestCertificates.temporary();
    @RegisterExtension
    static final WarrenExtension warren = WarrenExtension.builder().configure(b -> b.amqpsPort(0)
            .sslOptions(TlsOptions.of("ssl_options", certs.ca().certFile(), certs.server().certFile(),
                    certs.server().keyFile()))).build();
    static WarrenServer server;

    @BeforeAll
    static void requireOpenSsl() {
        assumeTrue(openSslAvailable(), "openssl is not installed");
    }

    @ParameterizedTest
    @CsvSource({"-tls1_2, TLSv1.2", "-tls1_3, TLSv1.3"})
    void currentVersionsAreAccepted(String flag, String protocol) throws Exception {
        Result r = sClient(flag);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("Protocol  : " + protocol) || r.output().contains(", " + protocol + ","),
                r.output());
        assertTrue(r.output().contains("Verify return code: 0 (ok)"), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1", "-tls1_1"})
    void oldVersionsAreRefusedByTheBroker(String flag) throws Exception {
        Result r = sClient(flag);
        assertNotEquals(0, r.exit(), r.output());
        // The client did offer the version (its own policy did not stop it) and the broker said no.
        assertFalse(r.output().contains("no protocols available"), r.output());
        assertTrue(r.output().contains("alert protocol version") || r.output().contains("unsupported protocol"),
                r.output());
        assertFalse(r.output().contains("BEGIN CERTIFICATE") || r.output().contains("Server certificate"), r.output());
    }

    private static Result sClient(String versionFlag) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.amqpsPort(),
                "-servername", "localhost", "-CAfile", certs.ca().certFile().toString(), "-verify_return_error",
                versionFlag));
        if (versionFlag.equals("-tls1") || versionFlag.equals("-tls1_1")) {
            cmd.addAll(List.of("-cipher", "DEFAULT@SECLEVEL=0"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("openssl s_client " + versionFlag + " did not finish in 30 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static boolean openSslAvailable() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Result(int exit, String output) {}
}
