package io.warren.amqp.types;

/**
 * An unsigned 32-bit field value (field type {@code 'i'}), kept apart from {@link Integer} and
 * {@link Long} so that re-encoding keeps the type. Being a {@link Number}, it compares with other
 * integer widths through {@link #longValue()}.
 */
public final class UnsignedInt extends UnsignedValue {

    private static final long serialVersionUID = 1L;

    private UnsignedInt(long value) {
        super(value, 0xFFFF_FFFFL, "unsigned int");
    }

    /** @throws IllegalArgumentException unless {@code 0 <= value <= 4294967295} */
    public static UnsignedInt valueOf(long value) {
        return new UnsignedInt(value);
    }
}
