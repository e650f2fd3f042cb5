package io.warren.broker.x509;

import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/**
 * A certificate's subject, issuer and validity as RabbitMQ's {@code rabbit_cert_info} writes
 * them, for the management API's {@code peer_cert_*} fields and for certificate logins.
 * Stateless; any thread.
 */
public final class CertificateText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private CertificateText() {}

    /** E.g. {@code CN=alice,O=Example,C=US}: see {@link DistinguishedName}. */
    public static String subject(X509Certificate c) {
        return DistinguishedName.parse(c.getSubjectX500Principal().getEncoded()).format();
    }

    public static String issuer(X509Certificate c) {
        return DistinguishedName.parse(c.getIssuerX500Principal().getEncoded()).format();
    }

    /**
     * E.g. {@code 2026-12-07T21:00:00Z - 2027-12-07T21:00:00Z}. RabbitMQ writes a UTCTime so, but
     * a GeneralizedTime (dates from 2050 on) as the Erlang term {@code {generalTime,"20500101000000Z"}}
     * and any UTCTime year as 20YY; Warren writes every date in the first form, with its true year.
     */
    public static String validity(X509Certificate c) {
        return time(c.getNotBefore()) + " - " + time(c.getNotAfter());
    }

    private static String time(Date d) {
        return TIME.format(d.toInstant());
    }
}
