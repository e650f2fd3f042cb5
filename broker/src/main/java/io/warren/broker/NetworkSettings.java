package io.warren.broker;

/**
 * How the broker guards its AMQP sockets, with RabbitMQ's keys and defaults.
 *
 * @param handshakeTimeoutMs RabbitMQ's {@code handshake_timeout}: a network connection that has not
 *                           completed protocol header, start-ok, tune-ok and connection.open this
 *                           long after it was accepted is closed; 0 never closes (RabbitMQ's
 *                           {@code infinity})
 * @param sendTimeoutMs      RabbitMQ's {@code tcp_listen_options.send_timeout}: a connection whose
 *                           outgoing data has not drained (its socket stayed unwritable) this long
 *                           is closed; 0 never closes ({@code infinity})
 * @param maxSockets         how many AMQP sockets may be open at once before accepting pauses
 *                           (RabbitMQ's {@code ranch_connection_max}); 0 derives it from the
 *                           process's file descriptor limit as RabbitMQ's file handle cache does
 */
public record NetworkSettings(long handshakeTimeoutMs, long sendTimeoutMs, int maxSockets) {
    /** RabbitMQ's default handshake_timeout. */
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
    /**
     * RabbitMQ sets no send_timeout of its own; Ranch, which accepts its connections, defaults it to
     * 30 s with send_timeout_close, as a running RabbitMQ's listening sockets show.
     */
    public static final long DEFAULT_SEND_TIMEOUT_MS = 30_000;

    public static final NetworkSettings DEFAULTS =
            new NetworkSettings(DEFAULT_HANDSHAKE_TIMEOUT_MS, DEFAULT_SEND_TIMEOUT_MS, 0);

    public NetworkSettings {
        if (handshakeTimeoutMs < 0 || sendTimeoutMs < 0 || maxSockets < 0) {
            throw new IllegalArgumentException("negative network setting: " + handshakeTimeoutMs + ", "
                    + sendTimeoutMs + ", " + maxSockets);
        }
    }
}
