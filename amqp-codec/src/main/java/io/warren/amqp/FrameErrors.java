package io.warren.amqp;

import io.netty.buffer.ByteBuf;

/**
 * The frame errors RabbitMQ reports, with its texts (rabbit_reader.erl, rabbit_command_assembler.erl,
 * rabbit_binary_parser.erl), including the Erlang rendering of the offending bytes.
 */
final class FrameErrors {

    private static final int SNIPPET_LENGTH = 16;

    // An explanation longer than a short string is cut on the wire anyway; this many bytes always
    // render to more than 255 characters, so formatting more would change nothing the peer sees.
    private static final int MAX_RENDERED_BYTES = 128;

    private FrameErrors() {
    }

    static FrameException frameTooLarge(int type, long payloadSize, int frameMax) {
        return new FrameException(ReplyCode.FRAME_ERROR, "type " + type + ", all octets = <<>>: {frame_too_large,"
                + payloadSize + "," + (frameMax - Frames.EMPTY_FRAME_SIZE) + "}");
    }

    static FrameException invalidFrameEnd(int type, int marker, ByteBuf payload, int index, int size) {
        return new FrameException(ReplyCode.FRAME_ERROR, "type " + type + ", " + snippet(payload, index, size)
                + ": {invalid_frame_end_marker," + marker + "}");
    }

    static FrameException invalidFrameEnd(int type, int marker, byte[] snippet, int snippetLength, int size) {
        String octets = (size <= SNIPPET_LENGTH ? "all" : "first 16") + " octets = "
                + binary(snippet, snippetLength);
        return new FrameException(ReplyCode.FRAME_ERROR, "type " + type + ", " + octets
                + ": {invalid_frame_end_marker," + marker + "}");
    }

    /** A frame of an unknown type, or one too short for its type. */
    static FrameException unknownFrame(int type, ByteBuf payload, int index, int size) {
        return new FrameException(ReplyCode.FRAME_ERROR, "type " + type + ", " + snippet(payload, index, size)
                + ": unknown_frame");
    }

    /** A frame of a known type on a channel that may not carry it (channel 0, or a heartbeat elsewhere). */
    static FrameException unexpectedFrame(int type, ByteBuf payload, int index, int size) {
        return new FrameException(ReplyCode.UNEXPECTED_FRAME, "type " + type + ", " + snippet(payload, index, size));
    }

    static FrameException expectedMethod() {
        return new FrameException(ReplyCode.UNEXPECTED_FRAME, "expected method frame, got non method frame instead");
    }

    static FrameException expectedContentHeader(AmqpMethod pending) {
        return new FrameException(ReplyCode.UNEXPECTED_FRAME, "expected content header for class "
                + pending.classId() + ", got non content header frame instead", pending.classId(), pending.methodId());
    }

    static FrameException contentHeaderClassMismatch(AmqpMethod pending, int headerClassId) {
        return new FrameException(ReplyCode.UNEXPECTED_FRAME, "expected content header for class "
                + pending.classId() + ", got one for class " + headerClassId + " instead",
                pending.classId(), pending.methodId());
    }

    static FrameException expectedContentBody(AmqpMethod pending) {
        return new FrameException(ReplyCode.UNEXPECTED_FRAME, "expected content body, got non content body frame "
                + "instead", pending.classId(), pending.methodId());
    }

    static FrameException bodyExceedsContentSize(AmqpMethod pending) {
        return new FrameException(ReplyCode.FRAME_ERROR, "content body frame exceeds remaining content size",
                pending.classId(), pending.methodId());
    }

    static FrameException cannotDecode(ByteBuf args, int index, int length, int classId, int methodId) {
        return new FrameException(ReplyCode.FRAME_ERROR, "cannot decode " + integers(args, index, length),
                classId, methodId);
    }

    static FrameException malformedUtf8() {
        return new FrameException(ReplyCode.FRAME_ERROR, "Malformed UTF-8 in shortstr");
    }

    // RabbitMQ crashes the connection on an unknown class or method id without sending a close;
    // COMMAND_INVALID tells the peer why instead.
    static FrameException unknownClass(int classId, int methodId) {
        return new FrameException(ReplyCode.COMMAND_INVALID, "unknown class id " + classId, classId, methodId);
    }

    static FrameException unknownMethod(int classId, int methodId) {
        return new FrameException(ReplyCode.COMMAND_INVALID, "unknown method id " + methodId + " in class "
                + classId, classId, methodId);
    }

    static FrameException malformedProperties(byte[] rawProperties, int classId) {
        return new FrameException(ReplyCode.FRAME_ERROR, "cannot decode content header properties "
                + integers(rawProperties), classId, 0);
    }

    /** Erlang's {@code "~ts octets = ~tp"} of a payload: all of it, or its first 16 bytes. */
    private static String snippet(ByteBuf payload, int index, int size) {
        int shown = Math.min(size, SNIPPET_LENGTH);
        byte[] bytes = new byte[shown];
        payload.getBytes(index, bytes);
        return (size <= SNIPPET_LENGTH ? "all" : "first 16") + " octets = " + binary(bytes, shown);
    }

    /**
     * A binary as Erlang's {@code ~tp} prints it: {@code <<"abc">>} when every byte is printable
     * ASCII or one of the escapable control characters, otherwise {@code <<0,60>>}. (Erlang would
     * also print Latin-1 letters as text; those are rendered as integers here.)
     */
    static String binary(byte[] bytes, int length) {
        if (length == 0 || !printable(bytes, length)) {
            return integers(bytes, length);
        }
        StringBuilder text = new StringBuilder(length + 6).append("<<\"");
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\b' -> text.append("\\b");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case 0x0B -> text.append("\\v");
                case '\f' -> text.append("\\f");
                case '\r' -> text.append("\\r");
                case 0x1B -> text.append("\\e");
                default -> text.append((char) b);
            }
        }
        return text.append("\">>").toString();
    }

    private static boolean printable(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (!(b >= 0x20 && b < 0x7F || b >= 0x08 && b <= 0x0D || b == 0x1B)) {
                return false;
            }
        }
        return true;
    }

    /** A binary as Erlang's {@code ~w} prints it: {@code <<0,60,97>>}. */
    private static String integers(ByteBuf buf, int index, int length) {
        int shown = Math.min(length, MAX_RENDERED_BYTES);
        byte[] bytes = new byte[shown];
        buf.getBytes(index, bytes);
        return integers(bytes, shown);
    }

    private static String integers(byte[] bytes) {
        return integers(bytes, Math.min(bytes.length, MAX_RENDERED_BYTES));
    }

    private static String integers(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder(4 * length + 4).append("<<");
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(bytes[i] & 0xFF);
        }
        return text.append(">>").toString();
    }
}
