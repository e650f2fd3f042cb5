package io.warren.broker.tls;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The TLS listeners of one protocol ({@code listeners.ssl.*} for AMQPS), the options they share
 * and {@code ssl_handshake_timeout}. Immutable.
 *
 * @param addresses          where to listen (port 0 picks a free one); empty for no TLS listener
 * @param options            the TLS options; null only when there is no listener
 * @param handshakeTimeoutMs a TLS handshake not done this long after accept closes the socket; 0 never does
 */
public record TlsListeners(List<InetSocketAddress> addresses, TlsOptions options, long handshakeTimeoutMs) {
    public static final TlsListeners NONE = new TlsListeners(List.of(), null, ServerTls.DEFAULT_HANDSHAKE_TIMEOUT_MS);

    public TlsListeners {
        addresses = List.copyOf(addresses);
        if (!addresses.isEmpty() && options == null) {
            throw new IllegalArgumentException("TLS listeners need TLS options");
        }
        if (handshakeTimeoutMs < 0) {
            throw new IllegalArgumentException("negative TLS handshake timeout " + handshakeTimeoutMs);
        }
    }

    public boolean enabled() {
        return !addresses.isEmpty();
    }
}
