package io.warren.management;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.warren.broker.Broker;
import io.warren.broker.Listener;
import io.warren.broker.tls.ServerTls;
import io.warren.management.api.Apis;
import io.warren.management.direct.DirectConnections;
import io.warren.management.http.Authenticator;
import io.warren.management.http.HttpApiHandler;
import io.warren.management.http.HttpOptions;
import io.warren.management.http.Router;
import io.warren.management.http.StaticFiles;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * RabbitMQ's management HTTP API and Warren's web UI, on their own port (15672 by default), and
 * over HTTPS when {@code management.ssl.*} asks for it (15671 in RabbitMQ's examples).
 * One event loop parses HTTP; a few worker threads authenticate and answer, since answers may
 * wait on the broker. Start it after the broker.
 */
public final class ManagementServer implements AutoCloseable {
    private static final int WORKERS = 4;
    /** Cowboy refuses a request line over 8,000 bytes with 414; headers over this with 431. */
    private static final int MAX_REQUEST_LINE = 8192;
    private static final int MAX_HEADERS = 16384;
    private static final int MAX_CHUNK = 8192;

    /** The TLS handler's name, first in an HTTPS connection's pipeline. */
    public static final String TLS = "tls";

    private final Broker broker;
    private final InetSocketAddress listener;
    private final InetSocketAddress tlsListener;
    private final ServerTls tls;
    private final HttpOptions options;
    private final DirectConnections direct;
    private EventLoopGroup group;
    private ExecutorService workers;
    private Channel serverChannel;
    private Channel tlsServerChannel;

    public ManagementServer(Broker broker, InetSocketAddress listener) {
        this(broker, listener, null, null, HttpOptions.defaults());
    }

    /**
     * @param listener    where to serve plain HTTP, or null for no HTTP listener
     * @param tlsListener where to serve HTTPS with {@code tls} ({@code management.ssl.*}), or null for none
     * @param options     the body limit and security headers ({@code management.http.*}, {@code .headers.*},
     *                    {@code .csp.*}, {@code .hsts.*})
     */
    public ManagementServer(Broker broker, InetSocketAddress listener, InetSocketAddress tlsListener, ServerTls tls,
                            HttpOptions options) {
        this.broker = broker;
        this.listener = listener;
        this.tlsListener = tlsListener;
        this.tls = tls;
        this.options = options;
        this.direct = new DirectConnections(broker);
    }

    public ManagementServer start() throws InterruptedException {
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("warren-http"));
        workers = Executors.newFixedThreadPool(WORKERS, new DefaultThreadFactory("warren-management"));
        Router router = Apis.routes(new Management(broker, direct, this::port));
        Authenticator authenticator = new Authenticator(broker);
        StaticFiles files = new StaticFiles();
        ChannelHandler securityHeaders = options.securityHeaders().handler();
        Supplier<HttpApiHandler> handler = () -> new HttpApiHandler(router, authenticator, files, workers, options);
        ServerBootstrap http = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(pipeline(handler, securityHeaders, null));
        if (listener != null) {
            serverChannel = http.bind(listener).sync().channel();
            broker.addListener(new Listener("http", (InetSocketAddress) serverChannel.localAddress()));
        }
        if (tlsListener != null) {
            tlsServerChannel = http.clone().childHandler(pipeline(handler, securityHeaders, tls)).bind(tlsListener).sync().channel();
            broker.addListener(new Listener("https", (InetSocketAddress) tlsServerChannel.localAddress(), tls.options()));
        }
        return this;
    }

    private static ChannelInitializer<SocketChannel> pipeline(Supplier<HttpApiHandler> handler,
                                                              ChannelHandler securityHeaders, ServerTls tls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (tls != null) {
                    ch.pipeline().addLast(TLS, tls.newHandler(ch.alloc()));
                }
                ch.pipeline().addLast(new HttpServerCodec(MAX_REQUEST_LINE, MAX_HEADERS, MAX_CHUNK));
                ch.pipeline().addLast(securityHeaders);
                ch.pipeline().addLast(handler.get());
            }
        };
    }

    /** The bound HTTP port (the real one when 0 was asked for); the HTTPS one when there is no HTTP listener. */
    public int port() {
        Channel c = serverChannel != null ? serverChannel : tlsServerChannel;
        return c == null ? -1 : ((InetSocketAddress) c.localAddress()).getPort();
    }

    /** The bound HTTPS port (the real one when 0 was asked for), or -1 without an HTTPS listener. */
    public int tlsPort() {
        return tlsServerChannel == null ? -1 : ((InetSocketAddress) tlsServerChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (tlsServerChannel != null) {
            tlsServerChannel.close().syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        direct.close();
        if (group != null) {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
