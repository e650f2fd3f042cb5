package io.warren.amqp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.warren.amqp.types.LongStr;
import java.nio.charset.StandardCharsets;

/**
 * Short and long strings as AMQP lays them out. Used by the generated method records; stateless, so
 * any thread may call it. Readers throw {@link IndexOutOfBoundsException} when the buffer ends early.
 */
public final class Wire {

    /** The longest short string, in bytes. */
    public static final int SHORT_STR_MAX = 255;

    private Wire() {
    }

    /**
     * Reads a short string, decoding it as UTF-8 without checking it: malformed bytes become U+FFFD.
     * RabbitMQ does not check the strings of content-bearing methods either, which keeps publish fast.
     */
    public static String readShortStr(ByteBuf in) {
        int length = in.readUnsignedByte();
        if (length == 0) {
            return "";
        }
        int start = in.readerIndex();
        in.skipBytes(length);
        return in.toString(start, length, StandardCharsets.UTF_8);
    }

    /**
     * Reads a short string that must be valid UTF-8, as RabbitMQ requires of the strings of methods
     * without content.
     *
     * @throws FrameException {@code FRAME_ERROR} as RabbitMQ reports it, if it is not valid UTF-8
     */
    public static String readStrictShortStr(ByteBuf in) {
        int length = in.readUnsignedByte();
        if (length == 0) {
            return "";
        }
        int start = in.readerIndex();
        in.skipBytes(length);
        if (!ByteBufUtil.isText(in, start, length, StandardCharsets.UTF_8)) {
            throw FrameErrors.malformedUtf8();
        }
        return in.toString(start, length, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code value} (null counts as empty) as a short string.
     *
     * @throws IllegalArgumentException if its UTF-8 form is longer than 255 bytes; nothing is written
     */
    public static void writeShortStr(ByteBuf out, String value) {
        if (value == null || value.isEmpty()) {
            out.writeByte(0);
            return;
        }
        // Measuring first lets us reserve exactly the bytes written, so a caller that sized the
        // buffer for at most 256 bytes per short string never sees it grow.
        int length = ByteBufUtil.utf8Bytes(value);
        if (length > SHORT_STR_MAX) {
            throw new IllegalArgumentException("short string longer than 255 bytes: " + length);
        }
        out.writeByte(length);
        ByteBufUtil.reserveAndWriteUtf8(out, value, length);
    }

    /** Reads a long string, keeping its bytes as they are. */
    public static LongStr readLongStr(ByteBuf in) {
        int length = readLength(in);
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return LongStr.wrap(bytes);
    }

    /** Writes {@code value} (null counts as empty) as a long string. */
    public static void writeLongStr(ByteBuf out, LongStr value) {
        if (value == null) {
            out.writeInt(0);
            return;
        }
        out.writeInt(value.length());
        out.writeBytes(value.bytes());
    }

    /**
     * Reads a 32-bit unsigned length and checks that many bytes follow, so that a bogus length fails
     * before anything is allocated for it.
     */
    static int readLength(ByteBuf in) {
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw new IndexOutOfBoundsException("length " + length + " exceeds the " + in.readableBytes()
                    + " readable bytes");
        }
        return (int) length;
    }
}
