package io.warren.amqp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.warren.amqp.method.BasicPublish;
import io.warren.amqp.method.QueueDeclare;
import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.UnsignedByte;
import io.warren.amqp.types.UnsignedInt;
import io.warren.amqp.types.UnsignedShort;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class MethodRoundTripTest {

    private static final SpecModel SPEC = SpecModel.SPEC;

    @TestFactory
    Stream<DynamicTest> everyMethodRoundTrips() {
        Map<String, Object> table = new LinkedHashMap<>(SampleMethods.clientCompatibleTable());
        table.put("unsigned", java.util.List.of(UnsignedByte.valueOf(255), UnsignedShort.valueOf(65535),
                UnsignedInt.valueOf(0xFFFF_FFFFL)));
        return SPEC.methods.stream().map(m -> DynamicTest.dynamicTest(m.fullName(), () -> {
            AmqpMethod original = SampleMethods.sample(m, table);
            byte[] encoded = SampleMethods.arguments(original);
            assertEquals(expectedLength(m, original), encoded.length, "encoded length per the spec's layout");
            assertEquals(original, decode(m.classId(), m.methodId(), encoded));
        }));
    }

    @TestFactory
    Stream<DynamicTest> bitsArePackedLowBitFirstAndShareOctets() {
        return SPEC.methods.stream()
                .filter(m -> m.fields().stream().anyMatch(f -> f.type().equals("bit")))
                .map(m -> DynamicTest.dynamicTest(m.fullName(), () -> {
                    long bits = m.fields().stream().filter(f -> f.type().equals("bit")).count();
                    byte[] none = SampleMethods.arguments(SampleMethods.withOneBitSet(m, -1));
                    for (int i = 0; i < bits; i++) {
                        AmqpMethod oneBit = SampleMethods.withOneBitSet(m, i);
                        byte[] encoded = SampleMethods.arguments(oneBit);
                        assertEquals(none.length, encoded.length);
                        int differing = 0;
                        for (int j = 0; j < encoded.length; j++) {
                            if (encoded[j] != none[j]) {
                                differing++;
                                assertEquals(1 << (i % 8), (encoded[j] ^ none[j]) & 0xFF, "bit " + i);
                            }
                        }
                        assertEquals(1, differing, "bit " + i + " changes one octet");
                        assertEquals(oneBit, decode(m.classId(), m.methodId(), encoded));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> truncatedArgumentsAreAFrameError() {
        return SPEC.methods.stream().filter(m -> !m.fields().isEmpty()).map(m -> DynamicTest.dynamicTest(
                m.fullName(), () -> {
                    byte[] encoded = SampleMethods.arguments(SampleMethods.sample(m, Map.of("k", 1)));
                    for (int length = 0; length < encoded.length; length++) {
                        byte[] truncated = java.util.Arrays.copyOf(encoded, length);
                        FrameException e = assertThrows(FrameException.class,
                                () -> decode(m.classId(), m.methodId(), truncated), "length " + length);
                        assertEquals(ReplyCode.FRAME_ERROR, e.replyCode());
                        assertEquals(m.classId(), e.classId());
                        assertEquals(m.methodId(), e.methodId());
                    }
                }));
    }

    @Test
    void trailingBytesAreAFrameErrorNamingTheArguments() {
        // basic.qos with four junk bytes: RabbitMQ says "cannot decode <<0,0,0,0,0,0,0,106,117,110,107>>".
        byte[] args = {0, 0, 0, 0, 0, 0, 0, 'j', 'u', 'n', 'k'};
        FrameException e = assertThrows(FrameException.class, () -> decode(60, 10, args));
        assertEquals(ReplyCode.FRAME_ERROR, e.replyCode());
        assertEquals("cannot decode <<0,0,0,0,0,0,0,106,117,110,107>>", e.replyText());
        assertEquals(60, e.classId());
        assertEquals(10, e.methodId());
        assertEquals("FRAME_ERROR - cannot decode <<0,0,0,0,0,0,0,106,117,110,107>>", e.closeReplyText());
    }

    @Test
    void malformedTableIsAFrameError() {
        // queue.declare whose arguments table holds an unknown field type 'Z'.
        byte[] args = {0, 0, 2, 'q', 'q', 0, 0, 0, 0, 6, 1, 'a', 'Z', 0, 0, 0, 0};
        FrameException e = assertThrows(FrameException.class, () -> decode(50, 10, args));
        assertEquals(ReplyCode.FRAME_ERROR, e.replyCode());
        assertEquals("cannot decode <<0,0,2,113,113,0,0,0,0,6,1,97,90,0,0,0,0>>", e.replyText());
    }

    @Test
    void longArgumentsAreRenderedOnlyAsFarAsAReplyTextShows() {
        QueueDeclare declare = new QueueDeclare(0, "q".repeat(200), false, false, false, false, false, Map.of());
        byte[] args = SampleMethods.arguments(declare);
        byte[] withJunk = java.util.Arrays.copyOf(args, args.length + 1);
        FrameException e = assertThrows(FrameException.class, () -> decode(50, 10, withJunk));
        assertEquals(255, e.closeReplyText().length());
        assertEquals("...", e.closeReplyText().substring(252));
    }

    @Test
    void unknownIdsAreCommandInvalid() {
        FrameException unknownMethod = assertThrows(FrameException.class, () -> decode(60, 99, new byte[0]));
        assertEquals(ReplyCode.COMMAND_INVALID, unknownMethod.replyCode());
        assertEquals("unknown method id 99 in class 60", unknownMethod.replyText());
        FrameException unknownClass = assertThrows(FrameException.class, () -> decode(77, 10, new byte[0]));
        assertEquals(ReplyCode.COMMAND_INVALID, unknownClass.replyCode());
        assertEquals("unknown class id 77", unknownClass.replyText());
    }

    @Test
    void shortStringsOfMethodsWithoutContentMustBeUtf8() {
        byte[] args = {0, 0, 2, (byte) 0xFF, (byte) 0xFE, 0, 0, 0, 0, 0};
        FrameException e = assertThrows(FrameException.class, () -> decode(50, 10, args));
        assertEquals(ReplyCode.FRAME_ERROR, e.replyCode());
        assertEquals("Malformed UTF-8 in shortstr", e.replyText());
        assertEquals(0, e.classId());

        byte[] overlong = {0, 0, 2, (byte) 0xC0, (byte) 0xAF, 0, 0, 0, 0, 0};
        assertThrows(FrameException.class, () -> decode(50, 10, overlong));
        byte[] surrogate = {0, 0, 3, (byte) 0xED, (byte) 0xA0, (byte) 0x80, 0, 0, 0, 0, 0};
        assertThrows(FrameException.class, () -> decode(50, 10, surrogate));
    }

    @Test
    void shortStringsOfContentMethodsAreNotChecked() {
        // RabbitMQ skips the check on content-bearing methods; so do we, decoding leniently.
        byte[] args = {0, 0, 0, 2, (byte) 0xFF, 'k', 0};
        BasicPublish publish = (BasicPublish) decode(60, 40, args);
        assertEquals("\uFFFDk", publish.routingKey());
    }

    @Test
    void multiByteStringsKeepTheirBytes() {
        String name = "очередь-✓-\uD83D\uDC07";
        QueueDeclare declare = new QueueDeclare(0, name, false, true, false, false, false, Map.of());
        byte[] args = SampleMethods.arguments(declare);
        assertEquals(name.getBytes(StandardCharsets.UTF_8).length, args[2] & 0xFF);
        assertEquals(declare, decode(50, 10, args));
    }

    @Test
    void shortStringsLongerThan255BytesAreRefusedWithoutWriting() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThrows(IllegalArgumentException.class, () -> Wire.writeShortStr(out, "é".repeat(128)));
            assertEquals(0, out.writerIndex());
            Wire.writeShortStr(out, "x".repeat(255));
            assertEquals(256, out.writerIndex());
        } finally {
            out.release();
        }
    }

    static AmqpMethod decode(int classId, int methodId, byte[] args) {
        ByteBuf buf = Unpooled.wrappedBuffer(args);
        try {
            return Methods.decode(classId, methodId, buf);
        } finally {
            buf.release();
        }
    }

    /** The argument length the spec's layout gives, computed independently of the records. */
    private static int expectedLength(SpecModel.Method m, AmqpMethod method) throws Exception {
        int length = 0;
        int pendingBits = 0;
        java.lang.reflect.RecordComponent[] components = method.getClass().getRecordComponents();
        for (int i = 0; i < m.fields().size(); i++) {
            String type = m.fields().get(i).type();
            if (type.equals("bit")) {
                if (pendingBits % 8 == 0) {
                    length++;
                }
                pendingBits++;
                continue;
            }
            pendingBits = 0;
            Object value = components[i].getAccessor().invoke(method);
            length += switch (type) {
                case "octet" -> 1;
                case "short" -> 2;
                case "long" -> 4;
                case "longlong", "timestamp" -> 8;
                case "shortstr" -> 1 + ((String) value).getBytes(StandardCharsets.UTF_8).length;
                case "longstr" -> 4 + ((LongStr) value).length();
                case "table" -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> table = (Map<String, Object>) value;
                    yield (int) FieldTables.encodedSize(table);
                }
                default -> throw new AssertionError(type);
            };
        }
        return length;
    }

    @Test
    void decodedArgumentsAreArgumentsWrittenByHand() {
        // basic.deliver: consumer-tag "ct", delivery-tag 2^63+1, redelivered, exchange "", routing key "rk".
        byte[] args = {2, 'c', 't', (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 0, 2, 'r', 'k'};
        AmqpMethod decoded = decode(60, 60, args);
        assertEquals(new io.warren.amqp.method.BasicDeliver("ct", 0x8000_0000_0000_0001L, true, "", "rk"), decoded);
        assertArrayEquals(args, SampleMethods.arguments(decoded));
    }
}
