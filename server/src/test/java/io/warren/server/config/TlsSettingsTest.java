package io.warren.server.config;

import io.warren.broker.tls.TlsOptions;
import io.warren.broker.tls.TlsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RabbitMQ's TLS keys in rabbitmq.conf: listeners.ssl.*, ssl_options.*, management.ssl.*, prometheus.ssl.*. */
class TlsSettingsTest {
    private static WarrenConfig parse(String text) {
        return ConfigLoader.parse(text, Map.of());
    }

    private static List<String> problems(String text) {
        return assertThrows(ConfigException.class, () -> parse(text)).problems();
    }

    @Test
    void noTlsByDefault() {
        WarrenConfig c = parse("");
        assertTrue(c.amqpsListeners().isEmpty());
        assertNull(c.sslOptions());
        assertEquals(5000, c.sslHandshakeTimeoutMs());
        assertEquals(-1, c.managementTlsPort());
        assertEquals(15672, c.managementPort());
        assertEquals(-1, c.prometheusTlsPort());
        assertEquals(15692, c.prometheusPort());
    }

    @Test
    void rabbitMqsAmqpsExampleIsRead() {
        WarrenConfig c = parse("""
                listeners.ssl.default = 5671
                listeners.ssl.local = 127.0.0.1:5681
                ssl_options.cacertfile = /etc/rabbitmq/ca_certificate.pem
                ssl_options.certfile = /etc/rabbitmq/server_certificate.pem
                ssl_options.keyfile = /etc/rabbitmq/server_key.pem
                ssl_options.password = bunnies
                ssl_options.verify = verify_peer
                ssl_options.fail_if_no_peer_cert = true
                ssl_options.depth = 2
                ssl_options.versions.1 = tlsv1.3
                ssl_options.versions.2 = tlsv1.2
                ssl_options.ciphers.10 = TLS_AES_128_GCM_SHA256
                ssl_options.ciphers.2 = ECDHE-ECDSA-AES256-GCM-SHA384
                ssl_options.honor_cipher_order = true
                ssl_handshake_timeout = 10000
                """);
        assertEquals(List.of(ListenAddress.anyInterface(5671), new ListenAddress("127.0.0.1", 5681)),
                c.amqpsListeners());
        TlsOptions o = c.sslOptions();
        assertEquals("ssl_options", o.prefix());
        assertEquals(Path.of("/etc/rabbitmq/ca_certificate.pem"), o.cacertfile());
        assertEquals(Path.of("/etc/rabbitmq/server_certificate.pem"), o.certfile());
        assertEquals(Path.of("/etc/rabbitmq/server_key.pem"), o.keyfile());
        assertEquals("bunnies", o.password());
        assertTrue(o.verifyPeer());
        assertTrue(o.failIfNoPeerCert());
        assertEquals(2, o.depth());
        assertEquals(List.of("tlsv1.3", "tlsv1.2"), o.versions());
        assertEquals(List.of("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_AES_128_GCM_SHA256"), o.ciphers(),
                "ciphers.2 comes before ciphers.10");
        assertTrue(o.honorCipherOrder());
        assertEquals(10000, c.sslHandshakeTimeoutMs());
        assertTrue(c.warnings().isEmpty(), c.warnings()::toString);
    }

    @Test
    void theTlsEngineIsAutoByDefaultAndWarrenSslProviderSetsItForEveryListener() {
        String tls = """
                listeners.ssl.default = 5671
                ssl_options.certfile = /etc/rabbitmq/server_certificate.pem
                ssl_options.keyfile = /etc/rabbitmq/server_key.pem
                management.ssl.port = 15671
                management.ssl.certfile = /etc/rabbitmq/server_certificate.pem
                management.ssl.keyfile = /etc/rabbitmq/server_key.pem
                prometheus.ssl.port = 15691
                prometheus.ssl.certfile = /etc/rabbitmq/server_certificate.pem
                prometheus.ssl.keyfile = /etc/rabbitmq/server_key.pem
                """;
        WarrenConfig auto = parse(tls);
        assertEquals(TlsProvider.AUTO, auto.sslOptions().provider());
        for (String value : List.of("jdk", "openssl", "auto")) {
            WarrenConfig c = parse("warren.ssl_provider = " + value + "\n" + tls);
            TlsProvider expected = TlsProvider.fromConfValue(value);
            assertEquals(expected, c.sslOptions().provider(), value);
            assertEquals(expected, c.managementTlsOptions().provider(), value);
            assertEquals(expected, c.prometheusTlsOptions().provider(), value);
            assertTrue(c.warnings().isEmpty(), c.warnings()::toString);
        }
    }

    @Test
    void relativePathsAreRelativeToTheWorkingDirectory() {
        WarrenConfig c = parse("listeners.ssl.default = 5671\nssl_options.certfile = certs/server.pem\n");
        assertEquals(Path.of("").toAbsolutePath().resolve("certs/server.pem"), c.sslOptions().certfile().toAbsolutePath());
    }

