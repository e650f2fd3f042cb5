package io.warren.tests.ui;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.broker.tls.TlsOptions;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page of a connection made over TLS with a client certificate shows its TLS session (the
 * protocol version, key exchange, cipher and hash) and the certificate, as RabbitMQ's does.
 */
class TlsConnectionUiTest {
    @RegisterExtension
    static final TestCertificates certs = TestCertificates.temporary();
    @RegisterExtension
    static final WarrenExtension warren = WarrenExtension.builder().configure(b -> b.amqpsPort(0)
            .sslOptions(TlsOptions.of("ssl_options", certs.ca().certFile(), certs.server().certFile(),
                    certs.server().keyFile()).withVerifyPeer(true))).build();
    static WarrenServer server;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
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
            Console console = browser.logIn(URI.create("http://127.0.0.1:" + server.managementPort()), "guest", "guest");
            console.go("#/connections");
            console.click(By.cssSelector("#outlet table.data a.connection-link"));
            console.waitForText(By.id("connection-details"), clientName);

            assertEquals("yes", console.row("connection-details", "SSL"));
            console.visible(By.id("connection-tls"));
            assertEquals("tlsv1.3", console.row("connection-tls", "Protocol version"), "as RabbitMQ writes it");
            assertTrue(console.row("connection-tls", "Cipher").startsWith("aes_"), console.row("connection-tls", "Cipher"));
            assertTrue(console.row("connection-tls", "Peer certificate subject").contains("CN=ui-tls-client"));
            assertTrue(console.row("connection-tls", "Peer certificate issuer").contains("CN=Warren Test CA"));
            assertTrue(console.row("connection-tls", "Peer certificate validity").contains(" - "));
            browser.assertNoErrors(m -> false);
        }
    }
}
