package io.warren.amqp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The fourteen properties of the {@code basic} content class, each null when absent. Immutable (the
 * headers map is wrapped read-only; treat nested tables and arrays in it as read-only too), so any
 * thread may share one. Build with {@link #builder()} or change one with {@link #toBuilder()}.
 *
 * <p>On the wire the properties are a 16-bit presence-flag word (bit 15 = content-type down to bit
 * 2 = cluster-id; bit 0 says another flag word follows) and then the present values in order.
 */
public final class BasicProperties {

    public static final BasicProperties EMPTY = builder().build();

    private static final int CONTENT_TYPE = 1 << 15;
    private static final int CONTENT_ENCODING = 1 << 14;
    private static final int HEADERS = 1 << 13;
    private static final int DELIVERY_MODE = 1 << 12;
    private static final int PRIORITY = 1 << 11;
    private static final int CORRELATION_ID = 1 << 10;
    private static final int REPLY_TO = 1 << 9;
    private static final int EXPIRATION = 1 << 8;
    private static final int MESSAGE_ID = 1 << 7;
    private static final int TIMESTAMP = 1 << 6;
    private static final int TYPE = 1 << 5;
    private static final int USER_ID = 1 << 4;
    private static final int APP_ID = 1 << 3;
    private static final int CLUSTER_ID = 1 << 2;
    private static final int CONTINUATION = 1;

    private static final Class<?> READ_ONLY_MAP = Collections.unmodifiableMap(new HashMap<>()).getClass();

    private final String contentType;
    private final String contentEncoding;
    private final Map<String, Object> headers;
    private final Integer deliveryMode;
    private final Integer priority;
    private final String correlationId;
    private final String replyTo;
    private final String expiration;
    private final String messageId;
    private final Long timestamp;
    private final String type;
    private final String userId;
    private final String appId;
    private final String clusterId;

    private BasicProperties(Builder b) {
        contentType = b.contentType;
        contentEncoding = b.contentEncoding;
        headers = b.headers == null ? null : readOnly(b.headers);
        deliveryMode = b.deliveryMode;
        priority = b.priority;
        correlationId = b.correlationId;
        replyTo = b.replyTo;
        expiration = b.expiration;
        messageId = b.messageId;
        timestamp = b.timestamp;
        type = b.type;
        userId = b.userId;
        appId = b.appId;
        clusterId = b.clusterId;
    }

    // toBuilder().build() hands back the wrapper; wrapping it again would stack wrappers.
    private static Map<String, Object> readOnly(Map<String, Object> headers) {
        return headers.getClass() == READ_ONLY_MAP ? headers : Collections.unmodifiableMap(headers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these properties. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.contentType = contentType;
        b.contentEncoding = contentEncoding;
        b.headers = headers;
        b.deliveryMode = deliveryMode;
        b.priority = priority;
        b.correlationId = correlationId;
        b.replyTo = replyTo;
        b.expiration = expiration;
        b.messageId = messageId;
        b.timestamp = timestamp;
        b.type = type;
        b.userId = userId;
        b.appId = appId;
        b.clusterId = clusterId;
        return b;
    }

    /**
     * Reads presence flags and property values from {@code in}, leaving it after the last value.
     *
     * @throws IllegalArgumentException if a continuation flag word announces properties the basic
     *     class does not have, or a header table is malformed
     * @throws IndexOutOfBoundsException if the buffer ends early
     */
    public static BasicProperties decode(ByteBuf in) {
        int flags = in.readUnsignedShort();
        int more = flags;
        while ((more & CONTINUATION) != 0) {
            more = in.readUnsignedShort();
            if ((more & ~CONTINUATION) != 0) {
                throw new IllegalArgumentException("basic properties beyond the fourteenth are flagged present");
            }
        }
        Builder b = new Builder();
        if ((flags & CONTENT_TYPE) != 0) {
            b.contentType = Wire.readShortStr(in);
        }
        if ((flags & CONTENT_ENCODING) != 0) {
            b.contentEncoding = Wire.readShortStr(in);
        }
        if ((flags & HEADERS) != 0) {
            b.headers = FieldTables.read(in);
        }
        if ((flags & DELIVERY_MODE) != 0) {
            b.deliveryMode = (int) in.readUnsignedByte();
        }
        if ((flags & PRIORITY) != 0) {
            b.priority = (int) in.readUnsignedByte();
        }
        if ((flags & CORRELATION_ID) != 0) {
            b.correlationId = Wire.readShortStr(in);
        }
        if ((flags & REPLY_TO) != 0) {
            b.replyTo = Wire.readShortStr(in);
        }
        if ((flags & EXPIRATION) != 0) {
            b.expiration = Wire.readShortStr(in);
        }
        if ((flags & MESSAGE_ID) != 0) {
            b.messageId = Wire.readShortStr(in);
        }
        if ((flags & TIMESTAMP) != 0) {
            b.timestamp = in.readLong();
        }
        if ((flags & TYPE) != 0) {
            b.type = Wire.readShortStr(in);
        }
        if ((flags & USER_ID) != 0) {
            b.userId = Wire.readShortStr(in);
        }
        if ((flags & APP_ID) != 0) {
            b.appId = Wire.readShortStr(in);
        }
        if ((flags & CLUSTER_ID) != 0) {
            b.clusterId = Wire.readShortStr(in);
        }
        return new BasicProperties(b);
    }

    /**
     * Writes one presence-flag word and the present values.
     *
     * @throws IllegalArgumentException if a string is longer than 255 UTF-8 bytes or a header value
     *     has no AMQP field type
     */
    public void encode(ByteBuf out) {
        int flags = 0;
        flags |= contentType != null ? CONTENT_TYPE : 0;
        flags |= contentEncoding != null ? CONTENT_ENCODING : 0;
        flags |= headers != null ? HEADERS : 0;
        flags |= deliveryMode != null ? DELIVERY_MODE : 0;
        flags |= priority != null ? PRIORITY : 0;
        flags |= correlationId != null ? CORRELATION_ID : 0;
        flags |= replyTo != null ? REPLY_TO : 0;
        flags |= expiration != null ? EXPIRATION : 0;
        flags |= messageId != null ? MESSAGE_ID : 0;
        flags |= timestamp != null ? TIMESTAMP : 0;
        flags |= type != null ? TYPE : 0;
        flags |= userId != null ? USER_ID : 0;
        flags |= appId != null ? APP_ID : 0;
        flags |= clusterId != null ? CLUSTER_ID : 0;
        out.writeShort(flags);
        writeIfPresent(out, contentType);
        writeIfPresent(out, contentEncoding);
        if (headers != null) {
            FieldTables.write(out, headers);
        }
        if (deliveryMode != null) {
            out.writeByte(deliveryMode);
        }
        if (priority != null) {
            out.writeByte(priority);
        }
        writeIfPresent(out, correlationId);
        writeIfPresent(out, replyTo);
        writeIfPresent(out, expiration);
        writeIfPresent(out, messageId);
        if (timestamp != null) {
            out.writeLong(timestamp);
        }
        writeIfPresent(out, type);
        writeIfPresent(out, userId);
        writeIfPresent(out, appId);
        writeIfPresent(out, clusterId);
    }

    /** The encoded form, as {@link ContentHeader#rawProperties()} holds it. */
    public byte[] toBytes() {
        ByteBuf buf = Unpooled.buffer(64);
        try {
            encode(buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    private static void writeIfPresent(ByteBuf out, String value) {
        if (value != null) {
            Wire.writeShortStr(out, value);
        }
    }

    public String contentType() {
        return contentType;
    }

    public String contentEncoding() {
        return contentEncoding;
    }

    public Map<String, Object> headers() {
        return headers;
    }

    public Integer deliveryMode() {
        return deliveryMode;
    }

    public Integer priority() {
        return priority;
    }

    public String correlationId() {
        return correlationId;
    }

    public String replyTo() {
        return replyTo;
    }

    public String expiration() {
        return expiration;
    }

    public String messageId() {
        return messageId;
    }

    /** Seconds since the Unix epoch. */
    public Long timestamp() {
        return timestamp;
    }

    public String type() {
        return type;
    }

    public String userId() {
        return userId;
    }

    public String appId() {
        return appId;
    }

    public String clusterId() {
        return clusterId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BasicProperties p
                && Objects.equals(contentType, p.contentType)
                && Objects.equals(contentEncoding, p.contentEncoding)
                && Objects.equals(headers, p.headers)
                && Objects.equals(deliveryMode, p.deliveryMode)
                && Objects.equals(priority, p.priority)
                && Objects.equals(correlationId, p.correlationId)
                && Objects.equals(replyTo, p.replyTo)
                && Objects.equals(expiration, p.expiration)
                && Objects.equals(messageId, p.messageId)
                && Objects.equals(timestamp, p.timestamp)
                && Objects.equals(type, p.type)
                && Objects.equals(userId, p.userId)
                && Objects.equals(appId, p.appId)
                && Objects.equals(clusterId, p.clusterId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, contentEncoding, headers, deliveryMode, priority, correlationId, replyTo,
                expiration, messageId, timestamp, type, userId, appId, clusterId);
    }

    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "BasicProperties[", "]");
        add(s, "contentType", contentType);
        add(s, "contentEncoding", contentEncoding);
        add(s, "headers", headers);
        add(s, "deliveryMode", deliveryMode);
        add(s, "priority", priority);
        add(s, "correlationId", correlationId);
        add(s, "replyTo", replyTo);
        add(s, "expiration", expiration);
        add(s, "messageId", messageId);
        add(s, "timestamp", timestamp);
        add(s, "type", type);
        add(s, "userId", userId);
        add(s, "appId", appId);
        add(s, "clusterId", clusterId);
        return s.toString();
    }

    private static void add(StringJoiner s, String name, Object value) {
        if (value != null) {
            s.add(name + "=" + value);
        }
    }

    /** Collects properties for an immutable {@link BasicProperties}; null means absent. Not thread-safe. */
    public static final class Builder {
        private String contentType;
        private String contentEncoding;
        private Map<String, Object> headers;
        private Integer deliveryMode;
        private Integer priority;
        private String correlationId;
        private String replyTo;
        private String expiration;
        private String messageId;
        private Long timestamp;
        private String type;
        private String userId;
        private String appId;
        private String clusterId;

        private Builder() {
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder contentEncoding(String contentEncoding) {
            this.contentEncoding = contentEncoding;
            return this;
        }

        /** Taken as is, not copied; do not change the map afterwards. */
        public Builder headers(Map<String, Object> headers) {
            this.headers = headers;
            return this;
        }

        /** 1 (transient) or 2 (persistent); written as an octet. */
        public Builder deliveryMode(Integer deliveryMode) {
            this.deliveryMode = deliveryMode;
            return this;
        }

        /** Written as an octet. */
        public Builder priority(Integer priority) {
            this.priority = priority;
            return this;
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder replyTo(String replyTo) {
            this.replyTo = replyTo;
            return this;
        }

        public Builder expiration(String expiration) {
            this.expiration = expiration;
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        /** Seconds since the Unix epoch. */
        public Builder timestamp(Long timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        public Builder clusterId(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        public BasicProperties build() {
            return new BasicProperties(this);
        }
    }
}
