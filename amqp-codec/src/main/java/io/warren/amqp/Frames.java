package io.warren.amqp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.warren.amqp.method.BasicDeliver;
import io.warren.amqp.method.BasicGetOk;
import io.warren.amqp.method.BasicPublish;
import io.warren.amqp.method.BasicReturn;

/**
 * Writes AMQP frames. A frame is a type octet, a 16-bit channel, a 32-bit payload size, the payload
 * and the frame-end octet 0xCE. Stateless; any thread may call it with buffers it owns.
 */
public final class Frames {

    public static final int FRAME_METHOD = 1;
    public static final int FRAME_HEADER = 2;
    public static final int FRAME_BODY = 3;
    public static final int FRAME_HEARTBEAT = 8;
    public static final int FRAME_END = 0xCE;
    /** The smallest frame-max a peer may negotiate, and the one in force until tuning. */
    public static final int FRAME_MIN_SIZE = 4096;
    /** The bytes a frame takes beyond its payload: 7 of header and the frame-end octet. */
    public static final int EMPTY_FRAME_SIZE = 8;

    /** {@code "AMQP" 0 0 9 1}, the header a 0-9-1 peer opens with. Do not modify the array. */
    public static final byte[] PROTOCOL_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    /** Bodies from this size on are wrapped rather than copied by {@link #encodeContentCommand}. */
    static final int LARGE_BODY = 64 * 1024;

    private static final int FRAME_HEADER_SIZE = 7;
    private static final int CONTENT_HEADER_FIXED_SIZE = 12;
    private static final int METHOD_IDS_SIZE = 4;
    private static final int UNKNOWN_ARGUMENTS_SIZE = 256;

    private Frames() {
    }

    /** Writes {@code method} as one method frame. */
    public static void writeMethod(ByteBuf out, int channel, AmqpMethod method) {
        int start = out.writerIndex();
        out.writeByte(FRAME_METHOD).writeShort(channel).writeInt(0);
        out.writeShort(method.classId()).writeShort(method.methodId());
        method.writeArguments(out);
        out.setInt(start + 3, out.writerIndex() - start - FRAME_HEADER_SIZE);
        out.writeByte(FRAME_END);
    }

    /** Writes a content header frame; {@code rawProperties} are the flags and property list. */
    public static void writeContentHeader(ByteBuf out, int channel, int classId, long bodySize, byte[] rawProperties) {
        out.writeByte(FRAME_HEADER).writeShort(channel).writeInt(CONTENT_HEADER_FIXED_SIZE + rawProperties.length);
        out.writeShort(classId).writeShort(0).writeLong(bodySize);
        out.writeBytes(rawProperties);
        out.writeByte(FRAME_END);
    }

    /**
     * Writes {@code body} as body frames of at most {@code frameMax - 8} payload bytes each; nothing
     * for an empty body.
     *
     * @param frameMax the negotiated frame-max, or 0 for no limit
     */
    public static void writeBody(ByteBuf out, int channel, byte[] body, int frameMax) {
        int chunk = maxBodyPayload(frameMax, body.length);
        for (int offset = 0; offset < body.length; offset += chunk) {
            int length = Math.min(chunk, body.length - offset);
            writeBodyFrameHeader(out, channel, length);
            out.writeBytes(body, offset, length);
            out.writeByte(FRAME_END);
        }
    }

    public static void writeHeartbeat(ByteBuf out) {
        out.writeByte(FRAME_HEARTBEAT).writeShort(0).writeInt(0).writeByte(FRAME_END);
    }

