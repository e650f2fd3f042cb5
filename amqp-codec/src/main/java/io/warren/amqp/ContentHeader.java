package io.warren.amqp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The content header of a message: its class, body size and properties. The properties are kept as
 * the bytes that came off the wire, so that a broker can forward them byte for byte without
 * re-encoding; {@link #properties()} decodes them on first use.
 *
 * <p>Safe to share between threads: the decoded properties are immutable, so two threads that call
 * {@link #properties()} first at once at worst both decode them.
 */
public final class ContentHeader {

    private final int classId;
    private final long bodySize;
    private final byte[] rawProperties;
    private BasicProperties properties;

    /**
     * @param rawProperties the property flags and property list, taken as is (not copied); nobody may
     *     change the array afterwards
     */
    public ContentHeader(int classId, long bodySize, byte[] rawProperties) {
        this.classId = classId;
        this.bodySize = bodySize;
        this.rawProperties = rawProperties;
    }

    /** A {@code basic} content header carrying {@code properties}, encoded now. */
    public static ContentHeader of(BasicProperties properties, long bodySize) {
        ContentHeader header = new ContentHeader(Methods.BASIC_CLASS, bodySize, properties.toBytes());
        header.properties = properties;
        return header;
    }

    public int classId() {
        return classId;
    }

    /** The body size in bytes, as announced (an unsigned 64-bit value). */
    public long bodySize() {
        return bodySize;
    }

    /** The property flags and property list as received; do not modify. */
    public byte[] rawProperties() {
        return rawProperties;
    }

    /**
     * The properties, decoded from {@link #rawProperties()} on the first call and cached.
     *
     * @throws FrameException {@code FRAME_ERROR} if the raw properties are malformed
     */
    public BasicProperties properties() {
        BasicProperties decoded = properties;
        if (decoded == null) {
            decoded = decodeProperties();
            properties = decoded;
        }
        return decoded;
    }

    private BasicProperties decodeProperties() {
        if (rawProperties.length == 0) {
            return BasicProperties.EMPTY;
        }
        ByteBuf in = Unpooled.wrappedBuffer(rawProperties);
        try {
            BasicProperties decoded = BasicProperties.decode(in);
            if (in.isReadable()) {
                throw FrameErrors.malformedProperties(rawProperties, classId);
            }
            return decoded;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw FrameErrors.malformedProperties(rawProperties, classId);
        }
    }

    @Override
    public String toString() {
        return "ContentHeader[classId=" + classId + ", bodySize=" + bodySize + ", properties="
                + rawProperties.length + " bytes]";
    }
}
