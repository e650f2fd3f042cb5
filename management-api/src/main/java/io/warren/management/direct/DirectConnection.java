package io.warren.management.direct;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.warren.amqp.AmqpMethod;
import io.warren.amqp.Command;
import io.warren.amqp.FrameDecoder;
import io.warren.amqp.Frames;
import io.warren.amqp.OversizedContent;
import io.warren.amqp.ReplyCode;
import io.warren.amqp.method.ChannelOpen;
import io.warren.amqp.method.ConnectionClose;
import io.warren.amqp.method.ConnectionCloseOk;
import io.warren.amqp.method.ConnectionOpen;
import io.warren.amqp.method.ConnectionOpenOk;
import io.warren.amqp.method.ConnectionStart;
import io.warren.amqp.method.ConnectionStartOk;
import io.warren.amqp.method.ConnectionTune;
import io.warren.amqp.method.ConnectionTuneOk;
import io.warren.amqp.types.LongStr;
import io.warren.broker.Broker;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.LoggerFactory;

/**
 * An in-JVM AMQP connection to the broker ({@link Broker#connectDirect}), logged in as the
 * management API's caller in one vhost. It speaks the protocol like any client, so a declare,
 * publish or get from the API meets the same checks, permissions and errors as one from a
 * client. Channels are opened per request and may be used from any thread, one at a time.
 */
public final class DirectConnection implements AutoCloseable {
    private static final long OPEN_TIMEOUT_SECONDS = 30;

    private final Map<Integer, DirectChannel> channels = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final String user;
    private final String password;
    private final String vhost;
    private volatile Channel netty;
    private volatile DirectException closedBy;
    private volatile int frameMax;
    private volatile int channelMax;
    private int nextChannel;
    private final long maxMessageSize;

    private DirectConnection(String user, String password, String vhost, long maxMessageSize) {
        this.user = user;
        this.password = password;
        this.vhost = vhost;
        this.maxMessageSize = maxMessageSize;
    }

    /** Opens a connection and waits until the broker has accepted it. */
    public static DirectConnection open(Broker broker, String user, String password, String vhost) {
        DirectConnection c = new DirectConnection(user, password, vhost, broker.settings().maxMessageSize());
        broker.connectDirect(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                c.netty = ch;
                ch.pipeline().addLast(new FrameDecoder(Frames.FRAME_MIN_SIZE, c.maxMessageSize));
                ch.pipeline().addLast(c.new Inbound());
            }
        }).addListener(f -> {
            if (!f.isSuccess()) {
                c.opened.completeExceptionally(f.cause());
            }
        });
        try {
            c.opened.get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return c;
        } catch (ExecutionException e) {
            c.close();
            if (e.getCause() instanceof DirectException d) {
                throw d;
            }
            throw new DirectException(ReplyCode.INTERNAL_ERROR, "INTERNAL_ERROR - " + e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            c.close();
            throw new DirectException(ReplyCode.INTERNAL_ERROR, "INTERNAL_ERROR - the broker did not open a connection");
        }
    }

    public boolean isOpen() {
        return closedBy == null && netty != null && netty.isActive();
    }

    Channel nettyChannel() { return netty; }

    int frameMax() { return frameMax; }

    /** A new channel, opened. */
    public DirectChannel openChannel() {
        if (closedBy != null) {
            throw closedBy;
        }
        DirectChannel ch = register();
        try {
            ch.call(new ChannelOpen(""));
        } catch (DirectException e) {
            released(ch);
            throw e;
        }
        return ch;
    }

    private synchronized DirectChannel register() {
        int max = channelMax == 0 ? 2047 : Math.min(channelMax, 2047);
        for (int i = 0; i < max; i++) {
            nextChannel = nextChannel % max + 1;
            if (!channels.containsKey(nextChannel)) {
                DirectChannel ch = new DirectChannel(this, nextChannel);
                channels.put(nextChannel, ch);
                return ch;
            }
        }
        throw new DirectException(ReplyCode.CHANNEL_ERROR, "CHANNEL_ERROR - no free channel");
    }

    void released(DirectChannel ch) {
        channels.remove(ch.number());
    }

    @Override
    public void close() {
        Channel ch = netty;
        if (ch != null && ch.isActive() && closedBy == null) {
            write(0, new ConnectionClose(ReplyCode.REPLY_SUCCESS, "", 0, 0));
        }
        fail(new DirectException(ReplyCode.CONNECTION_FORCED, "CONNECTION_FORCED - closed"));
        if (ch != null) {
            ch.eventLoop().schedule(() -> ch.close(), 1, TimeUnit.SECONDS);
        }
    }

    private void write(int channel, AmqpMethod method) {
        ByteBuf out = netty.alloc().buffer();
        Frames.writeMethod(out, channel, method);
        netty.writeAndFlush(out);
    }

    private void fail(DirectException e) {
        if (closedBy == null) {
            closedBy = e;
        }
        opened.completeExceptionally(e);
        channels.values().forEach(c -> c.received(e));
    }

    /** The client side of the handshake and the routing of commands to channels; on the event loop. */
    private final class Inbound extends SimpleChannelInboundHandler<Object> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(Frames.PROTOCOL_HEADER));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof OversizedContent big) {
                // A stored message larger than max_message_size (it was lowered since): this
                // connection cannot take it, so the request that asked for it fails.
                DirectChannel ch = channels.get(big.channel());
                if (ch != null) {
                    ch.couldNotReceive(new DirectException(ReplyCode.INTERNAL_ERROR, "INTERNAL_ERROR - message size "
                            + big.bodySize() + " is larger than configured max size " + maxMessageSize));
                }
                return;
            }
            if (!(msg instanceof Command c)) {
                return; // heartbeats: none were asked for
            }
            if (c.channel() != 0) {
                DirectChannel ch = channels.get(c.channel());
                if (ch != null) {
                    ch.received(c);
                }
                return;
            }
            AmqpMethod m = c.method();
            if (m instanceof ConnectionStart) {
                byte[] plain = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
                write(0, new ConnectionStartOk(Map.of("product", "Warren management API"), "PLAIN",
                        LongStr.wrap(plain), "en_US"));
            } else if (m instanceof ConnectionTune tune) {
                frameMax = (int) tune.frameMax();
                channelMax = tune.channelMax();
                // The broker sends frames of the negotiated size from now on; until this, the
                // decoder took only the 4,096-byte minimum, which cut every get of a message
                // larger than 4,088 bytes short.
                ctx.pipeline().get(FrameDecoder.class).setFrameMax(frameMax);
                write(0, new ConnectionTuneOk(tune.channelMax(), tune.frameMax(), 0));
                write(0, new ConnectionOpen(vhost, "", false));
            } else if (m instanceof ConnectionOpenOk) {
                opened.complete(null);
            } else if (m instanceof ConnectionClose close) {
                write(0, new ConnectionCloseOk());
                fail(new DirectException(close.replyCode(), close.replyText()));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(new DirectException(ReplyCode.CONNECTION_FORCED, "CONNECTION_FORCED - connection closed"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // The text reaches HTTP callers: the details go to the log only.
            LoggerFactory.getLogger(DirectConnection.class).warn("management API direct connection failed", cause);
            fail(new DirectException(ReplyCode.INTERNAL_ERROR, "INTERNAL_ERROR - the management API's connection failed"));
            ctx.close();
        }
    }
}
