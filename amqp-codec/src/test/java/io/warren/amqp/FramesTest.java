package io.warren.amqp;

import static io.warren.amqp.FieldTablesTest.bytes;
import static io.warren.amqp.FieldTablesTest.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.warren.amqp.method.BasicDeliver;
import io.warren.amqp.method.BasicGetOk;
import io.warren.amqp.method.BasicReturn;
import io.warren.amqp.method.ChannelOpen;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FramesTest {

    private static final BasicDeliver DELIVER = new BasicDeliver("ctag", 7, true, "ex", "rk");

    @Test
    void methodFrameIsTypeChannelSizeIdsArgumentsAndFrameEnd() {
        byte[] expected = concat(bytes(1, 0, 5, 0, 0, 0, 24, 0, 60, 0, 60),
                bytes(4, 'c', 't', 'a', 'g', 0, 0, 0, 0, 0, 0, 0, 7, 1, 2, 'e', 'x', 2, 'r', 'k'), bytes(0xCE));
        assertArrayEquals(expected, written(out -> Frames.writeMethod(out, 5, DELIVER)));
    }

    @Test
    void contentHeaderFrameHasZeroWeightAndTheRawProperties() {
        byte[] expected = bytes(2, 0, 5, 0, 0, 0, 15, 0, 60, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0x10, 0, 2, 0xCE);
        assertArrayEquals(expected, written(out -> Frames.writeContentHeader(out, 5, 60, 256, bytes(0x10, 0, 2))));
    }

    @Test
    void bodyIsSplitIntoFramesOfAtMostFrameMaxMinusEight() {
        byte[] body = FrameDecoderTest.body(10_000);
        byte[] frames = written(out -> Frames.writeBody(out, 3, body, 4096));
        assertEquals(10_000 + 3 * 8, frames.length);
        assertEquals(4088, readInt(frames, 3));
        assertEquals(4088, readInt(frames, 4096 + 3));
        assertEquals(10_000 - 2 * 4088, readInt(frames, 2 * 4096 + 3));
        assertEquals(0xCE, frames[4095] & 0xFF);
        assertEquals(0, written(out -> Frames.writeBody(out, 3, new byte[0], 4096)).length, "empty body, no frame");
        assertEquals(10_008, written(out -> Frames.writeBody(out, 3, body, 0)).length, "no limit, one frame");
    }

    @Test
    void heartbeatFrame() {
        assertArrayEquals(bytes(8, 0, 0, 0, 0, 0, 0, 0xCE), written(Frames::writeHeartbeat));
    }

    @Test
    void smallContentCommandIsOneBufferWithTheFramesInOrder() {
        byte[] properties = BasicPropertiesTest.allFourteen().toBytes();
        byte[] body = FrameDecoderTest.body(9000);
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf encoded = Frames.encodeContentCommand(alloc, 9, DELIVER, properties, body, 4096);
        assertFalse(encoded instanceof CompositeByteBuf);
        assertEquals(1, alloc.allocated.size(), "one buffer");
        assertEquals(encoded.capacity(), alloc.allocated.get(0).capacity(), "sized up front, never grown");
        assertArrayEquals(sequentialFrames(9, properties, body, 4096), drain(encoded));
        alloc.assertAllReleased();
    }

    @Test
    void largeContentCommandWrapsTheBodyInsteadOfCopyingIt() {
        byte[] properties = BasicPropertiesTest.allFourteen().toBytes();
        byte[] body = FrameDecoderTest.body(300_000);
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf encoded = Frames.encodeContentCommand(alloc, 9, DELIVER, properties, body, 131_072);
        CompositeByteBuf composite = assertInstanceOf(CompositeByteBuf.class, encoded);
        assertEquals(1 + 2 * 3, composite.numComponents(), "head, then each body slice and its separator");
        for (int i = 1; i < composite.numComponents(); i += 2) {
            ByteBuf slice = composite.internalComponent(i);
            assertTrue(slice.hasArray());
            assertSame(body, slice.array(), "body slice " + i + " is the body itself");
        }
        byte[] expected = sequentialFrames(9, properties, body, 131_072);
        body[0] ^= 1;
        expected[indexOfFirstBodyByte(properties)] ^= 1;
        assertArrayEquals(expected, drain(encoded), "the composite reads through to the body");
        alloc.assertAllReleased();
    }

    @Test
    void encodedContentCommandsDecodeBackToTheSameCommand() {
        byte[] properties = BasicPropertiesTest.allFourteen().toBytes();
        List<AmqpMethod> methods = List.of(DELIVER, new BasicGetOk(1, false, "", "q", 5),
                new BasicReturn(312, "NO_ROUTE", "ex", "rk"), new io.warren.amqp.method.BasicPublish(0, "", "q", true,
                        false));
        for (int size : new int[] {0, 1, 65_535, 65_536, 200_001}) {
            for (AmqpMethod method : methods) {
                byte[] body = FrameDecoderTest.body(size);
                EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(131_072, 1 << 20));
                channel.writeInbound(Frames.encodeContentCommand(UnpooledByteBufAllocator.DEFAULT, 4, method,
                        properties, body, 131_072));
                Command command = channel.readInbound();
                assertEquals(method, command.method());
                assertEquals(4, command.channel());
                assertEquals(size, command.header().bodySize());
                assertArrayEquals(properties, command.header().rawProperties());
                assertArrayEquals(body, command.body());
                assertFalse(channel.finish());
            }
        }
    }

    @Test
    void methodsWithoutContentAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Frames.encodeContentCommand(UnpooledByteBufAllocator.DEFAULT,
                1, new ChannelOpen(""), new byte[] {0, 0}, new byte[0], 4096));
    }

    @Test
    void tooLongShortStringReleasesWhatWasAllocated() {
        TrackingAllocator alloc = new TrackingAllocator();
        BasicDeliver bad = new BasicDeliver("x".repeat(256), 1, false, "", "");
        assertThrows(IllegalArgumentException.class,
                () -> Frames.encodeContentCommand(alloc, 1, bad, new byte[] {0, 0}, new byte[10], 4096));
        assertThrows(IllegalArgumentException.class,
                () -> Frames.encodeContentCommand(alloc, 1, bad, new byte[] {0, 0}, new byte[100_000], 4096));
        alloc.assertAllReleased();
    }

    private static int indexOfFirstBodyByte(byte[] properties) {
        int methodFrame = written(out -> Frames.writeMethod(out, 9, DELIVER)).length;
        return methodFrame + 8 + 12 + properties.length + 7;
    }

    private static byte[] sequentialFrames(int channel, byte[] properties, byte[] body, int frameMax) {
        return written(out -> {
            Frames.writeMethod(out, channel, DELIVER);
            Frames.writeContentHeader(out, channel, 60, body.length, properties);
            Frames.writeBody(out, channel, body, frameMax);
        });
    }

    static byte[] written(Consumer<ByteBuf> writer) {
        ByteBuf out = Unpooled.buffer();
        writer.accept(out);
        return drain(out);
    }

    static byte[] drain(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return bytes;
    }

    private static int readInt(byte[] bytes, int index) {
        return ((bytes[index] & 0xFF) << 24) | ((bytes[index + 1] & 0xFF) << 16) | ((bytes[index + 2] & 0xFF) << 8)
                | (bytes[index + 3] & 0xFF);
    }

    /** Hands out unpooled buffers and remembers them, to prove every one of them is released. */
    static final class TrackingAllocator extends AbstractByteBufAllocator {
        final List<ByteBuf> allocated = new ArrayList<>();

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return track(UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity));
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return track(UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity));
        }

        @Override
        public CompositeByteBuf compositeBuffer(int maxNumComponents) {
            CompositeByteBuf composite = super.compositeBuffer(maxNumComponents);
            track(composite);
            return composite;
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        private ByteBuf track(ByteBuf buf) {
            allocated.add(buf);
            return buf;
        }

        void assertAllReleased() {
            assertFalse(allocated.isEmpty());
            for (ByteBuf buf : allocated) {
                assertEquals(0, buf.refCnt(), buf.toString());
            }
        }
    }
}
