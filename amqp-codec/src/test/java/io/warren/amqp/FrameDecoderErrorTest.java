package io.warren.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.warren.amqp.method.BasicPublish;
import io.warren.amqp.method.ChannelOpen;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every frame-level violation, with the reply code, text and method ids RabbitMQ sends for it
 * (observed on RabbitMQ 3.10 by sending the same bytes, or read from rabbit_command_assembler.erl).
 */
class FrameDecoderErrorTest {

    private static final int FRAME_MAX = 131_072;
    private static final BasicPublish PUBLISH = new BasicPublish(0, "", "q", false, false);

    private static FrameBytes frames() {
        return new FrameBytes();
    }

    private static FrameBytes publish() {
        return frames().method(1, PUBLISH);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("frame larger than frame-max",
                        frames().raw((byte) 1, (byte) 0, (byte) 1, (byte) 0, (byte) 2, (byte) 0, (byte) 1),
                        501, "type 1, all octets = <<>>: {frame_too_large,131073,131064}", 0, 0),
                Arguments.of("bad frame end after a method",
                        frames().frame(1, 1, new byte[] {0, 60, 0, 40, 0, 0, 0, 1, 'q', 0}, 0),
                        501, "type 1, all octets = <<0,60,0,40,0,0,0,1,113,0>>: {invalid_frame_end_marker,0}", 0, 0),
                Arguments.of("bad frame end after a streamed body frame",
                        publish().header(1, 5).frame(3, 1, "hello".getBytes(), 0xCD),
                        501, "type 3, all octets = <<\"hello\">>: {invalid_frame_end_marker,205}", 0, 0),
                Arguments.of("bad frame end after a long body frame",
                        publish().header(1, 20).frame(3, 1, "0123456789abcdef\"\\\n\t".getBytes(), 0),
                        501, "type 3, first 16 octets = <<\"0123456789abcdef\">>: {invalid_frame_end_marker,0}",
                        0, 0),
                Arguments.of("unknown frame type",
                        frames().frame(9, 1, "abc".getBytes()),
                        501, "type 9, all octets = <<\"abc\">>: unknown_frame", 0, 0),
                Arguments.of("heartbeat on a channel",
                        frames().frame(8, 1, new byte[0]),
                        505, "type 8, all octets = <<>>", 0, 0),
                Arguments.of("heartbeat with a payload",
                        frames().frame(8, 0, "x".getBytes()),
                        501, "type 8, all octets = <<\"x\">>: unknown_frame", 0, 0),
                Arguments.of("content header without a method",
                        frames().header(1, 5),
                        505, "expected method frame, got non method frame instead", 0, 0),
                Arguments.of("content body without a method",
                        frames().body(1, "hello".getBytes()),
                        505, "expected method frame, got non method frame instead", 0, 0),
                Arguments.of("content header on channel 0",
                        frames().header(0, 5),
                        505, "type 2, all octets = <<0,60,0,0,0,0,0,0,0,0,0,5,0,0>>", 0, 0),
                Arguments.of("content body on channel 0",
                        frames().body(0, "hello".getBytes()),
                        505, "type 3, all octets = <<\"hello\">>", 0, 0),
                Arguments.of("method while a content header is expected",
                        publish().method(1, PUBLISH),
                        505, "expected content header for class 60, got non content header frame instead", 60, 40),
                Arguments.of("body while a content header is expected",
                        publish().body(1, "hello".getBytes()),
                        505, "expected content header for class 60, got non content header frame instead", 60, 40),
                Arguments.of("method while a content body is expected",
                        publish().header(1, 5).method(1, new ChannelOpen("")),
                        505, "expected content body, got non content body frame instead", 60, 40),
                Arguments.of("header while a content body is expected",
                        publish().header(1, 5).header(1, 5),
                        505, "expected content body, got non content body frame instead", 60, 40),
                Arguments.of("content header of another class",
                        publish().header(1, 50, 0, 5, new byte[] {0, 0}),
                        505, "expected content header for class 60, got one for class 50 instead", 60, 40),
                Arguments.of("content header with a non-zero weight",
                        publish().header(1, 60, 1, 5, new byte[] {0, 0}),
                        505, "expected content header for class 60, got non content header frame instead", 60, 40),
                Arguments.of("body frame bigger than the rest of the body",
                        publish().header(1, 3).body(1, "hello".getBytes()),
                        501, "content body frame exceeds remaining content size", 60, 40),
                Arguments.of("body frame overrunning the body after a first frame",
                        publish().header(1, 6).body(1, "hello".getBytes()).body(1, "!!".getBytes()),
                        501, "content body frame exceeds remaining content size", 60, 40),
                Arguments.of("unknown method id",
                        frames().frame(1, 1, new byte[] {0, 60, 0, 99}),
                        503, "unknown method id 99 in class 60", 60, 99),
                Arguments.of("unknown class id",
                        frames().frame(1, 1, new byte[] {0, 77, 0, 10}),
                        503, "unknown class id 77", 77, 10),
                Arguments.of("truncated method arguments",
                        frames().frame(1, 1, new byte[] {0, 50, 0, 10, 0, 0, 5, 'a', 'b'}),
                        501, "cannot decode <<0,0,5,97,98>>", 50, 10),
                Arguments.of("method frame too short for its ids",
                        frames().frame(1, 1, new byte[] {0, 60}),
                        501, "type 1, all octets = <<0,60>>: unknown_frame", 0, 0),
                Arguments.of("content header frame too short",
                        publish().frame(2, 1, new byte[] {0, 60, 0, 0}),
                        501, "type 2, all octets = <<0,60,0,0>>: unknown_frame", 0, 0),
                Arguments.of("malformed UTF-8 in a short string",
                        frames().frame(1, 1,
                                new byte[] {0, 50, 0, 10, 0, 0, 2, (byte) 0xFF, (byte) 0xFE, 0, 0, 0, 0, 0}),
                        501, "Malformed UTF-8 in shortstr", 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void violationFedWholeIsRejectedAsRabbitMqRejectsIt(String name, FrameBytes input, int code, String text,
                                                        int classId, int methodId) {
        assertRejected(input.toBytes(), Integer.MAX_VALUE, code, text, classId, methodId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void violationFedByteByByteIsRejectedTheSameWay(String name, FrameBytes input, int code, String text,
                                                   int classId, int methodId) {
        assertRejected(input.toBytes(), 1, code, text, classId, methodId);
    }

    private static void assertRejected(byte[] bytes, int pieceSize, int code, String text, int classId, int methodId) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 1 << 20));
        List<ByteBuf> fed = new ArrayList<>();
        FrameException error = null;
        for (int offset = 0; offset < bytes.length && error == null; offset += pieceSize) {
            int length = Math.min(pieceSize, bytes.length - offset);
            ByteBuf piece = Unpooled.copiedBuffer(bytes, offset, length);
            fed.add(piece);
            try {
                channel.writeInbound(piece);
            } catch (DecoderException e) {
                error = assertInstanceOf(FrameException.class, e.getCause());
            }
        }
        if (error == null) {
            throw new AssertionError("no FrameException for " + text);
        }
        assertEquals(code, error.replyCode());
        assertEquals(text, error.replyText());
        assertEquals(classId, error.classId());
        assertEquals(methodId, error.methodId());
        assertEquals(ReplyCode.name(code) + " - " + text, error.closeReplyText());

        // The connection is closing: whatever follows, even well-formed frames, is discarded.
        ByteBuf after = Unpooled.wrappedBuffer(new FrameBytes().heartbeat().method(1, new ChannelOpen("")).toBytes());
        fed.add(after);
        channel.writeInbound(after);
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
        for (ByteBuf buf : fed) {
            assertEquals(0, buf.refCnt());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void frameExceptionCarriesNoStackTrace(String name, FrameBytes input, int code, String text,
                                           int classId, int methodId) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 1 << 20));
        DecoderException e = assertThrows(DecoderException.class,
                () -> channel.writeInbound(Unpooled.wrappedBuffer(input.toBytes())));
        assertEquals(0, e.getCause().getStackTrace().length);
        assertEquals(ReplyCode.name(code) + " - " + text, e.getCause().getMessage());
        channel.finishAndReleaseAll();
    }
}
