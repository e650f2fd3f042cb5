package io.warren.amqp;

import io.netty.buffer.ByteBuf;

/**
 * What one channel has received of a content-bearing command: nothing (it expects a method), the
 * method (it expects a content header), or method and header (it expects body bytes). Enforces the
 * order RabbitMQ's rabbit_command_assembler enforces, with its error texts. Kept per channel for the
 * connection's life and reused, so assembling a message allocates only the message itself. Owned
 * by one {@link FrameDecoder}.
 */
final class ContentAssembly {

    private static final byte[] EMPTY_BODY = new byte[0];

    private AmqpMethod method;
    private ContentHeader header;
    private byte[] body;
    private int filled;
    private long remaining;
    private boolean discarding;

    /** Throws unless the channel is between commands, where a method frame belongs. */
    void checkMethodExpected() {
        if (method != null) {
            throw header == null ? FrameErrors.expectedContentHeader(method) : FrameErrors.expectedContentBody(method);
        }
    }

    void start(AmqpMethod contentMethod) {
        method = contentMethod;
    }

    /**
     * Takes a content header frame's fields; returns the finished command when the body is empty,
     * else null.
     */
    Object onHeader(int channel, int classId, int weight, long bodySize, byte[] rawProperties, long maxMessageSize) {
        if (method == null) {
            throw FrameErrors.expectedMethod();
        }
        if (header != null) {
            throw FrameErrors.expectedContentBody(method);
        }
        if (weight != 0) {
            throw FrameErrors.expectedContentHeader(method);
        }
        if (classId != method.classId()) {
            throw FrameErrors.contentHeaderClassMismatch(method, classId);
        }
        header = new ContentHeader(classId, bodySize, rawProperties);
        if (bodySize == 0) {
            body = EMPTY_BODY;
            return finish(channel);
        }
        remaining = bodySize;
        // The size is unsigned: a negative long is beyond any limit.
        discarding = bodySize < 0 || bodySize > maxMessageSize;
        if (!discarding) {
            body = new byte[(int) bodySize];
            filled = 0;
        }
        return null;
    }

    /** Whether a body frame of {@code payloadSize} bytes continues this content. */
    boolean acceptsBodyFrame(long payloadSize) {
        return header != null && Long.compareUnsigned(payloadSize, remaining) <= 0;
    }

    /** The error for a body frame that {@link #acceptsBodyFrame} refused. */
    FrameException bodyFrameError() {
        if (method == null) {
            return FrameErrors.expectedMethod();
        }
        if (header == null) {
            return FrameErrors.expectedContentHeader(method);
        }
        return FrameErrors.bodyExceedsContentSize(method);
    }

    /** Consumes {@code length} body bytes from {@code in}, keeping them unless the body is discarded. */
    void append(ByteBuf in, int length) {
        if (discarding) {
            in.skipBytes(length);
        } else {
            in.readBytes(body, filled, length);
            filled += length;
        }
        remaining -= length;
    }

    boolean bodyComplete() {
        return remaining == 0;
    }

    /** The finished {@link Command}, or {@link OversizedContent} if the body was discarded; resets. */
    Object finish(int channel) {
        Object done = discarding
                ? new OversizedContent(channel, method, header.bodySize())
                : new Command(channel, method, header, body);
        method = null;
        header = null;
        body = null;
        discarding = false;
        return done;
    }
}
