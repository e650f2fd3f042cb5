package io.warren.amqp.types;

/**
 * An unsigned 32-bit field value (field type {@code 'i'}), kept apart from {@link Integer} and
 * {@link Long} so that re-encoding keeps the type. Being a {@link Number}, it compares with other
 * integer widths through {@link #longValue()}.
 */
public final class UnsignedInt extends Number {

    private static final long serialVersionUID = 1L;

    private static final long MAX = 0xFFFF_FFFFL;

    private final long value;

    private UnsignedInt(long value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException unless {@code 0 <= value <= 4294967295} */
    public static UnsignedInt valueOf(long value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("unsigned int out of range: " + value);
        }
        return new UnsignedInt(value);
    }

    /** The value; above {@link Integer#MAX_VALUE} it wraps, so prefer {@link #longValue()}. */
    @Override
    public int intValue() {
        return (int) value;
    }

    @Override
    public long longValue() {
        return value;
    }

    @Override
    public float floatValue() {
        return value;
    }

    @Override
    public double doubleValue() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnsignedInt other && value == other.value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
