package io.warren.queue.store;

import io.warren.queue.Message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The byte layout of segment files, all integers big-endian.
 *
 * <pre>
 * segment  = magic:int32 version:int32 record*
 * record   = payloadLength:int32 crc:int32 payload
 * crc      = CRC32C over the payloadLength bytes followed by the payload
 * payload  = queueSequence:int64 flags:int8 [lifecycle] exchange:shortstr routingKey:shortstr
 *            propertiesLength:int32 properties body
 * lifecycle = arrivedAt:int64 priority:int8 expiration:int64   (present when flags has LIFECYCLE)
 * </pre>
 *
 * Records written before the lifecycle fields existed lack the flag; they read back as messages
 * without priority or expiration that arrived when they were read. The PUBLISHER_DEATHS flag marks
 * a message whose x-death header a client published ({@link Message#publisherDeaths()}); records
 * written before it existed read back as the broker's own history, as they were treated then.
 *
 * The length is inside the checksum so that a torn or garbled length cannot pass for a record;
 * a length of zero (what a crash can leave in a preallocated or extended file) is never valid.
 */
final class RecordFormat {
    static final int MAGIC = 0x5752_4E53;
    static final int VERSION = 1;
    static final int SEGMENT_HEADER = 8;
    static final int FRAME = 8;
    /** Frame, queue sequence and flags: what {@link #plausibleHead} looks at. */
    static final int HEAD = FRAME + 8 + 1;
    // Queue sequences count messages of one queue: far below this in any real log.
    private static final long MAX_SEQUENCE = 1L << 48;
    private static final int FIXED_PAYLOAD = 8 + 1 + 1 + 1 + 4;
    private static final int PERSISTENT = 1;
    private static final int LIFECYCLE = 2;
    private static final int PUBLISHER_DEATHS = 4;
    private static final int KNOWN_FLAGS = PERSISTENT | LIFECYCLE | PUBLISHER_DEATHS;
    private static final int LIFECYCLE_LENGTH = 8 + 1 + 8;

    private RecordFormat() {
    }

    /** The size of the whole record for {@code m}, frame included. */
    static int recordLength(Message m) {
        long length = (long) FRAME + FIXED_PAYLOAD + LIFECYCLE_LENGTH + shortString(m.exchange()) + shortString(m.routingKey())
                + m.properties().length + m.body().length;
        if (length > StoreSettings.MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("message too large to store: " + length + " bytes");
        }
        return (int) length;
    }

    /** Writes the record for {@code m} at {@code at}; {@code into} has room for {@link #recordLength}. */
    static void encode(Message m, long queueSequence, byte[] into, int at, int recordLength, CRC32C crc) {
        ByteBuffer out = ByteBuffer.wrap(into, at, recordLength);
        out.putInt(recordLength - FRAME);
        out.putInt(0);
        out.putLong(queueSequence);
        out.put((byte) ((m.persistent() ? PERSISTENT : 0) | LIFECYCLE | (m.publisherDeaths() ? PUBLISHER_DEATHS : 0)));
        out.putLong(m.arrivedAt());
        out.put((byte) m.priority());
        out.putLong(m.expiration());
        putShortString(out, m.exchange());
        putShortString(out, m.routingKey());
        out.putInt(m.properties().length);
        out.put(m.properties());
        out.put(m.body());
        crc.reset();
        crc.update(into, at, 4);
        crc.update(into, at + FRAME, recordLength - FRAME);
        ByteBuffer.wrap(into).putInt(at + 4, (int) crc.getValue());
    }

    /**
     * Checks the record starting at {@code at}, whose frame and payload are all in {@code buf}.
     *
     * @return null if it is sound, else what is wrong
     */
    static String verify(byte[] buf, int at, int recordLength, CRC32C crc) {
        crc.reset();
        crc.update(buf, at, 4);
        crc.update(buf, at + FRAME, recordLength - FRAME);
        int stored = ByteBuffer.wrap(buf).getInt(at + 4);
        return stored == (int) crc.getValue() ? null : "checksum mismatch";
    }

    /**
     * Whether the {@code recordLength} bytes at {@code at} are a sound record whose length field
     * alone was damaged: the checksum matches once the field reads {@code recordLength}. Tells a
     * damaged last record, which has all its bytes, from one a crash left half written.
     */
    static boolean soundButForLength(byte[] buf, int at, int recordLength, CRC32C crc) {
        byte[] length = ByteBuffer.allocate(4).putInt(recordLength - FRAME).array();
        crc.reset();
        crc.update(length, 0, 4);
        crc.update(buf, at + FRAME, recordLength - FRAME);
        return ByteBuffer.wrap(buf).getInt(at + 4) == (int) crc.getValue();
    }

    /** The payload length announced by the frame at {@code at}, or -1 if it cannot be a record. */
    static int payloadLength(byte[] buf, int at) {
        int length = ByteBuffer.wrap(buf).getInt(at);
        return length < FIXED_PAYLOAD || length > StoreSettings.MAX_SEGMENT_SIZE ? -1 : length;
    }

    /**
     * Whether the {@link #HEAD} bytes at {@code at} can start a record whose sequence comes after
     * {@code previousSequence}: a cheap test that spares a checksum over most offsets when
     * recovery looks for the next record after damage.
     */
    static boolean plausibleHead(byte[] buf, int at, long previousSequence) {
        if (payloadLength(buf, at) < 0) {
            return false;
        }
        long sequence = queueSequence(buf, at);
        int flags = buf[at + FRAME + 8];
        return sequence > previousSequence && sequence < MAX_SEQUENCE && (flags & ~KNOWN_FLAGS) == 0;
    }

    static long queueSequence(byte[] buf, int at) {
        return ByteBuffer.wrap(buf).getLong(at + FRAME);
    }

    /** Rebuilds the message of a verified record. */
    static Message decode(byte[] buf, int at, int recordLength) {
        ByteBuffer in = ByteBuffer.wrap(buf, at + FRAME + 8, recordLength - FRAME - 8);
        int flags = in.get();
        boolean persistent = (flags & PERSISTENT) != 0;
        long arrivedAt = System.currentTimeMillis();
        int priority = 0;
        long expiration = Message.NO_EXPIRATION;
        if ((flags & LIFECYCLE) != 0) {
            arrivedAt = in.getLong();
            priority = in.get() & 0xFF;
            expiration = in.getLong();
        }
        String exchange = getShortString(in);
        String routingKey = getShortString(in);
        byte[] properties = new byte[in.getInt()];
        in.get(properties);
        byte[] body = new byte[in.remaining()];
        in.get(body);
        return new Message(exchange, routingKey, properties, body, persistent, priority, expiration, arrivedAt,
                (flags & PUBLISHER_DEATHS) != 0);
    }

    static ByteBuffer segmentHeader() {
        return ByteBuffer.allocate(SEGMENT_HEADER).putInt(MAGIC).putInt(VERSION).flip();
    }

    static boolean isSegmentHeader(byte[] buf, int at) {
        ByteBuffer in = ByteBuffer.wrap(buf);
        return in.getInt(at) == MAGIC && in.getInt(at + 4) == VERSION;
    }

    /** The version of a segment header with the right magic number, or -1 if the magic is wrong. */
    static int headerVersion(byte[] buf, int at) {
        ByteBuffer in = ByteBuffer.wrap(buf);
        return in.getInt(at) == MAGIC ? in.getInt(at + 4) : -1;
    }

    private static int shortString(String s) {
        int length = utf8Length(s);
        if (length > 255) {
            throw new IllegalArgumentException("short string longer than 255 bytes: " + s);
        }
        return length;
    }

    private static void putShortString(ByteBuffer out, String s) {
        int length = utf8Length(s);
        out.put((byte) length);
        if (length == s.length()) {
            // ASCII, the common case for exchange names and routing keys: no byte[] to allocate.
            for (int i = 0; i < length; i++) {
                out.put((byte) s.charAt(i));
            }
        } else {
            out.put(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String getShortString(ByteBuffer in) {
        int length = in.get() & 0xFF;
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    private static int utf8Length(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                // Rare; the encoder's own count keeps lone surrogates consistent with what it writes.
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return s.length();
    }
}
