package io.warren.amqp.types;

/**
 * What the unsigned field-value types share: a non-negative value held as a long, the
 * {@link Number} views of it, and equality within one type only, so that a value re-encodes with
 * the type it was read with.
 */
abstract sealed class UnsignedValue extends Number permits UnsignedByte, UnsignedShort, UnsignedInt {

    private static final long serialVersionUID = 1L;

    private final long value;

    UnsignedValue(long value, long max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
        this.value = value;
    }

    /** The value; above {@link Integer#MAX_VALUE} (only an unsigned int gets there) it wraps, so prefer {@link #longValue()}. */
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
        return o != null && o.getClass() == getClass() && value == ((UnsignedValue) o).value;
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
