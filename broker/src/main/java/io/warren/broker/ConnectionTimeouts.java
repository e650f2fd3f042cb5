package io.warren.broker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * RabbitMQ's two socket timeouts for one network connection, on its event loop.
 *
 * <p>{@code handshake_timeout}: a connection that has not completed the handshake (protocol
 * header, start-ok, tune-ok, connection.open) this long after it was accepted is closed, however
 * many bytes it trickled in meanwhile (rabbit_reader arms one timer at accept and throws
 * {@code {handshake_timeout, Callback}} unless the connection is running by then).
 *
 * <p>{@code tcp_listen_options.send_timeout}: a connection whose socket is unwritable (its
 * outgoing data above the high water mark, because the client stopped reading) and has not
 * drained a byte for this long is closed, as the Erlang socket driver closes a socket whose send
 * blocked for send_timeout. A client that reads, however slowly, is left alone: each check that
 * finds less data waiting than the one before starts the wait again.
 *
 * <p>Both close the socket without a word, with a reset (RabbitMQ's listeners linger {true, 0}):
 * nothing more can reach such a client, and its unsent data is freed at once. Closing gives the
 * connection's unacked deliveries back to their queues, as any close does.
 */
final class ConnectionTimeouts extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTimeouts.class);

    private final AmqpConnection connection;
    private final NetworkSettings settings;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> stallTimer;
    // Bytes written toward the socket so far; less what still waits, that is what has drained.
    private long written;
    private long drainedAtLastCheck;

    ConnectionTimeouts(AmqpConnection connection, NetworkSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (settings.handshakeTimeoutMs() > 0) {
            handshakeTimer = ctx.executor().schedule(() -> handshakeExpired(ctx), settings.handshakeTimeoutMs(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void handshakeExpired(ChannelHandlerContext ctx) {
        handshakeTimer = null;
        String waitingFor = connection.handshakeStage();
        if (waitingFor != null && ctx.channel().isActive()) {
            LOG.error("closing AMQP connection {}: {handshake_timeout,{}}: the handshake did not complete within {} ms",
                    connection.name(), waitingFor, settings.handshakeTimeoutMs());
            reset(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            cancel(stallTimer);
            stallTimer = null;
        } else if (stallTimer == null && settings.sendTimeoutMs() > 0) {
            armStallTimer(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            written += buf.readableBytes();
        }
        ctx.write(msg, promise);
    }

    private void armStallTimer(ChannelHandlerContext ctx) {
        drainedAtLastCheck = written - pendingBytes(ctx);
        stallTimer = ctx.executor().schedule(() -> sendTimedOut(ctx), settings.sendTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    private void sendTimedOut(ChannelHandlerContext ctx) {
        stallTimer = null;
        if (ctx.channel().isWritable() || !ctx.channel().isActive()) {
            return;
        }
        if (written - pendingBytes(ctx) > drainedAtLastCheck) {
            armStallTimer(ctx);
        } else {
            LOG.error("closing AMQP connection {}: {writer,send_failed,{error,timeout}}: {} bytes not sent, "
                            + "the client read nothing for {} ms (tcp_listen_options.send_timeout)",
                    connection.name(), pendingBytes(ctx), settings.sendTimeoutMs());
            reset(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel(handshakeTimer);
        cancel(stallTimer);
        handshakeTimer = null;
        stallTimer = null;
        ctx.fireChannelInactive();
    }

    private static long pendingBytes(ChannelHandlerContext ctx) {
        var buffer = ctx.channel().unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** Closes with RST: SO_LINGER 0 drops what the kernel still holds for this client. */
    private static void reset(ChannelHandlerContext ctx) {
        try {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException ignored) {
            // The socket is already gone: closing is all that is left.
        }
        ctx.close();
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
