package io.warren.amqp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.warren.amqp.types.LongStr;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds method records with distinctive argument values, by reflection over the spec. */
final class SampleMethods {

    private SampleMethods() {
    }

    static Class<?> recordClass(SpecModel.Method m) {
        try {
            return Class.forName("io.warren.amqp.method." + m.recordName());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no record for " + m.fullName(), e);
        }
    }

    /** Every argument set to a value that would show truncation, sign or order mistakes. */
    static AmqpMethod sample(SpecModel.Method m, Map<String, Object> table) {
        List<Object> values = new ArrayList<>();
        int bit = 0;
        for (SpecModel.Field f : m.fields()) {
            Object value = switch (f.type()) {
                case "bit" -> bit++ % 2 == 0;
                default -> sampleValue(f, table);
            };
            values.add(value);
        }
        return construct(m, values);
    }

    /** Every argument at its sample value except bits: only the {@code index}-th bit is set. */
    static AmqpMethod withOneBitSet(SpecModel.Method m, int index) {
        List<Object> values = new ArrayList<>();
        int bit = 0;
        for (SpecModel.Field f : m.fields()) {
            values.add(f.type().equals("bit") ? bit++ == index : sampleValue(f, Map.of()));
        }
        return construct(m, values);
    }

    static Object sampleValue(SpecModel.Field f, Map<String, Object> table) {
        return switch (f.type()) {
            case "octet" -> 0xA5;
            case "short" -> 0xBEEF;
            case "long" -> 0xDEADBEEFL;
            case "longlong" -> 0x8000_0000_0000_0001L;
            case "timestamp" -> 1_700_000_000L;
            case "shortstr" -> "név-" + f.specName() + "-✓";
            case "longstr" -> LongStr.of("long ✓ " + f.specName());
            case "table" -> table;
            default -> throw new AssertionError("unexpected type " + f.type());
        };
    }

    static AmqpMethod construct(SpecModel.Method m, List<Object> values) {
        Class<?> type = recordClass(m);
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            return (AmqpMethod) constructor.newInstance(values.toArray());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot construct " + m.fullName(), e);
        }
    }

    /** A table with every field type RabbitMQ's Java client can read and write back unchanged. */
    static Map<String, Object> clientCompatibleTable() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("n", LongStr.of("nested"));
        List<Object> array = new ArrayList<>();
        array.add(LongStr.of("a"));
        array.add(-7);
        array.add(Long.MIN_VALUE);
        array.add(true);
        array.add((byte) -3);
        array.add((short) -300);
        array.add(1.5f);
        array.add(-2.25d);
        array.add(new BigDecimal("-12.345"));
        array.add(new io.warren.amqp.types.Timestamp(1_700_000_000L));
        array.add(io.warren.amqp.types.ByteArray.wrap(new byte[] {0, 1, (byte) 0xFF}));
        array.add(null);
        array.add(nested);
        // The Java client reads tables into HashMaps, which reorder keys; one key keeps the bytes stable.
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("x-args", array);
        return table;
    }

    /** Encoded arguments of {@code m}. */
    static byte[] arguments(AmqpMethod m) {
        ByteBuf buf = Unpooled.buffer();
        try {
            m.writeArguments(buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }
}
