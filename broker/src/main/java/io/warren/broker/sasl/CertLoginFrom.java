package io.warren.broker.sasl;

import io.warren.broker.x509.DistinguishedName;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * RabbitMQ's {@code ssl_cert_login_from}: which part of a client certificate names the user of
 * an EXTERNAL login.
 */
public enum CertLoginFrom {
    /** The whole subject, written as RabbitMQ writes it (see {@link DistinguishedName}); the default. */
    DISTINGUISHED_NAME("distinguished_name"),
    /** The subject's common name; several are joined by ",", as RabbitMQ joins them. */
    COMMON_NAME("common_name");

    private final String configName;

    CertLoginFrom(String configName) {
        this.configName = configName;
    }

    /** The value as rabbitmq.conf spells it. */
    public String configName() {
        return configName;
    }

    /** The value of that rabbitmq.conf spelling, or null. */
    public static CertLoginFrom named(String configName) {
        for (CertLoginFrom f : values()) {
            if (f.configName.equals(configName)) {
                return f;
            }
        }
        return null;
    }

    /** The user name the certificate gives, or null when it has no such part (no CN). */
    public String username(X509Certificate certificate) {
        DistinguishedName subject = DistinguishedName.parse(certificate.getSubjectX500Principal().getEncoded());
        if (this == DISTINGUISHED_NAME) {
            return subject.format();
        }
        List<String> names = subject.commonNames();
        return names.isEmpty() ? null : String.join(",", names);
    }
}
