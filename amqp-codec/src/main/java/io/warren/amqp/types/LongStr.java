package io.warren.amqp.types;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An AMQP long string ({@code longstr}, field type {@code 'S'}): up to 2^32-1 bytes, usually but not
 * necessarily UTF-8. It keeps the bytes as received so that re-encoding reproduces them exactly.
 * Equality is by bytes. Immutable as long as nobody writes to the array behind {@link #bytes()}.
 */
public final class LongStr {

    public static final LongStr EMPTY = new LongStr(new byte[0]);

    private final byte[] bytes;

    private LongStr(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The UTF-8 encoding of {@code text}. */
    public static LongStr of(String text) {
        return new LongStr(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Wraps {@code bytes} without copying; the caller hands over the array and must not change it. */
    public static LongStr wrap(byte[] bytes) {
        return new LongStr(bytes);
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
        return o instanceof LongStr other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The bytes decoded as UTF-8 (malformed sequences become U+FFFD). */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
