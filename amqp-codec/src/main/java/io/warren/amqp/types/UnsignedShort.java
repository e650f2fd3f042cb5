package io.warren.amqp.types;

/**
 * An unsigned 16-bit field value (field type {@code 'u'}), kept apart from {@link Short} so that
 * re-encoding keeps the type. Being a {@link Number}, it compares with other integer widths through
 * {@link #longValue()}.
 */
public final class UnsignedShort extends Number {

    private static final long serialVersionUID = 1L;

    private final int value;

    private UnsignedShort(int value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException unless {@code 0 <= value <= 65535} */
    public static UnsignedShort valueOf(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("unsigned short out of range: " + value);
        }
        return new UnsignedShort(value);
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
        return o instanceof UnsignedShort other && value == other.value;
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
