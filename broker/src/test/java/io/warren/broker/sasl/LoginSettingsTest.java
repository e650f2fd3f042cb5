package io.warren.broker.sasl;

import io.warren.broker.x509.SubjectAlternativeNames.Type;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The user name each ssl_cert_login_from mode takes from a certificate. x509/san.pem carries, in
 * order: DNS first.example, email x@example.com, DNS second.example, IP 10.0.0.1, IP ::1, URI
 * https://example.com/u, otherName (UPN) upn@example.com as a UTF8String, email y@example.com;
 * RabbitMQ 3.13's rabbit_cert_info reads the same list from it (the otherName as
 * upn@example.com, but the IP addresses as raw bytes, which Warren writes as text).
 */
class LoginSettingsTest {
    private static final List<AuthMechanism> EXTERNAL = List.of(AuthMechanism.EXTERNAL);

    @Test
    void distinguishedNameAndCommonNameModes() throws Exception {
        LoginSettings dn = new LoginSettings(EXTERNAL, CertLoginFrom.DISTINGUISHED_NAME);
        assertEquals("CN=alice,O=Warren Test,C=US", dn.username(certificate("simple.pem")));
        LoginSettings cn = new LoginSettings(EXTERNAL, CertLoginFrom.COMMON_NAME);
        assertEquals("alice", cn.username(certificate("simple.pem")));
        assertEquals("first,second", cn.username(certificate("twocn.pem")));
        assertNull(cn.username(certificate("nocn.pem")));
    }

    @Test
    void aSubjectAlternativeNameIsTakenByTypeAndIndex() throws Exception {
        X509Certificate san = certificate("san.pem");
        assertEquals("first.example", san(Type.DNS, 0).username(san));
        assertEquals("second.example", san(Type.DNS, 1).username(san));
        assertNull(san(Type.DNS, 2).username(san));
        assertEquals("x@example.com", san(Type.EMAIL, 0).username(san));
        assertEquals("y@example.com", san(Type.EMAIL, 1).username(san));
        assertEquals("10.0.0.1", san(Type.IP, 0).username(san));
        assertEquals("0:0:0:0:0:0:0:1", san(Type.IP, 1).username(san));
        assertEquals("https://example.com/u", san(Type.URI, 0).username(san));
        assertEquals("upn@example.com", san(Type.OTHER_NAME, 0).username(san));
        assertNull(san(Type.DNS, 0).username(certificate("simple.pem")));
    }

    @Test
    void rabbitMqsAliasAndDefaults() {
        assertEquals(CertLoginFrom.SUBJECT_ALTERNATIVE_NAME, CertLoginFrom.named("subject_alt_name"));
        assertNull(CertLoginFrom.named("cn"));
        assertEquals(Type.DNS, LoginSettings.DEFAULTS.sanType());
        assertEquals(0, LoginSettings.DEFAULTS.sanIndex());
    }

    private static LoginSettings san(Type type, int index) {
        return new LoginSettings(EXTERNAL, CertLoginFrom.SUBJECT_ALTERNATIVE_NAME, type, index);
    }

    private static X509Certificate certificate(String file) throws Exception {
        try (InputStream in = LoginSettingsTest.class.getResourceAsStream("/x509/" + file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
