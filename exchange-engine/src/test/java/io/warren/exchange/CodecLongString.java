package io.warren.exchange;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Stands in for the codec's long-string type, which this module cannot see: raw bytes, equal by
 * bytes, {@code toString()} decodes UTF-8. Not a CharSequence.
 */
final class CodecLongString {
    private final byte[] bytes;

    CodecLongString(String text) {
        this.bytes = text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CodecLongString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
