package io.warren.bench.handshake;

import io.warren.bench.report.LatencySummary;

/**
 * The figures of one handshake-rate run, measured over the window after warmup.
 *
 * @param label               which broker this was, as given by {@code --label}
 * @param broker              the broker URI without its password
 * @param tls                 what the connections negotiated, such as {@code TLSv1.3 TLS_AES_256_GCM_SHA384};
 *                            empty for plain AMQP
 * @param resumed             whether TLS sessions could be resumed ({@code --tls-resume})
 * @param clients             threads opening and closing connections
 * @param seconds             length of the measurement window
 * @param handshakes          connections opened and closed again in the window
 * @param failed              attempts in the window that failed, opening or closing
 * @param handshakesPerSecond {@code handshakes / seconds}
 * @param open                from the TCP connect to connection.open-ok, TLS handshake included
 * @param close               from sending connection.close to close-ok and the socket closed
 * @param firstFailure        what the first failed attempt of the run said; empty when none failed
 */
public record HandshakeResult(
        String label,
        String broker,
        String tls,
        boolean resumed,
        int clients,
        double seconds,
        long handshakes,
        long failed,
        double handshakesPerSecond,
        LatencySummary open,
        LatencySummary close,
        String firstFailure) {
}
