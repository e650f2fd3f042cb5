package io.warren.broker;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * How long a closing connection waits for its client, and the timer that ends the wait; one per
 * connection, used on its event loop.
 *
 * <p>Once connection.close-ok has gone either way, or this side has sent connection.close, the
 * connection is what rabbit_reader calls {@code closed}: the broker reads and drops whatever still
 * arrives and waits for the client to close its socket, answering only connection.close (with
 * close-ok) and connection.close-ok (by closing at once). Closing right after close-ok instead
 * would make the kernel answer the frames a client was still sending with a reset, and a client
 * that closes after a burst of publishes (Node's amqplib) would fail its close with ECONNRESET or
 * EPIPE. If the client does not close in time, the broker does: after the negotiated heartbeat
 * interval when it is shorter than {@value #CLOSING_TIMEOUT_SECONDS} s, after
 * {@value #CLOSING_TIMEOUT_SECONDS} s otherwise (RabbitMQ's {@code ?CLOSING_TIMEOUT}), and after
 * {@value #NORMAL_TIMEOUT_SECONDS} s before the connection was tuned (its {@code ?NORMAL_TIMEOUT}).
 */
final class ConnectionClosing {
    static final long CLOSING_TIMEOUT_SECONDS = 30;
    static final long NORMAL_TIMEOUT_SECONDS = 3;

    private final ChannelHandlerContext ctx;
    private long timeoutSeconds = NORMAL_TIMEOUT_SECONDS;
    private ScheduledFuture<?> timer;

    ConnectionClosing(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** The connection was tuned with {@code heartbeatSeconds} (0: no heartbeats): the wait from now on. */
    void tuned(int heartbeatSeconds) {
        timeoutSeconds = heartbeatSeconds > 0 && heartbeatSeconds < CLOSING_TIMEOUT_SECONDS
                ? heartbeatSeconds : CLOSING_TIMEOUT_SECONDS;
    }

    long timeoutSeconds() {
        return timeoutSeconds;
    }

    /** Closes the socket after the wait unless it closes first; replaces a wait already running. */
    void awaitClient() {
        closeAfter(timeoutSeconds, TimeUnit.SECONDS);
    }

    /** Closes the socket after {@code delay} unless it closes first; replaces a wait already running. */
    void closeAfter(long delay, TimeUnit unit) {
        cancel();
        timer = ctx.executor().schedule(() -> {
            ctx.close();
        }, delay, unit);
    }

    /** The socket closed: nothing left to wait for. */
    void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
