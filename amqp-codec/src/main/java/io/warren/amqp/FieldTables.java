package io.warren.amqp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.warren.amqp.types.ByteArray;
import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.Timestamp;
import io.warren.amqp.types.UnsignedByte;
import io.warren.amqp.types.UnsignedInt;
import io.warren.amqp.types.UnsignedShort;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMQP field tables ({@code table}) with RabbitMQ's field value types. Decoding maps each type tag to
 * one Java type, and encoding maps it back, so {@code write(read(bytes))} reproduces the bytes:
 *
 * <pre>
 * 't' Boolean        'b' Byte           'B' UnsignedByte   's' Short       'u' UnsignedShort
 * 'I' Integer        'i' UnsignedInt    'l' Long           'f' Float       'd' Double
 * 'D' BigDecimal     'S' LongStr        'x' ByteArray      'A' List        'T' Timestamp
 * 'F' Map (a table)  'V' null
 * </pre>
 *
 * For convenience {@link #write} also takes {@code String} (as 'S') and {@code byte[]} (as 'x').
 * Tables decode into {@link LinkedHashMap}s in wire order; when a key repeats, the first value wins,
 * as in RabbitMQ's and the Java client's lookups. Stateless, so any thread may call it.
 */
public final class FieldTables {

    /** Nesting deeper than this is refused rather than risking the decoding thread's stack. */
    static final int MAX_NESTING = 100;

    private FieldTables() {
    }

    /**
     * Reads a table: its 32-bit length, then name/value pairs.
     *
     * @throws IllegalArgumentException for an unknown value type, nesting beyond {@value #MAX_NESTING}
     *     levels, or a value that overruns the table's length
     * @throws IndexOutOfBoundsException if the buffer ends early
     */
    public static Map<String, Object> read(ByteBuf in) {
        return readTable(in, 0);
    }

    /**
     * Writes {@code table} (null counts as empty) with its 32-bit length.
     *
     * @throws IllegalArgumentException for a value of a type listed in no row above, a name longer
     *     than 255 bytes, or a BigDecimal that does not fit an AMQP decimal; {@code out} is then left
     *     as it was
     */
    public static void write(ByteBuf out, Map<String, ?> table) {
        int start = out.writerIndex();
        try {
            writeTable(out, table);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /** The number of bytes {@link #write} produces for {@code table}, its length prefix included. */
    public static long encodedSize(Map<String, ?> table) {
        long size = 4;
        if (table != null) {
            for (Map.Entry<String, ?> entry : table.entrySet()) {
                String key = entry.getKey();
                size += 1 + (key == null ? 0 : ByteBufUtil.utf8Bytes(key)) + valueSize(entry.getValue());
            }
        }
        return size;
    }

    private static void writeTable(ByteBuf out, Map<String, ?> table) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (table != null) {
            for (Map.Entry<String, ?> entry : table.entrySet()) {
                Wire.writeShortStr(out, entry.getKey());
                writeValue(out, entry.getValue());
            }
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    private static Map<String, Object> readTable(ByteBuf in, int depth) {
        int end = contentEnd(in, depth);
        Map<String, Object> table = new LinkedHashMap<>();
        while (in.readerIndex() < end) {
            String name = Wire.readShortStr(in);
            Object value = readValue(in, depth);
            table.putIfAbsent(name, value);
        }
        checkEnd(in, end);
        return table;
    }

    private static List<Object> readArray(ByteBuf in, int depth) {
        int end = contentEnd(in, depth);
        List<Object> array = new ArrayList<>();
        while (in.readerIndex() < end) {
            array.add(readValue(in, depth));
        }
        checkEnd(in, end);
        return array;
    }

    private static int contentEnd(ByteBuf in, int depth) {
        if (depth > MAX_NESTING) {
            throw new IllegalArgumentException("field tables nested deeper than " + MAX_NESTING);
        }
        int length = Wire.readLength(in);
        return in.readerIndex() + length;
    }

    private static void checkEnd(ByteBuf in, int end) {
        if (in.readerIndex() != end) {
            throw new IllegalArgumentException("field value overruns its table or array");
        }
    }

    private static Object readValue(ByteBuf in, int depth) {
        int type = in.readUnsignedByte();
        switch (type) {
            case 'S':
                return Wire.readLongStr(in);
            case 'I':
                return in.readInt();
            case 'l':
                return in.readLong();
            case 't':
                return in.readUnsignedByte() != 0;
            case 'F':
                return readTable(in, depth + 1);
            case 'A':
                return readArray(in, depth + 1);
            case 'T':
                return new Timestamp(in.readLong());
            case 'b':
                return in.readByte();
            case 'B':
                return UnsignedByte.valueOf(in.readUnsignedByte());
            case 's':
                return in.readShort();
            case 'u':
                return UnsignedShort.valueOf(in.readUnsignedShort());
            case 'i':
                return UnsignedInt.valueOf(in.readUnsignedInt());
            case 'f':
                return in.readFloat();
            case 'd':
                return in.readDouble();
            case 'D': {
                int scale = in.readUnsignedByte();
                return BigDecimal.valueOf(in.readInt(), scale);
            }
            case 'x': {
                byte[] bytes = new byte[Wire.readLength(in)];
                in.readBytes(bytes);
                return ByteArray.wrap(bytes);
            }
            case 'V':
                return null;
            default:
                throw new IllegalArgumentException("unknown field value type " + type);
        }
    }

    private static void writeValue(ByteBuf out, Object value) {
        if (value instanceof String s) {
            out.writeByte('S');
            int lengthIndex = out.writerIndex();
            out.writeInt(0);
            out.setInt(lengthIndex, ByteBufUtil.reserveAndWriteUtf8(out, s, ByteBufUtil.utf8MaxBytes(s)));
        } else if (value instanceof LongStr s) {
            out.writeByte('S');
            Wire.writeLongStr(out, s);
        } else if (value instanceof Integer i) {
            out.writeByte('I').writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte('l').writeLong(l);
        } else if (value instanceof Boolean b) {
            out.writeByte('t').writeByte(b ? 1 : 0);
        } else if (value instanceof Map<?, ?> table) {
            out.writeByte('F');
            writeTable(out, castTable(table));
        } else if (value instanceof List<?> array) {
            out.writeByte('A');
            writeArray(out, array);
        } else if (value instanceof Timestamp t) {
            out.writeByte('T').writeLong(t.seconds());
        } else if (value == null) {
            out.writeByte('V');
        } else if (value instanceof Byte b) {
            out.writeByte('b').writeByte(b);
        } else if (value instanceof UnsignedByte b) {
            out.writeByte('B').writeByte(b.intValue());
        } else if (value instanceof Short s) {
            out.writeByte('s').writeShort(s);
        } else if (value instanceof UnsignedShort s) {
            out.writeByte('u').writeShort(s.intValue());
        } else if (value instanceof UnsignedInt i) {
            out.writeByte('i').writeInt(i.intValue());
        } else if (value instanceof Float f) {
            out.writeByte('f').writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte('d').writeDouble(d);
        } else if (value instanceof BigDecimal d) {
            int scale = decimalScale(d);
            int unscaled = decimalUnscaled(d);
            out.writeByte('D').writeByte(scale).writeInt(unscaled);
        } else if (value instanceof ByteArray a) {
            out.writeByte('x').writeInt(a.length()).writeBytes(a.bytes());
        } else if (value instanceof byte[] a) {
            out.writeByte('x').writeInt(a.length).writeBytes(a);
        } else {
            throw new IllegalArgumentException("no AMQP field type for " + value.getClass().getName());
        }
    }

    private static void writeArray(ByteBuf out, List<?> array) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        for (Object value : array) {
            writeValue(out, value);
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    private static long valueSize(Object value) {
        if (value instanceof String s) {
            return 5 + ByteBufUtil.utf8Bytes(s);
        } else if (value instanceof LongStr s) {
            return 5 + s.length();
        } else if (value instanceof Map<?, ?> table) {
            return 1 + encodedSize(castTable(table));
        } else if (value instanceof List<?> array) {
            long size = 5;
            for (Object element : array) {
                size += valueSize(element);
            }
            return size;
        } else if (value instanceof ByteArray a) {
            return 5 + a.length();
        } else if (value instanceof byte[] a) {
            return 5 + a.length;
        } else if (value == null) {
            return 1;
        } else if (value instanceof Boolean || value instanceof Byte || value instanceof UnsignedByte) {
            return 2;
        } else if (value instanceof Short || value instanceof UnsignedShort) {
            return 3;
        } else if (value instanceof Integer || value instanceof UnsignedInt || value instanceof Float) {
            return 5;
        } else if (value instanceof BigDecimal) {
            return 6;
        } else if (value instanceof Long || value instanceof Double || value instanceof Timestamp) {
            return 9;
        }
        throw new IllegalArgumentException("no AMQP field type for " + value.getClass().getName());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castTable(Map<?, ?> table) {
        return (Map<String, ?>) table;
    }

    private static int decimalScale(BigDecimal d) {
        if (d.scale() < 0 || d.scale() > 255) {
            throw new IllegalArgumentException("decimal scale must be 0..255: " + d);
        }
        return d.scale();
    }

    private static int decimalUnscaled(BigDecimal d) {
        BigInteger unscaled = d.unscaledValue();
        if (unscaled.bitLength() > 31) {
            throw new IllegalArgumentException("decimal does not fit 32 bits unscaled: " + d);
        }
        return unscaled.intValue();
    }
}
