package io.warren.exchange;

/** Stands in for the codec's unsigned 16-bit field value ('u'), a Number this module cannot see. */
final class CodecUnsignedShort extends Number {
    private static final long serialVersionUID = 1L;

    private final int value;

    CodecUnsignedShort(int value) {
        this.value = value;
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
    public boolean equals(Object other) {
        return other instanceof CodecUnsignedShort that && value == that.value;
    }

    @Override
    public int hashCode() {
        return value;
    }
}
