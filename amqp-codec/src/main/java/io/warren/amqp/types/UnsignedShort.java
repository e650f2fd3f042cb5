package io.warren.amqp.types;

/**
 * An unsigned 16-bit field value (field type {@code 'u'}), kept apart from {@link Short} and
 * {@link Integer} so that re-encoding keeps the type. Being a {@link Number}, it compares with
 * other integer widths through {@link #longValue()}.
 */
public final class UnsignedShort extends UnsignedValue {

    private static final long serialVersionUID = 1L;

    private UnsignedShort(int value) {
        super(value, 0xFFFF, "unsigned short");
    }

    /** @throws IllegalArgumentException unless {@code 0 <= value <= 65535} */
    public static UnsignedShort valueOf(int value) {
        return new UnsignedShort(value);
    }
}
