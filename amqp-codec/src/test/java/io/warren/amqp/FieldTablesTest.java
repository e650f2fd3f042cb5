package io.warren.amqp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.warren.amqp.types.ByteArray;
import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.Timestamp;
import io.warren.amqp.types.UnsignedByte;
import io.warren.amqp.types.UnsignedInt;
import io.warren.amqp.types.UnsignedShort;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldTablesTest {

    /** One value per field type and edge, with the bytes RabbitMQ puts on the wire for it. */
    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(true, bytes('t', 1)),
                Arguments.of(false, bytes('t', 0)),
                Arguments.of((byte) -128, bytes('b', 0x80)),
                Arguments.of((byte) 127, bytes('b', 0x7F)),
                Arguments.of(UnsignedByte.valueOf(255), bytes('B', 0xFF)),
                Arguments.of(UnsignedByte.valueOf(0), bytes('B', 0)),
                Arguments.of((short) -32768, bytes('s', 0x80, 0)),
                Arguments.of(UnsignedShort.valueOf(65535), bytes('u', 0xFF, 0xFF)),
                Arguments.of(Integer.MIN_VALUE, bytes('I', 0x80, 0, 0, 0)),
                Arguments.of(-1, bytes('I', 0xFF, 0xFF, 0xFF, 0xFF)),
                Arguments.of(UnsignedInt.valueOf(0xFFFF_FFFFL), bytes('i', 0xFF, 0xFF, 0xFF, 0xFF)),
                Arguments.of(Long.MAX_VALUE, bytes('l', 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)),
                Arguments.of(Long.MIN_VALUE, bytes('l', 0x80, 0, 0, 0, 0, 0, 0, 0)),
                Arguments.of(1.5f, bytes('f', 0x3F, 0xC0, 0, 0)),
                Arguments.of(Float.NaN, bytes('f', 0x7F, 0xC0, 0, 0)),
                Arguments.of(-0.0d, bytes('d', 0x80, 0, 0, 0, 0, 0, 0, 0)),
                Arguments.of(Double.POSITIVE_INFINITY, bytes('d', 0x7F, 0xF0, 0, 0, 0, 0, 0, 0)),
                Arguments.of(new BigDecimal("-1.5"), bytes('D', 1, 0xFF, 0xFF, 0xFF, 0xF1)),
                Arguments.of(new BigDecimal("2147483647"), bytes('D', 0, 0x7F, 0xFF, 0xFF, 0xFF)),
                Arguments.of(BigDecimal.valueOf(7, 255), bytes('D', 255, 0, 0, 0, 7)),
                Arguments.of(LongStr.of(""), bytes('S', 0, 0, 0, 0)),
                Arguments.of(LongStr.of("é"), bytes('S', 0, 0, 0, 2, 0xC3, 0xA9)),
                Arguments.of(LongStr.wrap(new byte[] {(byte) 0xFF}), bytes('S', 0, 0, 0, 1, 0xFF)),
                Arguments.of(ByteArray.wrap(new byte[] {0, (byte) 0xFF}), bytes('x', 0, 0, 0, 2, 0, 0xFF)),
                Arguments.of(new Timestamp(1_700_000_000L), bytes('T', 0, 0, 0, 0, 0x65, 0x53, 0xF1, 0x00)),
                Arguments.of(null, bytes('V')),
                Arguments.of(List.of(), bytes('A', 0, 0, 0, 0)),
                Arguments.of(List.of(1, LongStr.of("a")),
                        bytes('A', 0, 0, 0, 11, 'I', 0, 0, 0, 1, 'S', 0, 0, 0, 1, 'a')),
                Arguments.of(Map.of(), bytes('F', 0, 0, 0, 0)),
                Arguments.of(Map.of("k", true), bytes('F', 0, 0, 0, 4, 1, 'k', 't', 1)));
    }

    @ParameterizedTest
    @MethodSource("values")
    void everyFieldTypeDecodesToItsJavaTypeAndBackToTheSameBytes(Object value, byte[] valueBytes) {
        byte[] table = table("v", valueBytes);
        Map<String, Object> decoded = read(table);
        assertEquals(1, decoded.size());
        assertEquals(value, decoded.get("v"));
        Object decodedValue = decoded.get("v");
        if (value instanceof List) {
            assertInstanceOf(ArrayList.class, decodedValue);
        } else if (value instanceof Map) {
            assertInstanceOf(LinkedHashMap.class, decodedValue);
        } else if (value != null) {
            assertEquals(value.getClass(), decodedValue.getClass(), "decoded Java type");
        }
        assertArrayEquals(table, write(decoded));
        assertEquals(table.length, FieldTables.encodedSize(decoded));
    }

    @Test
    void nestedTablesAndArraysRoundTripByteForByte() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("queue", LongStr.of("orders"));
        inner.put("reason", LongStr.of("rejected"));
        inner.put("count", 3L);
        inner.put("time", new Timestamp(1_700_000_000L));
        inner.put("routing-keys", List.of(LongStr.of("a.b"), LongStr.of("c")));
        inner.put("deeper", Map.of("array-of-arrays", List.of(List.of(UnsignedByte.valueOf(1)), List.of())));
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("x-death", List.of(inner, Map.of()));
        table.put("z", null);
        table.put("a", 1);

        byte[] encoded = write(table);
        Map<String, Object> decoded = read(encoded);
        assertEquals(table, decoded);
        assertEquals(List.of("x-death", "z", "a"), new ArrayList<>(decoded.keySet()), "wire order kept");
        assertInstanceOf(LinkedHashMap.class, decoded);
        assertArrayEquals(encoded, write(decoded));
        assertEquals(encoded.length, FieldTables.encodedSize(table));
    }

    @Test
    void convenienceTypesEncodeAsTheirFieldTypes() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("s", "héllo");
        table.put("x", new byte[] {9});
        Map<String, Object> decoded = read(write(table));
        assertEquals(LongStr.of("héllo"), decoded.get("s"));
        assertEquals(ByteArray.wrap(new byte[] {9}), decoded.get("x"));
        assertEquals(write(table).length, FieldTables.encodedSize(table));
    }

    @Test
    void repeatedKeysKeepTheFirstValue() {
        byte[] table = concat(bytes(0, 0, 0, 11), bytes(1, 'k', 'I', 0, 0, 0, 1), bytes(1, 'k', 't', 0));
        Map<String, Object> decoded = read(table);
        assertEquals(Map.of("k", 1), decoded);
    }

    @Test
    void malformedTablesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> read(table("v", bytes('Z'))), "unknown type");
        assertThrows(IndexOutOfBoundsException.class, () -> read(bytes(0, 0, 0, 9, 1, 'k')), "length beyond input");
        assertThrows(IndexOutOfBoundsException.class, () -> read(table("v", bytes('S', 0x7F, 0, 0, 0))),
                "string length beyond input");
        // The value's bytes run past the table's own length.
        byte[] overrun = concat(bytes(0, 0, 0, 4), bytes(1, 'k', 'I', 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> read(overrun));
    }

    @Test
    void nestingIsBounded() {
        Object value = Map.of();
        for (int i = 0; i < FieldTables.MAX_NESTING; i++) {
            value = Map.of("n", value);
        }
        byte[] deepest = write(castTable(value));
        assertEquals(value, read(deepest));
        byte[] tooDeep = write(Map.of("n", value));
        assertThrows(IllegalArgumentException.class, () -> read(tooDeep));
    }

    @Test
    void valuesWithoutAFieldTypeAreRefusedAndNothingIsWritten() {
        ByteBuf out = Unpooled.buffer();
        try {
            out.writeByte(42);
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("ok", 1);
            table.put("bad", new Object());
            assertThrows(IllegalArgumentException.class, () -> FieldTables.write(out, table));
            assertEquals(1, out.writerIndex());
            assertThrows(IllegalArgumentException.class,
                    () -> FieldTables.write(out, Map.of("d", new BigDecimal("1E+3"))), "negative scale");
            assertThrows(IllegalArgumentException.class,
                    () -> FieldTables.write(out, Map.of("d", new BigDecimal("2147483648"))), "beyond 32 bits");
            assertEquals(1, out.writerIndex());
        } finally {
            out.release();
        }
    }

    @Test
    void nullTableIsWrittenEmpty() {
        assertArrayEquals(bytes(0, 0, 0, 0), write(null));
        assertEquals(4, FieldTables.encodedSize(null));
    }

    @Test
    void unsignedTypesCompareAsNumbers() {
        assertEquals(255L, UnsignedByte.valueOf(255).longValue());
        assertEquals(4_294_967_295L, UnsignedInt.valueOf(0xFFFF_FFFFL).longValue());
        assertEquals(UnsignedShort.valueOf(7), UnsignedShort.valueOf(7));
        assertEquals("65535", UnsignedShort.valueOf(65535).toString());
        assertThrows(IllegalArgumentException.class, () -> UnsignedByte.valueOf(256));
        assertThrows(IllegalArgumentException.class, () -> UnsignedShort.valueOf(-1));
        assertThrows(IllegalArgumentException.class, () -> UnsignedInt.valueOf(1L << 32));
        assertEquals(LongStr.of("a"), LongStr.wrap(new byte[] {'a'}));
        assertEquals(LongStr.of("a").hashCode(), LongStr.wrap(new byte[] {'a'}).hashCode());
        assertEquals("ü", LongStr.of("ü").toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castTable(Object value) {
        return (Map<String, Object>) value;
    }

    static Map<String, Object> read(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            Map<String, Object> table = FieldTables.read(in);
            assertEquals(0, in.readableBytes(), "the whole table is read");
            return table;
        } finally {
            in.release();
        }
    }

    static byte[] write(Map<String, ?> table) {
        ByteBuf out = Unpooled.buffer();
        try {
            FieldTables.write(out, table);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    /** A table holding one entry named {@code name} with the given type tag and value bytes. */
    static byte[] table(String name, byte[] valueBytes) {
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        int length = 1 + key.length + valueBytes.length;
        return concat(bytes(length >>> 24, length >>> 16, length >>> 8, length), bytes(key.length), key, valueBytes);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
