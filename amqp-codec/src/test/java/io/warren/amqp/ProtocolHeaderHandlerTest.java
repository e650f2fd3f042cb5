package io.warren.amqp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.warren.amqp.method.ChannelOpen;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolHeaderHandlerTest {

    private static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    private final List<ByteBuf> fed = new ArrayList<>();

    private EmbeddedChannel pipeline() {
        return new EmbeddedChannel(new ProtocolHeaderHandler(), new FrameDecoder(Frames.FRAME_MIN_SIZE, 1 << 20));
    }

    private void feed(EmbeddedChannel channel, byte[] bytes, int pieceSize) {
        // A refused peer's further bytes are not fed: the channel is closed by then, as a socket would be.
        for (int offset = 0; offset < bytes.length && channel.isOpen(); offset += pieceSize) {
            ByteBuf piece = Unpooled.copiedBuffer(bytes, offset, Math.min(pieceSize, bytes.length - offset));
            fed.add(piece);
            channel.writeInbound(piece);
        }
    }

    private void assertReleased() {
        for (ByteBuf buf : fed) {
            assertEquals(0, buf.refCnt());
        }
    }

    @Test
    void acceptedHeaderIsPassedOnAndTheBytesAfterItReachTheFrameDecoder() {
        byte[] bytes = FieldTablesTest.concat(AMQP_0_9_1,
                new FrameBytes().heartbeat().method(1, new ChannelOpen("")).toBytes());
        EmbeddedChannel channel = pipeline();
        feed(channel, bytes, Integer.MAX_VALUE);
        assertSame(ProtocolHeader.INSTANCE, channel.readInbound());
        assertSame(Heartbeat.INSTANCE, channel.readInbound());
        assertEquals(new Command(1, new ChannelOpen("")), channel.readInbound());
        assertNull(channel.pipeline().get(ProtocolHeaderHandler.class), "removed itself");
        assertNull(channel.readOutbound(), "nothing written back");
        assertTrue(channel.isOpen());
        assertFalse(channel.finish());
        assertReleased();
    }

    @Test
    void headerFedByteByByteIsAccepted() {
        EmbeddedChannel channel = pipeline();
        feed(channel, FieldTablesTest.concat(AMQP_0_9_1, new FrameBytes().heartbeat().toBytes()), 1);
        assertSame(ProtocolHeader.INSTANCE, channel.readInbound());
        assertSame(Heartbeat.INSTANCE, channel.readInbound());
        assertFalse(channel.finish());
        assertReleased();
    }

    @Test
    void amqp09HeaderIsAcceptedAsRabbitMqAcceptsIt() {
        EmbeddedChannel channel = pipeline();
        feed(channel, new byte[] {'A', 'M', 'Q', 'P', 1, 1, 0, 9}, Integer.MAX_VALUE);
        assertSame(ProtocolHeader.INSTANCE, channel.readInbound());
        assertTrue(channel.isOpen());
        assertFalse(channel.finish());
    }

    @Test
    void incompleteHeaderWaits() {
        EmbeddedChannel channel = pipeline();
        feed(channel, new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9}, Integer.MAX_VALUE);
        assertNull(channel.readInbound());
        assertNull(channel.readOutbound());
        assertTrue(channel.isOpen());
        assertFalse(channel.finishAndReleaseAll());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AMQP\0\0\10\0", "AMQP\0\1\0\0", "AMQP\3\1\0\0", "AMQP\0\0\11\2", "amqp\0\0\11\1",
            "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", "abcdefgh", "\26\3\1\2\0\1\0\0"})
    void anyOtherHeaderGetsOurVersionBackAndTheConnectionClosed(String header) {
        EmbeddedChannel channel = pipeline();
        feed(channel, header.getBytes(StandardCharsets.ISO_8859_1), 3);
        ByteBuf written = channel.readOutbound();
        byte[] bytes = new byte[written.readableBytes()];
        written.readBytes(bytes);
        written.release();
        assertArrayEquals(AMQP_0_9_1, bytes);
        assertFalse(channel.isOpen(), "closed");
        assertNull(channel.readInbound());
        assertNull(channel.readOutbound());
        assertReleased();
    }
}
