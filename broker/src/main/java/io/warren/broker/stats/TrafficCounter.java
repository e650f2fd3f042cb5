package io.warren.broker.stats;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts a connection's socket traffic at the head of its pipeline: bytes in and out, socket
 * reads, and flushes. RabbitMQ's recv_cnt and send_cnt are the socket's packet counts
 * (inet:getstat), which a read and a flush stand for here. Runs on the connection's event loop,
 * the counters' one writer.
 */
public final class TrafficCounter extends ChannelDuplexHandler {
    private final ConnectionStatistics statistics;

    public TrafficCounter(ConnectionStatistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            statistics.received(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            statistics.sending(buf.readableBytes());
        }
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        statistics.flushed();
        ctx.flush();
    }
}
