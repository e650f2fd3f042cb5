package io.warren.management.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.Listener;
import io.warren.management.http.Json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RabbitMQ's certificate-expiration health check: the TLS listeners whose {@code certfile} or
 * {@code cacertfile} holds a certificate that expires before a moment, as
 * {@code rabbit_mgmt_wm_health_check_certificate_expiration} describes them. The files are read
 * when asked, as RabbitMQ reads them, so a renewed file is seen at once. Stateless.
 */
final class CertificateExpiration {
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----(.*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----", Pattern.DOTALL);

    private CertificateExpiration() {}

    /** One object per listener with a certificate expiring before {@code limit}, in listener order. */
    static ArrayNode expiring(List<Listener> listeners, Instant limit) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Listener l : listeners) {
            if (l.tls() == null) {
                continue;
            }
            List<String> cert = expiringIn(l.tls().certfile(), limit);
            List<String> ca = expiringIn(l.tls().cacertfile(), limit);
            if (cert.isEmpty() && ca.isEmpty()) {
                continue;
            }
            ObjectNode o = out.addObject();
            o.put("node", Node.NAME);
            o.put("protocol", l.protocol());
            o.put("interface", l.ipAddress());
            o.put("port", l.port());
            o.put("certfile", l.tls().certfile() == null ? null : l.tls().certfile().toString());
            o.put("cacertfile", l.tls().cacertfile() == null ? null : l.tls().cacertfile().toString());
            o.set("certfile_expires_on", Json.MAPPER.valueToTree(cert));
            o.set("cacertfile_expires_on", Json.MAPPER.valueToTree(ca));
        }
        return out;
    }

    /**
     * When each certificate of the file that expires before {@code limit} expires, as RabbitMQ
     * writes it ({@code 2027-01-05 9:05:03}: the hour is not padded). A file that cannot be read
     * now (it is being replaced) contributes nothing.
     */
    private static List<String> expiringIn(Path file, Instant limit) {
        List<String> out = new ArrayList<>();
        if (file == null) {
            return out;
        }
        for (X509Certificate c : certificates(file)) {
            Instant notAfter = c.getNotAfter().toInstant();
            if (notAfter.isBefore(limit)) {
                LocalDateTime t = LocalDateTime.ofInstant(notAfter, ZoneOffset.UTC);
                out.add(String.format("%d-%02d-%02d %d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                        t.getHour(), t.getMinute(), t.getSecond()));
            }
        }
        return out;
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return out;
        }
        Matcher m = CERTIFICATE.matcher(pem);
        while (m.find()) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1).trim());
                out.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | IllegalArgumentException e) {
                // Not a certificate after all: the listener's own checks report broken files.
            }
        }
        return out;
    }
}
