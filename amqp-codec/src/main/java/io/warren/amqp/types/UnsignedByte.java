package io.warren.amqp.types;

/**
 * An unsigned 8-bit field value (field type {@code 'B'}), kept apart from {@link Byte} so that
 * re-encoding keeps the type. Being a {@link Number}, it compares with other integer widths through
 * {@link #longValue()}.
 */
public final class UnsignedByte extends Number {

    private static final long serialVersionUID = 1L;

    private final int value;

    private UnsignedByte(int value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException unless {@code 0 <= value <= 255} */
    public static UnsignedByte valueOf(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("unsigned byte out of range: " + value);
        }
        return new UnsignedByte(value);
    }

    @Override
    public int intValue() {
        return value;
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
        return o instanceof UnsignedByte other && value == other.value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
