package io.warren.broker.sasl;

/**
 * The SASL mechanisms a client may log in with, under the names connection.start offers and
 * {@code auth_mechanisms.N} takes, with the descriptions RabbitMQ's management API lists.
 */
public enum AuthMechanism {
    AMQPLAIN("QPid AMQPLAIN mechanism"),
    PLAIN("SASL PLAIN authentication mechanism"),
    /**
     * The user comes from the client's TLS certificate ({@code ssl_cert_login_from}); offered on
     * TLS connections only, as RabbitMQ's rabbitmq_auth_mechanism_ssl offers it.
     */
    EXTERNAL("TLS peer verification-based authentication plugin. Used in combination with the EXTERNAL SASL mechanism.");

    private final String description;

    AuthMechanism(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The mechanism of that exact name (SASL names are upper case), or null. */
    public static AuthMechanism named(String name) {
        for (AuthMechanism m : values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
