package io.warren.amqp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.collection.IntObjectHashMap;
import java.util.List;

/**
 * Turns the bytes after the protocol header into {@link Command}s, {@link Heartbeat#INSTANCE} and
 * {@link OversizedContent}, one message per decode step and in wire order.
 *
 * <p>A state machine over the cumulated input, so it works on any split of the input, down to one
 * byte at a time. Method and content header frames are decoded once whole; body frames are copied
 * straight into a body array sized from the content header, as their bytes arrive, so a body is
 * copied once and never buffered twice. Content is assembled per channel, so frames of different
 * channels may interleave. On channel 0 no content is assembled: a content-bearing method there
 * arrives as a command without header and body, and content frames there are errors, as in RabbitMQ.
 *
 * <p>A body larger than the maximum message size is skipped instead of kept, and reported as
 * {@link OversizedContent} once its last frame has gone by. Frame-level violations throw
 * {@link FrameException} (wrapped by Netty in a {@code DecoderException}) with RabbitMQ's reply code
 * and text; after that the decoder discards all further input, as the connection is closing.
 *
 * <p>Belongs to one channel pipeline and runs on its event loop; {@link #setFrameMax} must be called
 * from that event loop too, typically by the handler that receives {@code connection.tune-ok}.
 * Because each decoded message is passed on before the next frame is read, the new limit applies
 * from the frame after tune-ok.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    /** The largest body the decoder can keep: the largest Java array. */
    public static final long MAX_MESSAGE_SIZE_LIMIT = Integer.MAX_VALUE - 8;

    private static final int FRAME_HEADER_SIZE = 7;
    private static final int METHOD_IDS_SIZE = 4;
    private static final int CONTENT_HEADER_FIXED_SIZE = 12;
    private static final int SNIPPET_LENGTH = 16;

    private enum State { FRAME_HEADER, FRAME_PAYLOAD, BODY_PAYLOAD, BODY_FRAME_END, FAILED }

    private final long maxMessageSize;
    private final IntObjectHashMap<ContentAssembly> assemblies = new IntObjectHashMap<>();
    // The first bytes of the body frame being streamed, kept for the error text of a bad frame end.
    private final byte[] bodyFrameStart = new byte[SNIPPET_LENGTH];
    private int frameMax;
    private State state = State.FRAME_HEADER;
    private int frameType;
    private int channel;
    private int payloadSize;
    private int bodyFrameRemaining;
    private ContentAssembly streamingTo;

    /**
     * @param frameMax the largest frame accepted, header and frame end included; 0 for no limit.
     *     Before tuning this is {@link Frames#FRAME_MIN_SIZE}, as in RabbitMQ.
     * @param maxMessageSize bodies larger than this are skipped and reported as {@link OversizedContent};
     *     at most {@link #MAX_MESSAGE_SIZE_LIMIT}
     */
    public FrameDecoder(int frameMax, long maxMessageSize) {
        if (maxMessageSize < 0 || maxMessageSize > MAX_MESSAGE_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxMessageSize must be 0.." + MAX_MESSAGE_SIZE_LIMIT + ": "
                    + maxMessageSize);
        }
        setFrameMax(frameMax);
        this.maxMessageSize = maxMessageSize;
    }

    /** Sets the negotiated frame-max (0 for no limit). Call on the channel's event loop. */
    public void setFrameMax(int frameMax) {
        if (frameMax < 0) {
            throw new IllegalArgumentException("frameMax must not be negative: " + frameMax);
        }
        this.frameMax = frameMax;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            // Return after each message so that Netty passes it on before the next frame is read.
            boolean progress = true;
            while (progress && out.isEmpty()) {
                switch (state) {
                    case FRAME_HEADER -> progress = readFrameHeader(in);
                    case FRAME_PAYLOAD -> progress = readFramePayload(in, out);
                    case BODY_PAYLOAD -> progress = readBodyPayload(in);
                    case BODY_FRAME_END -> progress = readBodyFrameEnd(in, out);
                    case FAILED -> {
                        in.skipBytes(in.readableBytes());
                        progress = false;
                    }
                }
            }
        } catch (RuntimeException e) {
            state = State.FAILED;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private boolean readFrameHeader(ByteBuf in) {
        if (in.readableBytes() < FRAME_HEADER_SIZE) {
            return false;
        }
        int start = in.readerIndex();
        frameType = in.getUnsignedByte(start);
        channel = in.getUnsignedShort(start + 1);
        long size = in.getUnsignedInt(start + 3);
        // RabbitMQ lets the payload reach frame-max itself: clients often forget the 8 framing bytes.
        if (frameMax != 0 ? size > frameMax : size > MAX_MESSAGE_SIZE_LIMIT) {
            throw FrameErrors.frameTooLarge(frameType, size, frameMax);
        }
        in.skipBytes(FRAME_HEADER_SIZE);
        payloadSize = (int) size;
        if (frameType == Frames.FRAME_BODY && channel != 0) {
            ContentAssembly assembly = assemblies.get(channel);
            if (assembly != null && assembly.acceptsBodyFrame(size)) {
                streamingTo = assembly;
                bodyFrameRemaining = payloadSize;
                state = State.BODY_PAYLOAD;
                return true;
            }
        }
        state = State.FRAME_PAYLOAD;
        return true;
    }

    private boolean readFramePayload(ByteBuf in, List<Object> out) {
        if (in.readableBytes() <= payloadSize) {
            return false;
        }
        int start = in.readerIndex();
        int marker = in.getUnsignedByte(start + payloadSize);
        if (marker != Frames.FRAME_END) {
            throw FrameErrors.invalidFrameEnd(frameType, marker, in, start, payloadSize);
        }
        switch (frameType) {
            case Frames.FRAME_METHOD -> onMethodFrame(in, start, out);
            case Frames.FRAME_HEADER -> onContentHeaderFrame(in, start, out);
            case Frames.FRAME_BODY -> throw unexpectedBodyFrame(in, start);
            case Frames.FRAME_HEARTBEAT -> onHeartbeatFrame(in, start, out);
            default -> throw FrameErrors.unknownFrame(frameType, in, start, payloadSize);
        }
        in.readerIndex(start + payloadSize + 1);
        state = State.FRAME_HEADER;
        return true;
    }

    private void onMethodFrame(ByteBuf in, int start, List<Object> out) {
        if (payloadSize < METHOD_IDS_SIZE) {
            throw FrameErrors.unknownFrame(frameType, in, start, payloadSize);
        }
        ContentAssembly assembly = channel == 0 ? null : assemblies.get(channel);
        if (assembly != null) {
            assembly.checkMethodExpected();
        }
        AmqpMethod method = decodeMethod(in, start);
        if (method.hasContent() && channel != 0) {
            if (assembly == null) {
                assembly = new ContentAssembly();
                assemblies.put(channel, assembly);
            }
            assembly.start(method);
        } else {
            out.add(new Command(channel, method));
        }
    }

    private AmqpMethod decodeMethod(ByteBuf in, int start) {
        int classId = in.getUnsignedShort(start);
        int methodId = in.getUnsignedShort(start + 2);
        // Narrowing the cumulation to the arguments, rather than slicing it, spares an object per
        // method; nothing else touches the cumulation while decode runs.
        int writerIndex = in.writerIndex();
        in.readerIndex(start + METHOD_IDS_SIZE);
        in.writerIndex(start + payloadSize);
        try {
            return Methods.decode(classId, methodId, in);
        } finally {
            in.writerIndex(writerIndex);
        }
    }

    private void onContentHeaderFrame(ByteBuf in, int start, List<Object> out) {
        if (payloadSize < CONTENT_HEADER_FIXED_SIZE) {
            throw FrameErrors.unknownFrame(frameType, in, start, payloadSize);
        }
        if (channel == 0) {
            throw FrameErrors.unexpectedFrame(frameType, in, start, payloadSize);
        }
        ContentAssembly assembly = assemblies.get(channel);
        if (assembly == null) {
            throw FrameErrors.expectedMethod();
        }
        byte[] rawProperties = new byte[payloadSize - CONTENT_HEADER_FIXED_SIZE];
        in.getBytes(start + CONTENT_HEADER_FIXED_SIZE, rawProperties);
        Object done = assembly.onHeader(channel, in.getUnsignedShort(start), in.getUnsignedShort(start + 2),
                in.getLong(start + 4), rawProperties, maxMessageSize);
        if (done != null) {
            out.add(done);
        }
    }

    /** A body frame that cannot continue any content: on channel 0, unannounced, or too long. */
    private FrameException unexpectedBodyFrame(ByteBuf in, int start) {
        if (channel == 0) {
            return FrameErrors.unexpectedFrame(frameType, in, start, payloadSize);
        }
        ContentAssembly assembly = assemblies.get(channel);
        return assembly == null ? FrameErrors.expectedMethod() : assembly.bodyFrameError();
    }

    private void onHeartbeatFrame(ByteBuf in, int start, List<Object> out) {
        if (payloadSize != 0) {
            throw FrameErrors.unknownFrame(frameType, in, start, payloadSize);
        }
        if (channel != 0) {
            throw FrameErrors.unexpectedFrame(frameType, in, start, payloadSize);
        }
        out.add(Heartbeat.INSTANCE);
    }

    private boolean readBodyPayload(ByteBuf in) {
        if (bodyFrameRemaining == 0) {
            state = State.BODY_FRAME_END;
            return true;
        }
        int length = Math.min(in.readableBytes(), bodyFrameRemaining);
        if (length == 0) {
            return false;
        }
        int seen = payloadSize - bodyFrameRemaining;
        if (seen < SNIPPET_LENGTH) {
            in.getBytes(in.readerIndex(), bodyFrameStart, seen, Math.min(SNIPPET_LENGTH - seen, length));
        }
        streamingTo.append(in, length);
        bodyFrameRemaining -= length;
        return true;
    }

    private boolean readBodyFrameEnd(ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return false;
        }
        int marker = in.readUnsignedByte();
        if (marker != Frames.FRAME_END) {
            throw FrameErrors.invalidFrameEnd(frameType, marker, bodyFrameStart,
                    Math.min(payloadSize, SNIPPET_LENGTH), payloadSize);
        }
        ContentAssembly assembly = streamingTo;
        streamingTo = null;
        state = State.FRAME_HEADER;
        if (assembly.bodyComplete()) {
            out.add(assembly.finish(channel));
        }
        return true;
    }
}
