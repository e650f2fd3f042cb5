package io.warren.broker.sasl;

import io.warren.broker.x509.DistinguishedName;

/**
 * RabbitMQ's {@code ssl_cert_login_from}: which part of a client certificate names the user of
 * an EXTERNAL login.
 */
public enum CertLoginFrom {
    /** The whole subject, written as RabbitMQ writes it (see {@link DistinguishedName}); the default. */
    DISTINGUISHED_NAME("distinguished_name"),
    /** The subject's common name; several are joined by ",", as RabbitMQ joins them. */
    COMMON_NAME("common_name"),
    /**
     * One subject alternative name: the one at {@code ssl_cert_login_san_index} (from 0) among
     * those of {@code ssl_cert_login_san_type}. {@code subject_alt_name} is RabbitMQ's alias.
     */
    SUBJECT_ALTERNATIVE_NAME("subject_alternative_name");

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
        if (configName.equals("subject_alt_name")) {
            return SUBJECT_ALTERNATIVE_NAME;
        }
        for (CertLoginFrom f : values()) {
            if (f.configName.equals(configName)) {
                return f;
            }
        }
        return null;
    }
}
