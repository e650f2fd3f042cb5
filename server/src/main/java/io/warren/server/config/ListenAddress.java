package io.warren.server.config;

/**
 * An interface and port to accept connections on.
 *
 * @param host an IP address literal (IPv4 or IPv6, without brackets), or null for every interface
 * @param port 0-65535; 0 asks the OS for a free port (tests)
 */
public record ListenAddress(String host, int port) {
    public ListenAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Every interface, on this port. */
    public static ListenAddress anyInterface(int port) {
        return new ListenAddress(null, port);
    }

    public ListenAddress withPort(int newPort) {
        return new ListenAddress(host, newPort);
    }

    /** {@code 127.0.0.1:5672}, {@code [::1]:5672}, or {@code *:5672} for every interface. */
    @Override
    public String toString() {
        if (host == null) {
            return "*:" + port;
        }
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