    @Test
    void listenersSslNoneDisablesThem() {
        WarrenConfig c = parse("listeners.ssl = none\nlisteners.ssl.default = 5671\n");
        assertTrue(c.amqpsListeners().isEmpty());
        assertEquals(1, c.warnings().size(), c.warnings()::toString);
    }

    @Test
    void sslOptionsWithoutAListenerAreNoticed() {
        WarrenConfig c = parse("ssl_options.certfile = /x.pem\n");
        assertTrue(c.amqpsListeners().isEmpty());
        assertTrue(c.warnings().get(0).contains("no AMQPS listener"), c.warnings()::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ssl_options.versions.1 = tlsv1.1       | tlsv1.1 is not supported: TLS versions before 1.2 are deprecated",
            "ssl_options.versions.1 = tlsv1         | tlsv1 is not supported",
            "management.ssl.versions.1 = sslv3      | sslv3 is not supported",
            "ssl_options.versions.1 = tlsv2         | unknown TLS version 'tlsv2'",
            "ssl_options.verify = verify_maybe      | must be verify_peer or verify_none, was verify_maybe",
            "ssl_options.fail_if_no_peer_cert = yes | 'yes' is not true or false",
            "ssl_options.depth = -1                 | -1 is out of range",
            "ssl_options.depth = 101                | 101 is out of range",
            "listeners.ssl.default = 70000          | '70000' is not a port",
            "management.ssl.port = x                | 'x' is not a port",
            "prometheus.ssl.ip = localhost          | 'localhost' is not an IP address",
            "ssl_handshake_timeout = soon           | 'soon' is not a whole number",
            "ssl_options.certfile =                 | expected a value after '='",
    })
    void badValuesNameTheirKey(String line, String reason) {
        List<String> problems = problems("heartbeat = 30\n" + line + "\n");
        String key = line.substring(0, line.indexOf(' '));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("<config>:2: " + key + ": "), problems.get(0));
        assertTrue(problems.get(0).contains(reason), problems.get(0));
    }

    @Test
    void managementSslAloneReplacesTheHttpListenerAsInRabbitMq() {
        WarrenConfig c = parse("""
                management.ssl.certfile = /c.pem
                management.ssl.keyfile = /k.pem
                """);
        assertEquals(15671, c.managementTlsPort(), "RabbitMQ's default management TLS port");
        assertEquals(-1, c.managementPort(), "no management.tcp.* key: no plain HTTP listener");
        assertEquals("management.ssl", c.managementTlsOptions().prefix());
        assertFalse(c.managementTlsOptions().verifyPeer());
    }

    @Test
    void managementTcpAndSslGiveBothListeners() {
        WarrenConfig c = parse("""
                management.tcp.port = 15672
                management.ssl.port = 15671
                management.ssl.ip = 127.0.0.1
                management.ssl.certfile = /c.pem
                management.ssl.keyfile = /k.pem
                management.ssl.verify = verify_peer
                management.ssl.cacertfile = /ca.pem
                """);
        assertEquals(15672, c.managementPort());
        assertEquals(15671, c.managementTlsPort());
        assertEquals("127.0.0.1", c.managementTlsHost());
        assertTrue(c.managementTlsOptions().verifyPeer());
        assertEquals(Path.of("/ca.pem"), c.managementTlsOptions().cacertfile());
    }

    @Test
    void prometheusSslWorksLikeManagementSsl() {
        WarrenConfig alone = parse("prometheus.ssl.certfile = /c.pem\nprometheus.ssl.keyfile = /k.pem\n");
        assertEquals(15691, alone.prometheusTlsPort(), "rabbitmq_prometheus's default TLS port");
        assertEquals(-1, alone.prometheusPort());
        WarrenConfig both = parse("prometheus.tcp.port = 15692\nprometheus.ssl.port = 15691\n"
                + "prometheus.ssl.certfile = /c.pem\nprometheus.ssl.keyfile = /k.pem\n");
        assertEquals(15692, both.prometheusPort());
        assertEquals(15691, both.prometheusTlsPort());
        assertEquals("prometheus.ssl", both.prometheusTlsOptions().prefix());
    }

    @Test
    void warrenAmqpsPortMovesTheListenersOrOpensOne() {
        WarrenConfig moved = ConfigLoader.parse("listeners.ssl.local = 127.0.0.1:5671\nssl_options.certfile = /c.pem\n",
                Map.of("WARREN_AMQPS_PORT", "6671"));
        assertEquals(List.of(new ListenAddress("127.0.0.1", 6671)), moved.amqpsListeners());
        WarrenConfig opened = ConfigLoader.parse("ssl_options.certfile = /c.pem\n", Map.of("WARREN_AMQPS_PORT", "6671"));
        assertEquals(List.of(ListenAddress.anyInterface(6671)), opened.amqpsListeners());
        assertEquals(Path.of("/c.pem"), opened.sslOptions().certfile(), "the file's ssl_options apply");
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("", Map.of("WARREN_AMQPS_PORT", "x")));
    }

    @Test
    void aMisspelledTlsKeyGetsASuggestion() {
        List<String> problems = problems("ssl_options.certfil = /c.pem\n");
        assertTrue(problems.get(0).contains("did you mean ssl_options.certfile"), problems.get(0));
    }
}
