package io.warren.tests.hostile;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds the payload of a method or content-header frame field by field, in the wire encoding of
 * spec section 4.2.5. Deliberately independent of Warren's codec, so that a codec bug cannot hide
 * itself from these tests.
 *
 * <p>Consecutive bits are not packed: each {@link #bit} writes its own octet, which is only correct for
 * a single bit; use {@link #octet} with a mask where several bits share one octet.
 */
public final class PayloadBuilder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    private PayloadBuilder() {
    }

    /** Starts a method frame payload with its class and method ids. */
    public static PayloadBuilder method(int classId, int methodId) {
        return new PayloadBuilder().shortInt(classId).shortInt(methodId);
    }

    /** Starts a content header payload (spec 4.2.6.1) with its class id and the unused weight. */
    public static PayloadBuilder contentHeader(int classId) {
        return new PayloadBuilder().shortInt(classId).shortInt(0);
    }

    public PayloadBuilder octet(int value) {
        return write(() -> out.writeByte(value));
    }

    public PayloadBuilder bit(boolean value) {
        return octet(value ? 1 : 0);
    }

    public PayloadBuilder shortInt(int value) {
        return write(() -> out.writeShort(value));
    }

    public PayloadBuilder longInt(int value) {
        return write(() -> out.writeInt(value));
    }

    public PayloadBuilder shortString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return write(() -> {
            out.writeByte(utf8.length);
            out.write(utf8);
        });
    }

    public PayloadBuilder longString(byte[] value) {
        return write(() -> {
            out.writeInt(value.length);
            out.write(value);
        });
    }

    public PayloadBuilder longString(String value) {
        return longString(value.getBytes(StandardCharsets.UTF_8));
    }

    public PayloadBuilder emptyTable() {
        return longInt(0);
    }

    /** Writes a field table whose values are booleans, strings or nested tables. */
    public PayloadBuilder table(Map<String, ?> entries) {
        PayloadBuilder fields = new PayloadBuilder();
        entries.forEach(fields::field);
        return longString(fields.build());
    }

    private void field(String name, Object value) {
        shortString(name);
        if (value instanceof Boolean b) {
            octet('t').bit(b);
        } else if (value instanceof String text) {
            octet('S').longString(text);
        } else if (value instanceof Map<?, ?> nested) {
            @SuppressWarnings("unchecked")
            Map<String, ?> table = (Map<String, ?>) nested;
            octet('F').table(table);
        } else {
            throw new IllegalArgumentException("unsupported field value " + value);
        }
    }

    public byte[] build() {
        return bytes.toByteArray();
    }

    private PayloadBuilder write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            // a ByteArrayOutputStream never throws
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
