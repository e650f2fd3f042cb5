package io.warren.tests.security;

import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code management.hsts.policy} is sent over HTTPS, where browsers heed it, and not over plain
 * HTTP, where they ignore it (RabbitMQ sends it on both); the other security headers go on both.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ManagementHstsTest {
    private static final String HSTS = "max-age=31536000; includeSubDomains";

    @RegisterExtension
    static final TestCertificates certs = TestCertificates.temporary();
    @RegisterExtension
    static final WarrenExtension warren = WarrenExtension.builder()
            .config("management.tcp.port", "0")
            .config("management.ssl.port", "0")
            .config("management.ssl.cacertfile", certs.ca().certFile().toString())
            .config("management.ssl.certfile", certs.server().certFile().toString())
            .config("management.ssl.keyfile", certs.server().keyFile().toString())
            .config("management.hsts.policy", HSTS)
            .build();
    private static WarrenServer server;

    private static HttpResponse<String> get(HttpClient client, String base, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void hstsGoesOverHttpsOnlyAndTheOtherHeadersOverBoth() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext(null)).build();
        String secure = "https://localhost:" + server.managementTlsPort();
        for (String path : new String[] {"/", "/api/overview", "/js"}) {
            HttpResponse<String> r = get(https, secure, path);
            assertEquals(Optional.of(HSTS), r.headers().firstValue("strict-transport-security"), path);
            assertEquals(Optional.of("nosniff"), r.headers().firstValue("x-content-type-options"), path);
        }

        HttpClient http = HttpClient.newHttpClient();
        String plain = "http://127.0.0.1:" + server.managementPort();
        for (String path : new String[] {"/", "/api/overview", "/js"}) {
            HttpResponse<String> r = get(http, plain, path);
            assertEquals(Optional.empty(), r.headers().firstValue("strict-transport-security"), path);
            assertEquals(Optional.of("nosniff"), r.headers().firstValue("x-content-type-options"), path);
        }
    }
}
