package io.warren.broker.sasl;

import java.util.List;

/**
 * How clients log in.
 *
 * @param mechanisms    {@code auth_mechanisms.N}: the mechanisms connection.start offers, in this
 *                      order (EXTERNAL only on TLS connections); a client choosing another is refused
 * @param certLoginFrom {@code ssl_cert_login_from}: where an EXTERNAL login finds the user name
 */
public record LoginSettings(List<AuthMechanism> mechanisms, CertLoginFrom certLoginFrom) {
    /** RabbitMQ's: AMQPLAIN and PLAIN, offered in the order RabbitMQ offers them, and the whole subject. */
    public static final LoginSettings DEFAULTS =
            new LoginSettings(List.of(AuthMechanism.AMQPLAIN, AuthMechanism.PLAIN), CertLoginFrom.DISTINGUISHED_NAME);

    public LoginSettings {
        mechanisms = List.copyOf(mechanisms);
        if (mechanisms.isEmpty()) {
            throw new IllegalArgumentException("at least one authentication mechanism is needed");
        }
    }
}
