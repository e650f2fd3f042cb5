package io.warren.broker.x509;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A certificate's subject alternative names of one type, in certificate order, as text: what
 * {@code ssl_cert_login_from = subject_alternative_name} picks a user name from. Stateless.
 */
public final class SubjectAlternativeNames {
    /** The types RabbitMQ's {@code ssl_cert_login_san_type} names, with their GeneralName tags. */
    public enum Type {
        DNS("dns", 2), IP("ip", 7), EMAIL("email", 1), URI("uri", 6), OTHER_NAME("other_name", 0);

        private final String configName;
        private final int tag;

        Type(String configName, int tag) {
            this.configName = configName;
            this.tag = tag;
        }

        public String configName() {
            return configName;
        }

        /** The type of that rabbitmq.conf spelling, or null. */
        public static Type named(String configName) {
            for (Type t : values()) {
                if (t.configName.equals(configName)) {
                    return t;
                }
            }
            return null;
        }
    }

    private SubjectAlternativeNames() {}

    /**
     * The names of {@code type}: DNS names, e-mail addresses and URIs as written, IP addresses as
     * the JDK writes them ({@code 10.0.0.1}, {@code 0:0:0:0:0:0:0:1}), and the value of an
     * otherName when it is a string (a UTF8String, PrintableString...); other otherNames are left out.
     */
    public static List<String> of(X509Certificate certificate, Type type) {
        List<String> out = new ArrayList<>();
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return out;
        }
        if (names == null) {
            return out;
        }
        for (List<?> name : names) {
            if (!(name.get(0) instanceof Integer tag) || tag != type.tag) {
                continue;
            }
            Object value = name.get(1);
            if (value instanceof String s) {
                out.add(s);
            } else if (value instanceof byte[] der) {
                String text = otherNameValue(der);
                if (text != null) {
                    out.add(text);
                }
            }
        }
        return out;
    }

    /** OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }, tagged [0] as a GeneralName. */
    private static String otherNameValue(byte[] der) {
        try {
            List<Der.Element> parts = Der.read(der).children();
            if (parts.size() != 2 || parts.get(1).tag() != 0xa0) {
                return null;
            }
            // The JDK writes the value inside two [0] tags (its own and the explicit one); unwrap all.
            Der.Element value = parts.get(1);
            while (value.tag() == 0xa0) {
                List<Der.Element> inner = value.children();
                if (inner.size() != 1) {
                    return null;
                }
                value = inner.get(0);
            }
            return DistinguishedName.directoryString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
