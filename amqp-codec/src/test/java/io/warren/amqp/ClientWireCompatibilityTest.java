package io.warren.amqp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.AMQCommand;
import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.Frame;
import com.rabbitmq.client.impl.Method;
import com.rabbitmq.client.impl.MethodArgumentWriter;
import com.rabbitmq.client.impl.ValueReader;
import com.rabbitmq.client.impl.ValueWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.warren.amqp.method.BasicDeliver;
import io.warren.amqp.method.BasicPublish;
import io.warren.amqp.types.ByteArray;
import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.Timestamp;
import io.warren.amqp.types.UnsignedShort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Wire compatibility with RabbitMQ's Java client (amqp-client): what we write, it reads, and what it
 * writes, we read, down to the byte.
 */
class ClientWireCompatibilityTest {

    @TestFactory
    Stream<DynamicTest> theClientReadsEveryMethodWeWriteAndWritesTheSameBytesBack() {
        Map<String, Object> table = SampleMethods.clientCompatibleTable();
        return SpecModel.SPEC.methods.stream().map(m -> DynamicTest.dynamicTest(m.fullName(), () -> {
            AmqpMethod ours = SampleMethods.sample(m, table);
            byte[] ourArguments = SampleMethods.arguments(ours);

            Method theirs = AMQImpl.readMethodFrom(new DataInputStream(new ByteArrayInputStream(
                    FieldTablesTest.concat(ids(m.classId(), m.methodId()), ourArguments))));
            assertEquals(m.classId(), theirs.protocolClassId());
            assertEquals(m.methodId(), theirs.protocolMethodId());
            assertEquals(m.fullName(), theirs.protocolMethodName());

            byte[] theirArguments = clientArguments(theirs);
            assertArrayEquals(ourArguments, theirArguments);
            assertEquals(ours, MethodRoundTripTest.decode(m.classId(), m.methodId(), theirArguments));
        }));
    }

    @Test
    void theClientReadsEveryFieldTypeItKnowsAsWeWriteIt() throws IOException {
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("S", LongStr.of("é"));
        ours.put("I", -5);
        ours.put("D", new BigDecimal("-12.34"));
        ours.put("T", new Timestamp(1_700_000_000L));
        ours.put("F", Map.of("k", true));
        ours.put("A", List.of(1, LongStr.of("x")));
        ours.put("b", (byte) -1);
        ours.put("d", 0.5d);
        ours.put("f", 0.25f);
        ours.put("l", Long.MIN_VALUE);
        ours.put("s", (short) -2);
        ours.put("u", UnsignedShort.valueOf(65535));
        ours.put("t", false);
        ours.put("x", ByteArray.wrap(new byte[] {1, 2}));
        ours.put("V", null);

        Map<String, Object> theirs = new ValueReader(new DataInputStream(new ByteArrayInputStream(
                FieldTablesTest.write(ours)))).readTable();
        assertEquals(ours.size(), theirs.size());
        assertEquals("é", theirs.get("S").toString());
        assertEquals(-5, theirs.get("I"));
        assertEquals(new BigDecimal("-12.34"), theirs.get("D"));
        assertEquals(new Date(1_700_000_000_000L), theirs.get("T"));
        assertEquals(Map.of("k", true), theirs.get("F"));
        assertEquals(2, ((List<?>) theirs.get("A")).size());
        assertEquals((byte) -1, theirs.get("b"));
        assertEquals(0.5d, theirs.get("d"));
        assertEquals(0.25f, theirs.get("f"));
        assertEquals(Long.MIN_VALUE, theirs.get("l"));
        assertEquals((short) -2, theirs.get("s"));
        assertEquals(65535, theirs.get("u"));
        assertEquals(false, theirs.get("t"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) theirs.get("x"));
        assertTrue(theirs.containsKey("V"));
        assertNull(theirs.get("V"));
    }

