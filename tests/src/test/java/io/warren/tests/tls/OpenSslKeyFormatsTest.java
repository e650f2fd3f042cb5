package io.warren.tests.tls;

import io.warren.broker.tls.ServerTls;
import io.warren.broker.tls.TlsConfigException;
import io.warren.broker.tls.TlsOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keys as OpenSSL writes them, the way most RabbitMQ installations got theirs (tls-gen, openssl
 * req): RSA and EC in PKCS#8, PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}) and
 * encrypted PKCS#8 are read; OpenSSL's legacy encrypted PEM is refused with the command that
 * converts it. Skipped without openssl.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenSslKeyFormatsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void needsOpenSsl() {
        assumeTrue(run("openssl", "version"), "openssl is not installed");
    }

    private static boolean run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile()).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void openssl(String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        assertTrue(run(cmd.toArray(new String[0])), String.join(" ", cmd) + ": "
                + Files.readString(dir.resolve("openssl.log")));
    }

    private static TlsOptions options(String cert, String key) {
        return TlsOptions.of("ssl_options", null, dir.resolve(cert), dir.resolve(key));
    }

    @Test
    void rsaKeysInEveryUsualFormat() throws IOException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa-pkcs8.pem", "-out", "rsa-cert.pem",
                "-subj", "/CN=localhost", "-days", "2");
        openssl("rsa", "-in", "rsa-pkcs8.pem", "-traditional", "-out", "rsa-pkcs1.pem");
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "rsa-pkcs8.pem", "-passout", "pass:bunnies",
                "-out", "rsa-encrypted.pem");
        openssl("rsa", "-in", "rsa-pkcs8.pem", "-traditional", "-aes256", "-passout", "pass:bunnies",
                "-out", "rsa-legacy.pem");
        assertTrue(Files.readString(dir.resolve("rsa-pkcs1.pem")).contains("BEGIN RSA PRIVATE KEY"));

        ServerTls.validate(options("rsa-cert.pem", "rsa-pkcs8.pem"));
        ServerTls.validate(options("rsa-cert.pem", "rsa-pkcs1.pem"));
        ServerTls.validate(options("rsa-cert.pem", "rsa-encrypted.pem").withPassword("bunnies"));
        TlsConfigException legacy = assertThrows(TlsConfigException.class,
                () -> ServerTls.validate(options("rsa-cert.pem", "rsa-legacy.pem").withPassword("bunnies")));
        assertEquals("ssl_options.keyfile", legacy.setting());
        assertTrue(legacy.getMessage().contains("openssl pkcs8 -topk8"), legacy.getMessage());
    }

    @Test
    void ecKeysInPkcs8AndSec1() throws IOException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ec-pkcs8.pem", "-out", "ec-cert.pem", "-subj", "/CN=localhost", "-days", "2");
        openssl("ec", "-in", "ec-pkcs8.pem", "-out", "ec-sec1.pem");
        assertTrue(Files.readString(dir.resolve("ec-sec1.pem")).contains("BEGIN EC PRIVATE KEY"));

        ServerTls.validate(options("ec-cert.pem", "ec-pkcs8.pem"));
        ServerTls.validate(options("ec-cert.pem", "ec-sec1.pem"));
    }
}
