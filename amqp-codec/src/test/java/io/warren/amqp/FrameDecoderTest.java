package io.warren.amqp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.warren.amqp.method.BasicPublish;
import io.warren.amqp.method.ChannelOpen;
import io.warren.amqp.method.ConnectionTuneOk;
import io.warren.amqp.method.QueueDeclare;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final int FRAME_MAX = 4096;
    private static final BasicPublish PUBLISH = new BasicPublish(0, "amq.direct", "orders.new", true, false);
    private static final byte[] PROPERTIES = BasicPropertiesTest.allFourteen().toBytes();

    private final List<ByteBuf> fed = new ArrayList<>();
    private EmbeddedChannel channel;

    @AfterEach
    void everyInputBufferIsReleasedAndNothingIsLeft() {
        if (channel != null) {
            assertFalse(channel.finish(), "no message left over");
        }
        for (ByteBuf buf : fed) {
            assertEquals(0, buf.refCnt(), "input buffer released");
        }
    }

    /** A connection's worth of traffic: heartbeat, tune-ok, channel traffic, multi-frame content. */
    private static byte[] conversation(byte[] body) {
        FrameBytes frames = new FrameBytes()
                .heartbeat()
                .method(0, new ConnectionTuneOk(2047, FRAME_MAX, 60))
                .method(1, new ChannelOpen(""))
                .method(1, PUBLISH)
                .header(1, 60, 0, body.length, PROPERTIES);
        int chunk = FRAME_MAX - 8;
        for (int offset = 0; offset < body.length; offset += chunk) {
            frames.body(1, java.util.Arrays.copyOfRange(body, offset, Math.min(body.length, offset + chunk)));
        }
        return frames
                .method(1, PUBLISH)
                .header(1, 60, 0, 0, new byte[] {0, 0})
                .method(2, new QueueDeclare(0, "q", false, true, false, false, false, Map.of("x-max-length", 10)))
                .toBytes();
    }

    private void assertConversation(List<Object> messages, byte[] body) {
        assertEquals(6, messages.size(), messages.toString());
        assertSame(Heartbeat.INSTANCE, messages.get(0));
        assertEquals(new Command(0, new ConnectionTuneOk(2047, FRAME_MAX, 60)), messages.get(1));
        assertEquals(new Command(1, new ChannelOpen("")), messages.get(2));

        Command publish = (Command) messages.get(3);
        assertEquals(1, publish.channel());
        assertEquals(PUBLISH, publish.method());
        assertEquals(60, publish.header().classId());
        assertEquals(body.length, publish.header().bodySize());
        assertArrayEquals(PROPERTIES, publish.header().rawProperties());
        assertEquals(BasicPropertiesTest.allFourteen(), publish.header().properties());
        assertArrayEquals(body, publish.body());

        Command empty = (Command) messages.get(4);
        assertEquals(0, empty.header().bodySize());
        assertEquals(0, empty.body().length);

        Command declare = (Command) messages.get(5);
        assertEquals(2, declare.channel());
        assertNull(declare.header());
        assertNull(declare.body());
        assertEquals(Map.of("x-max-length", 10), ((QueueDeclare) declare.method()).arguments());
    }

    @Test
    void decodesAConversationFedInOneChunk() {
        byte[] body = body(10_000);
        channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 1 << 20));
        feed(conversation(body), Integer.MAX_VALUE);
        assertConversation(drain(), body);
    }

    @Test
    void decodesAConversationFedByteByByte() {
        byte[] body = body(10_000);
        channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 1 << 20));
        feed(conversation(body), 1);
        assertConversation(drain(), body);
    }

    @Test
    void decodesAConversationFedInRandomPieces() {
        byte[] body = body(9_000);
        byte[] bytes = conversation(body);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 1 << 20));
            int offset = 0;
            while (offset < bytes.length) {
                int length = Math.min(bytes.length - offset, 1 + random.nextInt(600));
                ByteBuf piece = Unpooled.copiedBuffer(bytes, offset, length);
                fed.add(piece);
                ch.writeInbound(piece);
                offset += length;
            }
            List<Object> messages = new ArrayList<>();
            for (Object m; (m = ch.readInbound()) != null; ) {
                messages.add(m);
            }
            assertConversation(messages, body);
            assertFalse(ch.finish());
        }
    }

    @Test
    void contentOfInterleavedChannelsIsAssembledPerChannel() {
        byte[] first = body(6000);
        byte[] second = body(100);
        BasicPublish other = new BasicPublish(0, "", "q2", false, false);
        byte[] bytes = new FrameBytes()
                .method(1, PUBLISH)
                .method(2, other)
                .header(2, second.length)
                .header(1, first.length)
                .body(1, java.util.Arrays.copyOfRange(first, 0, 4000))
                .body(2, second)
                .method(3, new ChannelOpen(""))
                .body(1, java.util.Arrays.copyOfRange(first, 4000, 6000))
                .toBytes();
        channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 1 << 20));
        feed(bytes, 7);
        List<Object> messages = drain();
        assertEquals(3, messages.size());
        Command two = (Command) messages.get(0);
        assertEquals(2, two.channel());
        assertEquals(other, two.method());
        assertArrayEquals(second, two.body());
        assertEquals(new Command(3, new ChannelOpen("")), messages.get(1));
        Command one = (Command) messages.get(2);
        assertEquals(1, one.channel());
        assertArrayEquals(first, one.body());
    }

    @Test
    void emptyBodyFramesAreAllowed() {
        byte[] bytes = new FrameBytes().method(1, PUBLISH).header(1, 2).body(1, new byte[0])
                .body(1, new byte[] {'o', 'k'}).toBytes();
        channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 1 << 20));
        feed(bytes, 3);
        List<Object> messages = drain();
        assertEquals(1, messages.size());
        assertArrayEquals(new byte[] {'o', 'k'}, ((Command) messages.get(0)).body());
    }

    @Test
    void contentMethodOnChannelZeroArrivesWithoutContent() {
        // The connection rejects it; the decoder must not wait for a header that never belongs there.
        byte[] bytes = new FrameBytes().method(0, PUBLISH).method(0, new ConnectionTuneOk(0, 0, 0)).toBytes();
        channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 1 << 20));
        feed(bytes, Integer.MAX_VALUE);
        assertEquals(List.of(new Command(0, PUBLISH), new Command(0, new ConnectionTuneOk(0, 0, 0))), drain());
    }

    @Test
    void frameMaxSetOnTuneOkAppliesToTheVeryNextFrame() {
        FrameDecoder decoder = new FrameDecoder(FRAME_MAX, 1 << 20);
        ChannelInboundHandlerAdapter tuner = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Command c && c.method() instanceof ConnectionTuneOk tuneOk) {
                    decoder.setFrameMax((int) tuneOk.frameMax());
                }
                ctx.fireChannelRead(msg);
            }
        };
        byte[] big = body(20_000);
        byte[] bytes = new FrameBytes()
                .method(0, new ConnectionTuneOk(2047, 131_072, 60))
                .method(1, PUBLISH)
                .header(1, big.length)
                .body(1, big)
                .toBytes();
        channel = new EmbeddedChannel(decoder, tuner);
        feed(bytes, Integer.MAX_VALUE);
        List<Object> messages = drain();
        assertEquals(2, messages.size());
        assertArrayEquals(big, ((Command) messages.get(1)).body());
    }

    @Test
    void payloadOfExactlyFrameMaxIsAccepted() {
        // RabbitMQ tolerates clients that forget the 8 framing bytes.
        byte[] body = body(FRAME_MAX);
        byte[] bytes = new FrameBytes().method(1, PUBLISH).header(1, body.length).body(1, body).toBytes();
        channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 1 << 20));
        feed(bytes, Integer.MAX_VALUE);
        assertArrayEquals(body, ((Command) drain().get(0)).body());
    }

    @Test
    void oversizedContentIsSkippedAndReportedAfterItsLastFrame() {
        byte[] body = body(5000);
        byte[] publishFrames = new FrameBytes().method(1, PUBLISH).header(1, body.length)
                .body(1, java.util.Arrays.copyOfRange(body, 0, 4000)).toBytes();
        byte[] rest = new FrameBytes().body(1, java.util.Arrays.copyOfRange(body, 4000, 5000))
                .method(1, new ChannelOpen("")).toBytes();
        channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 4999));
        feed(publishFrames, 100);
        assertNull(channel.readInbound(), "nothing before the body has gone by");
        feed(rest, 100);
        List<Object> messages = drain();
        assertEquals(List.of(new OversizedContent(1, PUBLISH, 5000), new Command(1, new ChannelOpen(""))), messages);
    }

    @Test
    void bodySizeBeyondSignedLongIsOversized() {
        byte[] bytes = new FrameBytes().method(1, PUBLISH).header(1, -1L).body(1, body(100)).toBytes();
        channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 1 << 20));
        feed(bytes, Integer.MAX_VALUE);
        assertNull(channel.readInbound(), "still skipping");
    }

    @Test
    void maxMessageSizeMayBeExactlyTheBodySize() {
        byte[] body = body(5000);
        byte[] bytes = new FrameBytes().method(1, PUBLISH).header(1, body.length)
                .body(1, java.util.Arrays.copyOfRange(body, 0, 4000))
                .body(1, java.util.Arrays.copyOfRange(body, 4000, 5000)).toBytes();
        channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 5000));
        feed(bytes, Integer.MAX_VALUE);
        assertInstanceOf(Command.class, drain().get(0));
    }

    private void feed(byte[] bytes, int pieceSize) {
        for (int offset = 0; offset < bytes.length; offset += pieceSize) {
            int length = Math.min(pieceSize, bytes.length - offset);
            ByteBuf piece = Unpooled.directBuffer(length).writeBytes(bytes, offset, length);
            fed.add(piece);
            channel.writeInbound(piece);
        }
    }

    private List<Object> drain() {
        List<Object> messages = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            messages.add(m);
        }
        return messages;
    }

    static byte[] body(int length) {
        byte[] body = new byte[length];
        new Random(length).nextBytes(body);
        return body;
    }
}
