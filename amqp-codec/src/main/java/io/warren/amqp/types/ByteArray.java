package io.warren.amqp.types;

import java.util.Arrays;

/**
 * A byte array field value (field type {@code 'x'}). Equality is by bytes. Immutable as long as
 * nobody writes to the array behind {@link #bytes()}.
 */
public final class ByteArray {

    private final byte[] bytes;

    private ByteArray(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps {@code bytes} without copying; the caller hands over the array and must not change it. */
    public static ByteArray wrap(byte[] bytes) {
        return new ByteArray(bytes);
    }

    /** The bytes themselves, not a copy: do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteArray other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ByteArray" + Arrays.toString(bytes);
    }
}
