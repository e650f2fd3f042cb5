package io.warren.management;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.warren.broker.Broker;
import io.warren.broker.Listener;
import io.warren.management.api.Apis;
import io.warren.management.direct.DirectConnections;
import io.warren.management.http.Authenticator;
import io.warren.management.http.HttpApiHandler;
import io.warren.management.http.Router;
import io.warren.management.http.StaticFiles;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * RabbitMQ's management HTTP API and Warren's web UI, on their own port (15672 by default).
 * One event loop parses HTTP; a few worker threads authenticate and answer, since answers may
 * wait on the broker. Start it after the broker.
 */
public final class ManagementServer implements AutoCloseable {
    /** Large enough for a definitions upload of many thousands of objects. */
    private static final int MAX_BODY_BYTES = 128 * 1024 * 1024;
    private static final int WORKERS = 4;

    private final Broker broker;
    private final InetSocketAddress listener;
    private final DirectConnections direct;
    private EventLoopGroup group;
    private ExecutorService workers;
    private Channel serverChannel;

    public ManagementServer(Broker broker, InetSocketAddress listener) {
        this.broker = broker;
        this.listener = listener;
        this.direct = new DirectConnections(broker);
    }

    public ManagementServer start() throws InterruptedException {
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("warren-http"));
        workers = Executors.newFixedThreadPool(WORKERS, new DefaultThreadFactory("warren-management"));
        Router router = Apis.routes(new Management(broker, direct, this::port));
        HttpApiHandler handler = new HttpApiHandler(router, new Authenticator(broker), new StaticFiles(), workers);
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new HttpServerExpectContinueHandler());
                        ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY_BYTES));
                        ch.pipeline().addLast(handler);
                    }
                })
                .bind(listener).sync().channel();
        broker.addListener(new Listener("http", (InetSocketAddress) serverChannel.localAddress()));
        return this;
    }

    /** The bound port (the real one when 0 was asked for). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
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