    @Test
    void weReadEveryFieldTypeTheClientWrites() throws IOException {
        Map<String, Object> theirs = new LinkedHashMap<>();
        theirs.put("string", "é");
        theirs.put("int", 7);
        theirs.put("decimal", new BigDecimal("3.14"));
        theirs.put("date", new Date(1_700_000_000_000L));
        theirs.put("map", Map.of("k", "v"));
        theirs.put("list", List.of(1, "x"));
        theirs.put("array", new Object[] {2L});
        theirs.put("byte", (byte) 9);
        theirs.put("double", 1.25d);
        theirs.put("float", 1.5f);
        theirs.put("long", 8L);
        theirs.put("short", (short) 3);
        theirs.put("bool", true);
        theirs.put("bytes", new byte[] {4});
        theirs.put("null", null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ValueWriter(new DataOutputStream(bytes)).writeTable(theirs);

        Map<String, Object> ours = FieldTablesTest.read(bytes.toByteArray());
        assertEquals(LongStr.of("é"), ours.get("string"));
        assertEquals(7, ours.get("int"));
        assertEquals(new BigDecimal("3.14"), ours.get("decimal"));
        assertEquals(new Timestamp(1_700_000_000L), ours.get("date"));
        assertEquals(Map.of("k", LongStr.of("v")), ours.get("map"));
        assertEquals(List.of(1, LongStr.of("x")), ours.get("list"));
        assertEquals(List.of(2L), ours.get("array"));
        assertEquals((byte) 9, ours.get("byte"));
        assertEquals(1.25d, ours.get("double"));
        assertEquals(1.5f, ours.get("float"));
        assertEquals(8L, ours.get("long"));
        assertEquals((short) 3, ours.get("short"));
        assertEquals(true, ours.get("bool"));
        assertEquals(ByteArray.wrap(new byte[] {4}), ours.get("bytes"));
        assertTrue(ours.containsKey("null"));
        assertArrayEquals(bytes.toByteArray(), FieldTablesTest.write(ours), "and we write the same bytes back");
    }

    @Test
    void theClientReadsOurBasicPropertiesAndWeReadItsOnes() throws IOException {
        byte[] ours = BasicPropertiesTest.allFourteen().toBytes();
        // The client's reader starts at the weight and body size that precede the properties.
        byte[] weightAndBodySize = new byte[10];
        AMQP.BasicProperties theirs = new AMQP.BasicProperties(new DataInputStream(new ByteArrayInputStream(
                FieldTablesTest.concat(weightAndBodySize, ours))));
        assertEquals("application/json", theirs.getContentType());
        assertEquals("gzip", theirs.getContentEncoding());
        assertEquals("all", theirs.getHeaders().get("x-match").toString());
        assertEquals(2, theirs.getDeliveryMode());
        assertEquals(9, theirs.getPriority());
        assertEquals("corr-1", theirs.getCorrelationId());
        assertEquals("amq.rabbitmq.reply-to", theirs.getReplyTo());
        assertEquals("60000", theirs.getExpiration());
        assertEquals("msg-✓", theirs.getMessageId());
        assertEquals(new Date(1_700_000_000_000L), theirs.getTimestamp());
        assertEquals("order.created", theirs.getType());
        assertEquals("guest", theirs.getUserId());
        assertEquals("warren-test", theirs.getAppId());
        assertEquals("cluster-a", theirs.getClusterId());

        Frame headerFrame = theirs.toFrame(1, 0);
        byte[] payload = headerFrame.getPayload();
        byte[] raw = java.util.Arrays.copyOfRange(payload, 12, payload.length);
        assertEquals(BasicPropertiesTest.allFourteen(), new ContentHeader(60, 0, raw).properties());
        assertArrayEquals(ours, raw, "byte for byte");
    }

    @Test
    void weDecodeAPublishTheClientFrames() throws IOException {
        byte[] body = FrameDecoderTest.body(300_000);
        int frameMax = 131_072;
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("text/plain").deliveryMode(2).headers(Map.of("h", 1)).build();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(wire);
        new AMQImpl.Basic.Publish(0, "amq.topic", "a.b.c", true, false).toFrame(3).writeTo(out);
        properties.toFrame(3, body.length).writeTo(out);
        for (int offset = 0; offset < body.length; offset += frameMax - 8) {
            Frame.fromBodyFragment(3, body, offset, Math.min(frameMax - 8, body.length - offset)).writeTo(out);
        }
        new Frame(AMQP.FRAME_HEARTBEAT, 0).writeTo(out);

        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(frameMax, 1 << 20));
        channel.writeInbound(Unpooled.wrappedBuffer(wire.toByteArray()));
        Command command = channel.readInbound();
        assertEquals(3, command.channel());
        assertEquals(new BasicPublish(0, "amq.topic", "a.b.c", true, false), command.method());
        assertEquals("text/plain", command.header().properties().contentType());
        assertEquals(2, command.header().properties().deliveryMode());
        assertEquals(Map.of("h", 1), command.header().properties().headers());
        assertArrayEquals(body, command.body());
        assertSame(Heartbeat.INSTANCE, channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void theClientAssemblesTheDeliveriesWeEncode() throws IOException {
        byte[] properties = BasicPropertiesTest.allFourteen().toBytes();
        for (int size : new int[] {0, 10, 65_536, 300_000}) {
            byte[] body = FrameDecoderTest.body(size);
            ByteBuf encoded = Frames.encodeContentCommand(UnpooledByteBufAllocator.DEFAULT, 2,
                    new BasicDeliver("amq.ctag-1", 42, true, "ex", "rk"), properties, body, 131_072);
            byte[] bytes = FramesTest.drain(encoded);

            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            AMQCommand command = new AMQCommand();
            boolean complete = false;
            while (!complete) {
                Frame frame = Frame.readFrom(in, Integer.MAX_VALUE);
                assertEquals(2, frame.channel);
                complete = command.handleFrame(frame);
            }
            assertEquals(0, in.available(), "nothing after the command");
            AMQP.Basic.Deliver deliver = assertInstanceOf(AMQP.Basic.Deliver.class, command.getMethod());
            assertEquals("amq.ctag-1", deliver.getConsumerTag());
            assertEquals(42, deliver.getDeliveryTag());
            assertTrue(deliver.getRedelivered());
            assertEquals("ex", deliver.getExchange());
            assertEquals("rk", deliver.getRoutingKey());
            AMQP.BasicProperties theirs = (AMQP.BasicProperties) command.getContentHeader();
            assertEquals(size, theirs.getBodySize());
            assertEquals("msg-✓", theirs.getMessageId());
            assertArrayEquals(body, command.getContentBody());
        }
    }

    @Test
    void longStringsTheClientReadsAreOurBytes() throws IOException {
        LongString theirs = new ValueReader(new DataInputStream(new ByteArrayInputStream(
                FieldTablesTest.concat(new byte[] {0, 0, 0, 2}, new byte[] {(byte) 0xC3, (byte) 0xA9})))).readLongstr();
        assertArrayEquals(LongStr.of("é").bytes(), theirs.getBytes());
    }

    private static byte[] ids(int classId, int methodId) {
        return new byte[] {(byte) (classId >>> 8), (byte) classId, (byte) (methodId >>> 8), (byte) methodId};
    }

    private static byte[] clientArguments(Method method) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            MethodArgumentWriter writer = new MethodArgumentWriter(new ValueWriter(new DataOutputStream(bytes)));
            method.writeArgumentsTo(writer);
            writer.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