    /**
     * Encodes a content-bearing method with its header and body, ready to write to a channel: the
     * delivery path. A body under 64 KiB is copied into one buffer sized up front; a larger one is
     * not copied but wrapped, its slices placed between small frame-header buffers in a composite.
     * The caller owns the returned buffer; {@code body} must not change until it has been written.
     *
     * @param frameMax the negotiated frame-max, or 0 for no limit
     */
    public static ByteBuf encodeContentCommand(ByteBufAllocator alloc, int channel, AmqpMethod method,
                                               byte[] rawProperties, byte[] body, int frameMax) {
        if (!method.hasContent()) {
            throw new IllegalArgumentException(method.name() + " carries no content");
        }
        int chunk = maxBodyPayload(frameMax, body.length);
        int bodyFrames = body.length == 0 ? 0 : (body.length - 1) / chunk + 1;
        int headSize = EMPTY_FRAME_SIZE + METHOD_IDS_SIZE + argumentsSizeBound(method)
                + EMPTY_FRAME_SIZE + CONTENT_HEADER_FIXED_SIZE + rawProperties.length;
        if (body.length < LARGE_BODY) {
            ByteBuf out = alloc.buffer(headSize + body.length + bodyFrames * EMPTY_FRAME_SIZE);
            try {
                writeMethod(out, channel, method);
                writeContentHeader(out, channel, method.classId(), body.length, rawProperties);
                writeBody(out, channel, body, frameMax);
                return out;
            } catch (RuntimeException e) {
                out.release();
                throw e;
            }
        }
        return encodeLargeContentCommand(alloc, channel, method, rawProperties, body, chunk, bodyFrames, headSize);
    }

    private static ByteBuf encodeLargeContentCommand(ByteBufAllocator alloc, int channel, AmqpMethod method,
                                                     byte[] rawProperties, byte[] body, int chunk, int bodyFrames,
                                                     int headSize) {
        CompositeByteBuf out = alloc.compositeBuffer(2 * bodyFrames + 1);
        ByteBuf head = alloc.buffer(headSize + FRAME_HEADER_SIZE);
        // Each separator ends one body frame and starts the next; the last one only ends.
        ByteBuf separators = alloc.buffer(bodyFrames * EMPTY_FRAME_SIZE - FRAME_HEADER_SIZE);
        ByteBuf wrappedBody = Unpooled.wrappedBuffer(body);
        try {
            writeMethod(head, channel, method);
            writeContentHeader(head, channel, method.classId(), body.length, rawProperties);
            writeBodyFrameHeader(head, channel, Math.min(chunk, body.length));
            out.addComponent(true, head.retain());
            for (int offset = 0; offset < body.length; offset += chunk) {
                int length = Math.min(chunk, body.length - offset);
                out.addComponent(true, wrappedBody.retainedSlice(offset, length));
                int separatorStart = separators.writerIndex();
                separators.writeByte(FRAME_END);
                int next = offset + length;
                if (next < body.length) {
                    writeBodyFrameHeader(separators, channel, Math.min(chunk, body.length - next));
                }
                int separatorLength = separators.writerIndex() - separatorStart;
                out.addComponent(true, separators.retainedSlice(separatorStart, separatorLength));
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            head.release();
            separators.release();
            wrappedBody.release();
        }
    }

    private static void writeBodyFrameHeader(ByteBuf out, int channel, int payloadSize) {
        out.writeByte(FRAME_BODY).writeShort(channel).writeInt(payloadSize);
    }

    private static int maxBodyPayload(int frameMax, int bodyLength) {
        if (frameMax == 0) {
            return Math.max(bodyLength, 1);
        }
        if (frameMax <= EMPTY_FRAME_SIZE) {
            throw new IllegalArgumentException("frame-max too small for a body frame: " + frameMax);
        }
        return frameMax - EMPTY_FRAME_SIZE;
    }

    // An upper bound on the argument bytes of the content methods, so that their buffer is sized
    // once; a short string takes at most 3 bytes per char and never more than 255.
    private static int argumentsSizeBound(AmqpMethod method) {
        if (method instanceof BasicDeliver d) {
            return shortStrBound(d.consumerTag()) + 8 + 1 + shortStrBound(d.exchange()) + shortStrBound(d.routingKey());
        } else if (method instanceof BasicGetOk g) {
            return 8 + 1 + shortStrBound(g.exchange()) + shortStrBound(g.routingKey()) + 4;
        } else if (method instanceof BasicReturn r) {
            return 2 + shortStrBound(r.replyText()) + shortStrBound(r.exchange()) + shortStrBound(r.routingKey());
        } else if (method instanceof BasicPublish p) {
            return 2 + shortStrBound(p.exchange()) + shortStrBound(p.routingKey()) + 1;
        }
        return UNKNOWN_ARGUMENTS_SIZE;
    }

    private static int shortStrBound(String value) {
        return 1 + (value == null ? 0 : Math.min(Wire.SHORT_STR_MAX, 3 * value.length()));
    }
}
