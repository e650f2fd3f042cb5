package io.warren.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.warren.broker.Broker;
import io.warren.broker.Listener;
import io.warren.broker.tls.ServerTls;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * rabbitmq_prometheus's HTTP endpoint on its own port (15692 by default): {@code GET /metrics}
 * with the rabbitmq_* metrics summed over objects, {@code GET /metrics/per-object} with one
 * series per queue, channel and connection, {@code GET /metrics/detailed?family=...&vhost=...}
 * with only the families asked for (see {@link DetailedMetrics}), and the JVM's metrics beside
 * the first two. {@link #start} returns once the port is bound; scrapes run on the endpoint's
 * own thread, never on the broker's event loops.
 */
public final class PrometheusEndpoint implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel server;
    private final Channel tlsServer;
    private final JvmMetrics jvm;

    private PrometheusEndpoint(EventLoopGroup group, Channel server, Channel tlsServer, JvmMetrics jvm) {
        this.group = group;
        this.server = server;
        this.tlsServer = tlsServer;
        this.jvm = jvm;
    }

    /**
     * @param host     the interface to listen on; null means every interface
     * @param port     the port; 0 picks a free one (see {@link #port()})
     * @param nodeName the rabbitmq_node label of rabbitmq_identity_info
     */
    public static PrometheusEndpoint start(Broker broker, String host, int port, String nodeName) {
        return start(broker, host, port, null, -1, null, nodeName);
    }

    /**
     * @param port    the HTTP port; 0 picks a free one, -1 means no HTTP listener
     * @param tlsHost the interface of the HTTPS listener; null means every interface
     * @param tlsPort the HTTPS port ({@code prometheus.ssl.port}); -1 means none
     * @param tls     the TLS context of the HTTPS listener ({@code prometheus.ssl.*}); null without one
     */
    public static PrometheusEndpoint start(Broker broker, String host, int port, String tlsHost, int tlsPort,
                                           ServerTls tls, String nodeName) {
        JvmMetrics jvm = new JvmMetrics();
        NodeMetrics node = new NodeMetrics(broker, nodeName);
        MetricsPages pages = new MetricsPages(node, new CoreMetrics(broker), new DetailedMetrics(broker, node), jvm);
        EventLoopGroup group = new NioEventLoopGroup(1);
        Channel server = null;
        try {
            ServerBootstrap http = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(pipeline(pages, null));
            if (port >= 0) {
                server = http.bind(address(host, port)).syncUninterruptibly().channel();
            }
            Channel tlsServer = null;
            if (tlsPort >= 0) {
                tlsServer = http.clone().childHandler(pipeline(pages, tls)).bind(address(tlsHost, tlsPort))
                        .syncUninterruptibly().channel();
                broker.addListener(new Listener("https/prometheus", (InetSocketAddress) tlsServer.localAddress(), tls.options()));
            }
            return new PrometheusEndpoint(group, server, tlsServer, jvm);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            jvm.close();
            throw e;
        }
    }

    private static ChannelInitializer<SocketChannel> pipeline(MetricsPages pages, ServerTls tls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (tls != null) {
                    ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                }
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                        new MetricsHandler(pages));
            }
        };
    }

    private static InetSocketAddress address(String host, int port) {
        return host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** The bound HTTP port (the real one when port 0 was asked for), or -1 without an HTTP listener. */
    public int port() {
        return server == null ? -1 : ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The bound HTTPS port (the real one when port 0 was asked for), or -1 without an HTTPS listener. */
    public int tlsPort() {
        return tlsServer == null ? -1 : ((InetSocketAddress) tlsServer.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        if (tlsServer != null) {
            tlsServer.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        jvm.close();
    }
}
