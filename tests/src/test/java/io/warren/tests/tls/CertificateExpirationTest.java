package io.warren.tests.tls;

import com.fasterxml.jackson.databind.JsonNode;
import io.warren.broker.tls.TlsOptions;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.tests.management.Api;
import io.warren.tests.management.ApiResponse;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/health/checks/certificate-expiration/<within>/<unit>} over the node's TLS
 * listeners, in RabbitMQ's answer: 200 {@code {"status":"ok"}}, or 503 with {@code "Certificates
 * expiring"} and, per listener, its protocol, interface, port, files and the expiry of each
 * certificate in them that falls within the window ({@code 2027-01-05 9:05:03}). The AMQPS
 * certificate here expires in 10 days, the HTTPS one and the CA in 30.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CertificateExpirationTest {
    /** rabbit_mgmt_wm_health_check_certificate_expiration writes the hour without padding. */
    private static final DateTimeFormatter RABBIT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss")
            .withZone(ZoneOffset.UTC);

    @RegisterExtension
    static final TestCertificates certs = TestCertificates.temporary();
    static final TestCertificates.Issued soon = certs.ca().issue("soon", "CN=localhost,O=" + TestCertificates.ORGANISATION,
            true, "localhost", Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(10)));
    static final Path amqpsCert = copy(soon.certFile(), certs.dir().resolve("amqps.pem"));
    @RegisterExtension
    static final WarrenExtension warren = WarrenExtension.builder().configure(b -> b.amqpsPort(0)
            .sslOptions(TlsOptions.of("ssl_options", certs.ca().certFile(), amqpsCert, soon.keyFile()))
            .managementTls(0, TlsOptions.of("management.ssl", null, certs.server().certFile(),
                    certs.server().keyFile()))).build();
    static WarrenServer server;
    static Api api;

    @BeforeAll
    static void api() {
        api = TlsManagement.api(server);
    }

    private static Path copy(Path from, Path to) {
        try {
            return Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void nothingExpiresWithinAWeek() {
        ApiResponse r = api.get("/api/health/checks/certificate-expiration/1/weeks");
        assertEquals(200, r.status(), r::toString);
        assertEquals("ok", r.json().get("status").asText());
        // RabbitMQ lower-cases the unit.
        assertEquals(200, api.get("/api/health/checks/certificate-expiration/7/DAYS").status());
    }

    @Test
    void theAmqpsCertificateExpiresWithinTwoWeeks() {
        ApiResponse r = api.get("/api/health/checks/certificate-expiration/2/weeks");
        assertEquals(503, r.status(), r::toString);
        assertEquals("failed", r.json().get("status").asText());
        assertEquals("Certificates expiring", r.json().get("reason").asText());
        JsonNode expired = r.json().get("expired");
        assertEquals(1, expired.size(), r::toString);
        JsonNode amqps = expired.get(0);
        assertEquals("amqp/ssl", amqps.get("protocol").asText());
        assertEquals(server.amqpsPort(), amqps.get("port").asInt());
        assertEquals("::", amqps.get("interface").asText());
        assertTrue(amqps.get("node").asText().contains("@"), amqps::toString);
        assertEquals(amqpsCert.toString(), amqps.get("certfile").asText());
        assertEquals(certs.ca().certFile().toString(), amqps.get("cacertfile").asText());
        assertEquals(List.of(rabbitTime(soon.certificate())), texts(amqps.get("certfile_expires_on")));
        assertEquals(List.of(), texts(amqps.get("cacertfile_expires_on")));
    }

    @Test
    void withinFiveWeeksTheCaAndTheHttpsCertificateExpireToo() {
        ApiResponse r = api.get("/api/health/checks/certificate-expiration/5/weeks");
        assertEquals(503, r.status(), r::toString);
        JsonNode expired = r.json().get("expired");
        assertEquals(2, expired.size(), r::toString);
        JsonNode amqps = expired.get(0);
        assertEquals(List.of(rabbitTime(certs.ca().certificate())), texts(amqps.get("cacertfile_expires_on")));
        JsonNode https = expired.get(1);
        assertEquals("https", https.get("protocol").asText());
        assertEquals(server.managementTlsPort(), https.get("port").asInt());
        assertEquals(List.of(rabbitTime(certs.server().certificate())), texts(https.get("certfile_expires_on")));
        assertTrue(https.get("cacertfile").isNull(), https::toString);
    }

    @Test
    void aRenewedFileIsReadAtTheNextCheck() throws Exception {
        Path replaced = certs.dir().resolve("amqps.pem.tmp");
        Files.copy(certs.server().certFile(), replaced);
        Files.move(replaced, amqpsCert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try {
            assertEquals(200, api.get("/api/health/checks/certificate-expiration/2/weeks").status());
        } finally {
            Files.copy(soon.certFile(), replaced, StandardCopyOption.REPLACE_EXISTING);
            Files.move(replaced, amqpsCert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        assertEquals(503, api.get("/api/health/checks/certificate-expiration/2/weeks").status());
    }

    @Test
    void badArgumentsAreRabbitMqs400s() {
        ApiResponse value = api.get("/api/health/checks/certificate-expiration/soon/weeks");
        assertEquals(400, value.status());
        assertEquals("Invalid expiration value.", value.reason());
        ApiResponse unit = api.get("/api/health/checks/certificate-expiration/1/fortnights");
        assertEquals(400, unit.status());
        assertEquals("Time unit not recognised. Supported units: days, weeks, months, years.", unit.reason());
    }

    private static String rabbitTime(X509Certificate c) {
        return RABBIT_TIME.format(c.getNotAfter().toInstant());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
