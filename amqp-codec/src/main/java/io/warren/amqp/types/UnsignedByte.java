package io.warren.amqp.types;

/**
 * An unsigned 8-bit field value (field type {@code 'B'}), kept apart from {@link Byte} so that
 * re-encoding keeps the type. Being a {@link Number}, it compares with other integer widths through
 * {@link #longValue()}.
 */
public final class UnsignedByte extends UnsignedValue {

    private static final long serialVersionUID = 1L;

    private UnsignedByte(int value) {
        super(value, 0xFF, "unsigned byte");
    }

    /** @throws IllegalArgumentException unless {@code 0 <= value <= 255} */
    public static UnsignedByte valueOf(int value) {
        return new UnsignedByte(value);
    }
}
