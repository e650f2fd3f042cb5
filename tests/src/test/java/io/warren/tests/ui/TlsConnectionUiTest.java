package io.warren.tests.ui;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.broker.tls.TlsOptions;
import io.warren.server.WarrenServer;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestCertificates;
import io.warren.tests.support.TestConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page of a connection made over TLS with a client certificate shows its TLS session (the
 * protocol version, key exchange, cipher and hash) and the certificate, as RabbitMQ's does.
 */
class TlsConnectionUiTest {
    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static WarrenServer server;
    private static WebDriver driver;

    @BeforeAll
    static void start() {
        assumeTrue(HeadlessChromium.installed(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        certs = TestCertificates.create(dir.resolve("certs"));
        TlsOptions options = TlsOptions.of("ssl_options", certs.ca().certFile(), certs.server().certFile(),
                certs.server().keyFile()).withVerifyPeer(true);
        server = WarrenServer.start(TestConfigs.ephemeralPorts().dataDir(dir.resolve("data")).amqpsPort(0)
                .sslOptions(options).build());
        driver = HeadlessChromium.start(dir);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theConnectionPageShowsTheTlsSessionAndTheClientCertificate() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("localhost");
        f.setPort(server.amqpsPort());
        f.useSslProtocol(certs.clientContext(certs.client("ui-tls-client"), "TLSv1.3"));
        f.setAutomaticRecoveryEnabled(false);
        String clientName = Names.unique("ui-tls");
        try (Connection connection = f.newConnection(clientName)) {
            Console console = new Console(driver, URI.create("http://127.0.0.1:" + server.managementPort()));
            console.logIn("guest", "guest");
            console.visible(By.id("signed-in-user"));
            console.go("#/connections");
            console.click(By.cssSelector("#outlet table.data a.connection-link"));
            console.waitForText(By.id("connection-details"), clientName);

            assertEquals("yes", row(console, "connection-details", "SSL"));
            console.visible(By.id("connection-tls"));
            assertEquals("tlsv1.3", row(console, "connection-tls", "Protocol version"), "as RabbitMQ writes it");
            assertTrue(row(console, "connection-tls", "Cipher").startsWith("aes_"), row(console, "connection-tls", "Cipher"));
            assertTrue(row(console, "connection-tls", "Peer certificate subject").contains("CN=ui-tls-client"));
            assertTrue(row(console, "connection-tls", "Peer certificate issuer").contains("CN=Warren Test CA"));
            assertTrue(row(console, "connection-tls", "Peer certificate validity").contains(" - "));
            List<String> errors = BrowserLog.errors(driver, m -> false);
            assertTrue(errors.isEmpty(), String.join("\n", errors));
        }
    }

    private static String row(Console console, String table, String key) {
        return console.text(By.xpath("//div[@id='" + table + "']//tr[th='" + key + "']/td"));
    }
}
