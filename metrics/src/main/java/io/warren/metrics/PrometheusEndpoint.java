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
    private final JvmMetrics jvm;

    private PrometheusEndpoint(EventLoopGroup group, Channel server, JvmMetrics jvm) {
        this.group = group;
        this.server = server;
        this.jvm = jvm;
    }

    /**
     * @param host     the interface to listen on; null means every interface
     * @param port     the port; 0 picks a free one (see {@link #port()})
     * @param nodeName the rabbitmq_node label of rabbitmq_identity_info
     */
    public static PrometheusEndpoint start(Broker broker, String host, int port, String nodeName) {
        JvmMetrics jvm = new JvmMetrics();
        NodeMetrics node = new NodeMetrics(broker, nodeName);
        MetricsPages pages = new MetricsPages(node, new CoreMetrics(broker), new DetailedMetrics(broker, node), jvm);
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                    new MetricsHandler(pages));
                        }
                    })
                    .bind(host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port))
                    .syncUninterruptibly().channel();
            return new PrometheusEndpoint(group, server, jvm);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            jvm.close();
            throw e;
        }
    }

    /** The bound port (the real one when port 0 was asked for). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        jvm.close();
    }
}
