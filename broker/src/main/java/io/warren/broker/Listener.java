package io.warren.broker;

import io.warren.broker.tls.TlsOptions;

import java.net.InetSocketAddress;

/**
 * A socket the node listens on, as RabbitMQ's rabbit_networking lists them: the protocol under
 * RabbitMQ's name ({@code amqp}, {@code amqp/ssl}, {@code http} and {@code https} for the management API,
 * {@code http/prometheus} and {@code https/prometheus}), the bound address, and for a TLS
 * listener its TLS options (null otherwise). Immutable.
 */
public record Listener(String protocol, InetSocketAddress address, TlsOptions tls) {

    /** A listener without TLS. */
    public Listener(String protocol, InetSocketAddress address) {
        this(protocol, address, null);
    }

    public int port() {
        return address.getPort();
    }

    /** The address as RabbitMQ shows it: {@code ::} for every interface. */
    public String ipAddress() {
        return address.getAddress() == null || address.getAddress().isAnyLocalAddress() ? "::"
                : address.getAddress().getHostAddress();
    }
}
