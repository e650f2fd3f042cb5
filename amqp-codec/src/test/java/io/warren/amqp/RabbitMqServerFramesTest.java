package io.warren.amqp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.warren.amqp.method.BasicGetEmpty;
import io.warren.amqp.method.BasicGetOk;
import io.warren.amqp.method.ChannelCloseOk;
import io.warren.amqp.method.ChannelOpenOk;
import io.warren.amqp.method.ConnectionCloseOk;
import io.warren.amqp.method.ConnectionOpenOk;
import io.warren.amqp.method.ConnectionStart;
import io.warren.amqp.method.ConnectionTune;
import io.warren.amqp.method.QueueDeclareOk;
import io.warren.amqp.types.ByteArray;
import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.Timestamp;
import io.warren.amqp.types.UnsignedByte;
import io.warren.amqp.types.UnsignedInt;
import io.warren.amqp.types.UnsignedShort;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Frames a real RabbitMQ 3.10.8 sent to a client that declared a queue dead-lettering into another,
 * published a message whose headers hold every field type, fetched it, rejected it and fetched it
 * again from the dead-letter queue, now with RabbitMQ's {@code x-death} header. Recorded once by a
 * raw-socket script; the test needs no broker.
 */
class RabbitMqServerFramesTest {

    private static final int FRAME_MAX = 131_072;

    @Test
    void everyFrameRabbitMqSentDecodesAndReEncodesToTheSameBytes() throws IOException {
        byte[] recorded = recording();
        List<Command> commands = decode(recorded, 13);
        assertEquals(11, commands.size());

        ByteBuf reEncoded = Unpooled.buffer();
        try {
            for (Command c : commands) {
                Frames.writeMethod(reEncoded, c.channel(), c.method());
                if (c.header() != null) {
                    Frames.writeContentHeader(reEncoded, c.channel(), c.header().classId(), c.header().bodySize(),
                            c.header().rawProperties());
                    Frames.writeBody(reEncoded, c.channel(), c.body(), FRAME_MAX);
                }
            }
            assertArrayEquals(recorded, FramesTest.drain(reEncoded.retain()));
        } finally {
            reEncoded.release();
        }
    }

    @Test
    void handshakeMethodsCarryRabbitMqsServerProperties() throws IOException {
        List<Command> commands = decode(recording(), Integer.MAX_VALUE);
        ConnectionStart start = assertInstanceOf(ConnectionStart.class, commands.get(0).method());
        assertEquals(0, start.versionMajor());
        assertEquals(9, start.versionMinor());
        assertEquals(LongStr.of("RabbitMQ"), start.serverProperties().get("product"));
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) start.serverProperties().get("capabilities");
        assertEquals(true, capabilities.get("publisher_confirms"));
        assertEquals(true, capabilities.get("basic.nack"));
        assertTrue(start.mechanisms().toString().contains("PLAIN"));
        assertEquals(LongStr.of("en_US"), start.locales());

        ConnectionTune tune = assertInstanceOf(ConnectionTune.class, commands.get(1).method());
        assertEquals(FRAME_MAX, tune.frameMax());
        assertInstanceOf(ConnectionOpenOk.class, commands.get(2).method());
        assertInstanceOf(ChannelOpenOk.class, commands.get(3).method());
        QueueDeclareOk declared = assertInstanceOf(QueueDeclareOk.class, commands.get(4).method());
        assertTrue(declared.queue().endsWith("-dlq"));
        assertInstanceOf(QueueDeclareOk.class, commands.get(5).method());
    }

    @Test
    void headersOfEveryFieldTypeComeBackAsTheirJavaTypes() throws IOException {
        Command fetched = decode(recording(), 64).get(6);
        assertInstanceOf(BasicGetOk.class, fetched.method());
        BasicProperties properties = fetched.header().properties();
        assertEquals("text/plain", properties.contentType());
        assertEquals(2, properties.deliveryMode());
        assertEquals("m-1", properties.messageId());
        assertEquals(1_700_000_000L, properties.timestamp());
        Map<String, Object> headers = properties.headers();
        assertEquals(LongStr.of("text"), headers.get("S"));
        assertEquals(-7, headers.get("I"));
        assertEquals(UnsignedInt.valueOf(4_000_000_000L), headers.get("i"));
        assertEquals(-9_000_000_000L, headers.get("l"));
        assertEquals((byte) -5, headers.get("b"));
        assertEquals(UnsignedByte.valueOf(250), headers.get("B"));
        assertEquals((short) -300, headers.get("s"));
        assertEquals(UnsignedShort.valueOf(65000), headers.get("u"));
        assertEquals(true, headers.get("t"));
        assertEquals(1.5f, headers.get("f"));
        assertEquals(-2.25d, headers.get("d"));
        assertEquals(new BigDecimal("-12.34"), headers.get("D"));
        assertEquals(new Timestamp(1_700_000_000L), headers.get("T"));
        assertEquals(ByteArray.wrap(new byte[] {0, (byte) 0xFF}), headers.get("x"));
        assertTrue(headers.containsKey("V"));
        assertEquals(Map.of("nested", LongStr.of("yes")), headers.get("F"));
        assertEquals(List.of(1, LongStr.of("two"), List.of()), headers.get("A"));
        assertArrayEquals("hello from the fixture".getBytes(), fetched.body());
    }

    @Test
    void deadLetteredMessageCarriesRabbitMqsXDeathHeader() throws IOException {
        List<Command> commands = decode(recording(), 1);
        Command deadLettered = commands.get(7);
        BasicGetOk getOk = assertInstanceOf(BasicGetOk.class, deadLettered.method());
        assertTrue(getOk.routingKey().endsWith("-dlq"));
        Map<String, Object> headers = deadLettered.header().properties().headers();
        List<?> deaths = assertInstanceOf(List.class, headers.get("x-death"));
        assertEquals(1, deaths.size());
        Map<?, ?> death = assertInstanceOf(Map.class, deaths.get(0));
        assertEquals(1L, death.get("count"));
        assertEquals(LongStr.of("rejected"), death.get("reason"));
        assertEquals(LongStr.of(""), death.get("exchange"));
        assertInstanceOf(Timestamp.class, death.get("time"));
        String queue = death.get("queue").toString();
        assertEquals(List.of(LongStr.of(queue)), death.get("routing-keys"));
        assertEquals(LongStr.of("rejected"), headers.get("x-first-death-reason"));
        assertEquals(LongStr.of(queue), headers.get("x-first-death-queue"));

        assertInstanceOf(BasicGetEmpty.class, commands.get(8).method());
        assertInstanceOf(ChannelCloseOk.class, commands.get(9).method());
        assertInstanceOf(ConnectionCloseOk.class, commands.get(10).method());
    }

    private static byte[] recording() throws IOException {
        try (InputStream in = RabbitMqServerFramesTest.class.getResourceAsStream("/rabbitmq-3.10-server-frames.bin")) {
            return in.readAllBytes();
        }
    }

    private static List<Command> decode(byte[] bytes, int pieceSize) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(FRAME_MAX, 1 << 20));
        for (int offset = 0; offset < bytes.length; offset += pieceSize) {
            channel.writeInbound(Unpooled.copiedBuffer(bytes, offset, Math.min(pieceSize, bytes.length - offset)));
        }
        List<Command> commands = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            commands.add((Command) m);
        }
        assertFalse(channel.finish());
        return commands;
    }
}
