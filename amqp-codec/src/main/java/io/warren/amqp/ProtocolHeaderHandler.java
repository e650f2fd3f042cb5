package io.warren.amqp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * The first handler of a connection's pipeline: reads the 8-byte protocol header. On
 * {@code "AMQP" 0 0 9 1} it passes {@link ProtocolHeader#INSTANCE} on and removes itself, handing
 * any bytes after the header to the next handler. Anything else (another version, garbage, an HTTP
 * request) is answered as RabbitMQ answers it: {@code "AMQP" 0 0 9 1} is written back and the
 * connection closed.
 *
 * <p>Like RabbitMQ, it also accepts the AMQP 0-9 header {@code "AMQP" 1 1 0 9}, which is close
 * enough to 0-9-1 for the clients that still send it. One instance per channel, run on its event
 * loop.
 */
public final class ProtocolHeaderHandler extends ByteToMessageDecoder {

    private static final int HEADER_LENGTH = 8;
    private static final byte[] AMQP_0_9 = {'A', 'M', 'Q', 'P', 1, 1, 0, 9};

    private boolean refused;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        if (startsWith(in, Frames.PROTOCOL_HEADER) || startsWith(in, AMQP_0_9)) {
            in.skipBytes(HEADER_LENGTH);
            out.add(ProtocolHeader.INSTANCE);
            ctx.pipeline().remove(this);
            return;
        }
        refused = true;
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Frames.PROTOCOL_HEADER.clone()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean startsWith(ByteBuf in, byte[] header) {
        int start = in.readerIndex();
        for (int i = 0; i < HEADER_LENGTH; i++) {
            if (in.getByte(start + i) != header[i]) {
                return false;
            }
        }
        return true;
    }
}
