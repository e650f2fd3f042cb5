package io.warren.broker;

import java.net.InetSocketAddress;

/**
 * A socket the node listens on, as RabbitMQ's rabbit_networking lists them: the protocol under
 * RabbitMQ's name ({@code amqp}, {@code amqp/ssl}, {@code http} and {@code https} for the management API,
 * {@code http/prometheus} and {@code https/prometheus})
 * and the bound address. Immutable.
 */
public record Listener(String protocol, InetSocketAddress address) {

    public int port() {
        return address.getPort();
    }

    /** The address as RabbitMQ shows it: {@code ::} for every interface. */
    public String ipAddress() {
        return address.getAddress() == null || address.getAddress().isAnyLocalAddress() ? "::"
                : address.getAddress().getHostAddress();
    }
}
