package io.warren.broker.x509;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Subjects, issuers, validities and common names against what RabbitMQ 3.13's own
 * {@code rabbit_cert_info} wrote for the same certificate files (x509/rabbitmq-cert-info.tsv):
 * escapes, UTF-8, BMP and Teletex strings, multi-valued RDNs, unknown OIDs, several CNs.
 */
class CertificateTextTest {
    private record Expected(String file, String subject, String issuer, String validity, String commonNames) {}

    @Test
    void everyCertificateIsWrittenAsRabbitMqWritesIt() throws Exception {
        List<Expected> cases = expectations();
        assertFalse(cases.isEmpty());
        for (Expected e : cases) {
            X509Certificate c = certificate(e.file());
            assertEquals(e.subject(), CertificateText.subject(c), e.file());
            assertEquals(e.issuer(), CertificateText.issuer(c), e.file());
            assertEquals(e.validity(), CertificateText.validity(c), e.file());
            List<String> cns = DistinguishedName.parse(c.getSubjectX500Principal().getEncoded()).commonNames();
            assertEquals(e.commonNames(), cns.isEmpty() ? "not_found" : String.join(",", cns), e.file());
        }
    }

    @Test
    void controlCharactersTrailingSpacesAndUndecodableValuesAreEscapedAsRabbitMqDoes() {
        // Expected from rabbit_cert_info:format_rdn_sequence/1 on the same RDNs as OTP decodes them.
        byte[] name = tlv(0x30,
                tlv(0x31, tlv(0x30, oid(0x2a, 0x03, 0x04), tlv(0x16, ascii("foo")))),
                tlv(0x31, tlv(0x30, oid(0x55, 0x04, 0x03), tlv(0x0c, ascii("a\tb "))),
                        tlv(0x30, oid(0x55, 0x04, 0x0a), tlv(0x0c, ascii(" ")))));
        assertEquals("CN=a\\09b\\ +O=\\ ,1.2.3.4=\\<\\<22\\,3\\,102\\,111\\,111\\>\\>",
                DistinguishedName.parse(name).format());
    }

    @Test
    void longFormLengthsAndLargeOidArcsAreRead() {
        String cn = "x".repeat(200);
        byte[] name = tlv(0x30, tlv(0x31, tlv(0x30, oid(0x55, 0x04, 0x03), tlv(0x0c, ascii(cn)))),
                tlv(0x31, tlv(0x30, oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01), tlv(0x16, ascii("a@b")))));
        assertEquals("EMAILADDRESS=a@b,CN=" + cn, DistinguishedName.parse(name).format());
    }

    @Test
    void bytesThatAreNotANameAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DistinguishedName.parse(new byte[] {0x30, 0x05, 0x31}));
        assertThrows(IllegalArgumentException.class, () -> DistinguishedName.parse(tlv(0x31)));
        assertThrows(IllegalArgumentException.class, () -> DistinguishedName.parse(tlv(0x30, tlv(0x30))));
    }

    private static List<Expected> expectations() throws IOException {
        List<Expected> out = new ArrayList<>();
        try (InputStream in = resource("rabbitmq-cert-info.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.add(new Expected(f[0], f[1], f[2], f[3], f[4]));
            }
        }
        return out;
    }

    static X509Certificate certificate(String file) throws Exception {
        try (InputStream in = resource(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = CertificateTextTest.class.getResourceAsStream("/x509/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource x509/" + name);
        }
        return in;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] oid(int... content) {
        byte[] b = new byte[content.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) content[i];
        }
        return tlv(0x06, b);
    }

    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.size();
        if (n < 0x80) {
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
