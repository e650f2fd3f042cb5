package io.warren.tests.tls;

import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The management API and the Prometheus endpoint over HTTPS, configured as in RabbitMQ's
 * rabbitmq.conf: {@code management.ssl.*} beside {@code management.tcp.port} gives both an HTTP and
 * an HTTPS listener; {@code prometheus.ssl.*} alone gives only HTTPS, as RabbitMQ does. The node
 * lists its listeners under RabbitMQ's protocol names.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpsTest {
    @RegisterExtension
    static final TestCertificates certs = TestCertificates.temporary();
    static final String ca = certs.ca().certFile().toString();
    static final String cert = certs.server().certFile().toString();
    static final String key = certs.server().keyFile().toString();
    @RegisterExtension
    static final WarrenExtension warren = WarrenExtension.builder()
            .config("listeners.tcp.default", "127.0.0.1:0")
            .config("listeners.ssl.default", "127.0.0.1:0")
            .config("ssl_options.cacertfile", ca)
            .config("ssl_options.certfile", cert)
            .config("ssl_options.keyfile", key)
            .config("management.tcp.port", "0")
            .config("management.tcp.ip", "127.0.0.1")
            .config("management.ssl.port", "0")
            .config("management.ssl.ip", "127.0.0.1")
            .config("management.ssl.cacertfile", ca)
            .config("management.ssl.certfile", cert)
            .config("management.ssl.keyfile", key)
            .config("prometheus.ssl.port", "0")
            .config("prometheus.ssl.ip", "127.0.0.1")
            .config("prometheus.ssl.certfile", cert)
            .config("prometheus.ssl.keyfile", key)
            .config("prometheus.ssl.versions.1", "tlsv1.3")
            .build();
    static final HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext(null))
            .connectTimeout(Duration.ofSeconds(10)).build();
    static WarrenServer server;

    private static HttpResponse<String> get(String url) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "guest:guest".getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theManagementApiAnswersOverHttpsAndListsTheListenersAsRabbitMqNamesThem() throws Exception {
        HttpResponse<String> r = get("https://localhost:" + server.managementTlsPort() + "/api/overview");
        assertEquals(200, r.statusCode(), r.body());
        String body = r.body().replace(" ", "");
        for (String protocol : new String[] {"\"amqp\"", "\"amqp/ssl\"", "\"http\"", "\"https\"", "\"https/prometheus\""}) {
            assertTrue(body.contains("\"protocol\":" + protocol), protocol + " missing from " + body);
        }
        assertFalse(body.contains("\"protocol\":\"http/prometheus\""), body);
    }

    @Test
    void plainHttpStaysBesideHttpsWhenManagementTcpIsSet() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.managementPort() + "/api/overview"))
                .header("Authorization", "Basic Z3Vlc3Q6Z3Vlc3Q=").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(server.managementPort() != server.managementTlsPort());
    }

    @Test
    void prometheusServesMetricsOverHttpsOnly() throws Exception {
        HttpResponse<String> r = get("https://localhost:" + server.prometheusTlsPort() + "/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("rabbitmq_"), r.body());
        assertEquals("TLSv1.3", r.sslSession().orElseThrow().getProtocol());
        assertEquals(-1, server.prometheusPort(), "prometheus.ssl.* without prometheus.tcp.* means no plain listener");
    }

    @Test
    void plaintextOnTheHttpsPortGetsNoAnswer() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.managementTlsPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /api/overview HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] answer = in.readNBytes(4);
            assertFalse(new String(answer, StandardCharsets.US_ASCII).startsWith("HTTP"));
        } catch (java.net.SocketException reset) {
            // Closed with a reset: no answer either.
        }
    }
}
