package io.warren.broker.sasl;

import io.warren.broker.x509.DistinguishedName;
import io.warren.broker.x509.SubjectAlternativeNames;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How clients log in.
 *
 * @param mechanisms    {@code auth_mechanisms.N}: the mechanisms connection.start offers, in this
 *                      order (EXTERNAL only on TLS connections); a client choosing another is refused
 * @param certLoginFrom {@code ssl_cert_login_from}: where an EXTERNAL login finds the user name
 * @param sanType       {@code ssl_cert_login_san_type}: which subject alternative names count
 * @param sanIndex      {@code ssl_cert_login_san_index}: which of them, from 0
 */
public record LoginSettings(List<AuthMechanism> mechanisms, CertLoginFrom certLoginFrom,
                            SubjectAlternativeNames.Type sanType, int sanIndex) {
    /** RabbitMQ's: AMQPLAIN and PLAIN, offered in the order RabbitMQ offers them, and the whole subject. */
    public static final LoginSettings DEFAULTS =
            new LoginSettings(List.of(AuthMechanism.AMQPLAIN, AuthMechanism.PLAIN), CertLoginFrom.DISTINGUISHED_NAME);

    public LoginSettings {
        mechanisms = List.copyOf(mechanisms);
        if (mechanisms.isEmpty()) {
            throw new IllegalArgumentException("at least one authentication mechanism is needed");
        }
        Objects.requireNonNull(certLoginFrom, "certLoginFrom");
        Objects.requireNonNull(sanType, "sanType");
        if (sanIndex < 0) {
            throw new IllegalArgumentException("negative ssl_cert_login_san_index " + sanIndex);
        }
    }

    /** Settings that take the first DNS name when the user comes from a subject alternative name. */
    public LoginSettings(List<AuthMechanism> mechanisms, CertLoginFrom certLoginFrom) {
        this(mechanisms, certLoginFrom, SubjectAlternativeNames.Type.DNS, 0);
    }

    /**
     * The user name {@code certificate} gives, or null when it has no such part (no CN, fewer
     * subject alternative names of the type than the index).
     *
     * @throws IllegalArgumentException when the subject cannot be read
     */
    public String username(X509Certificate certificate) {
        return switch (certLoginFrom) {
            case DISTINGUISHED_NAME ->
                    DistinguishedName.parse(certificate.getSubjectX500Principal().getEncoded()).format();
            case COMMON_NAME -> {
                List<String> names =
                        DistinguishedName.parse(certificate.getSubjectX500Principal().getEncoded()).commonNames();
                yield names.isEmpty() ? null : String.join(",", names);
            }
            case SUBJECT_ALTERNATIVE_NAME -> {
                List<String> names = SubjectAlternativeNames.of(certificate, sanType);
                yield sanIndex < names.size() ? names.get(sanIndex) : null;
            }
        };
    }
}
