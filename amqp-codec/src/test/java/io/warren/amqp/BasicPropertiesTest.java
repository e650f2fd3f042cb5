package io.warren.amqp;

import static io.warren.amqp.FieldTablesTest.bytes;
import static io.warren.amqp.FieldTablesTest.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.warren.amqp.types.LongStr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicPropertiesTest {

    static BasicProperties allFourteen() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("x-match", LongStr.of("all"));
        headers.put("count", 3);
        headers.put("list", List.of(LongStr.of("a"), 2L));
        return BasicProperties.builder()
                .contentType("application/json")
                .contentEncoding("gzip")
                .headers(headers)
                .deliveryMode(2)
                .priority(9)
                .correlationId("corr-1")
                .replyTo("amq.rabbitmq.reply-to")
                .expiration("60000")
                .messageId("msg-✓")
                .timestamp(1_700_000_000L)
                .type("order.created")
                .userId("guest")
                .appId("warren-test")
                .clusterId("cluster-a")
                .build();
    }

    @Test
    void allFourteenPropertiesRoundTrip() {
        BasicProperties properties = allFourteen();
        byte[] encoded = properties.toBytes();
        assertEquals(0xFF, encoded[0] & 0xFF);
        assertEquals(0xFC, encoded[1] & 0xFF, "bits 15..2 set, continuation clear");
        BasicProperties decoded = decode(encoded);
        assertEquals(properties, decoded);
        assertEquals(properties.hashCode(), decoded.hashCode());
        assertEquals("msg-✓", decoded.messageId());
        assertEquals(1_700_000_000L, decoded.timestamp());
        assertEquals(2, decoded.deliveryMode());
        assertArrayEquals(encoded, decoded.toBytes());
    }

    @Test
    void noPropertiesAreTwoZeroFlagBytes() {
        assertArrayEquals(bytes(0, 0), BasicProperties.EMPTY.toBytes());
        BasicProperties decoded = decode(bytes(0, 0));
        assertEquals(BasicProperties.EMPTY, decoded);
        assertNull(decoded.contentType());
        assertNull(decoded.headers());
        assertNull(decoded.deliveryMode());
        assertNull(decoded.timestamp());
        assertEquals("BasicProperties[]", decoded.toString());
    }

    @Test
    void eachPropertyHasItsOwnFlagBitInSpecOrder() {
        BasicProperties deliveryModeOnly = BasicProperties.builder().deliveryMode(1).build();
        assertArrayEquals(bytes(0x10, 0x00, 1), deliveryModeOnly.toBytes());
        BasicProperties clusterIdOnly = BasicProperties.builder().clusterId("c").build();
        assertArrayEquals(bytes(0x00, 0x04, 1, 'c'), clusterIdOnly.toBytes());
        BasicProperties contentTypeAndTimestamp = BasicProperties.builder().contentType("t").timestamp(1L).build();
        assertArrayEquals(bytes(0x80, 0x40, 1, 't', 0, 0, 0, 0, 0, 0, 0, 1), contentTypeAndTimestamp.toBytes());
    }

    @Test
    void continuationFlagWordsAreReadAndSkipped() {
        // content-type present, continuation set; the second word continues again, the third ends.
        byte[] raw = concat(bytes(0x80, 0x01), bytes(0x00, 0x01), bytes(0x00, 0x00), bytes(1, 't'));
        assertEquals(BasicProperties.builder().contentType("t").build(), decode(raw));
    }

    @Test
    void propertiesBeyondTheFourteenthAreMalformed() {
        byte[] raw = concat(bytes(0x00, 0x01), bytes(0x80, 0x00), bytes(1, 'x'));
        assertThrows(IllegalArgumentException.class, () -> decode(raw));
        FrameException e = assertThrows(FrameException.class, () -> new ContentHeader(60, 0, raw).properties());
        assertEquals(ReplyCode.FRAME_ERROR, e.replyCode());
        assertEquals(60, e.classId());
    }

    @Test
    void truncatedOrOverlongRawPropertiesAreAFrameError() {
        ContentHeader truncated = new ContentHeader(60, 5, bytes(0x80, 0x00, 5, 'a'));
        FrameException e = assertThrows(FrameException.class, truncated::properties);
        assertEquals("cannot decode content header properties <<128,0,5,97>>", e.replyText());
        ContentHeader trailing = new ContentHeader(60, 5, bytes(0x00, 0x00, 7));
        assertThrows(FrameException.class, trailing::properties);
    }

    @Test
    void contentHeaderDecodesOnceAndKeepsRawBytes() {
        byte[] raw = allFourteen().toBytes();
        ContentHeader header = new ContentHeader(60, 10, raw);
        assertSame(raw, header.rawProperties());
        BasicProperties first = header.properties();
        assertSame(first, header.properties());
        assertEquals(allFourteen(), first);
        assertEquals(BasicProperties.EMPTY, new ContentHeader(60, 0, new byte[0]).properties());

        ContentHeader built = ContentHeader.of(allFourteen(), 42);
        assertEquals(Methods.BASIC_CLASS, built.classId());
        assertEquals(42, built.bodySize());
        assertArrayEquals(raw, built.rawProperties());
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        BasicProperties original = allFourteen();
        BasicProperties changed = original.toBuilder().expiration(null).priority(1).build();
        assertNull(changed.expiration());
        assertEquals(1, changed.priority());
        assertEquals(original.headers(), changed.headers());
        assertNotEquals(original, changed);
        assertEquals(original, original.toBuilder().build());
    }

    @Test
    void headersAreReadOnly() {
        Map<String, Object> headers = allFourteen().headers();
        assertThrows(UnsupportedOperationException.class, () -> headers.put("k", 1));
        BasicProperties rebuilt = allFourteen().toBuilder().build().toBuilder().build();
        assertSame(rebuilt.headers().getClass(), headers.getClass());
    }

    static BasicProperties decode(byte[] raw) {
        ByteBuf in = Unpooled.wrappedBuffer(raw);
        try {
            BasicProperties properties = BasicProperties.decode(in);
            assertEquals(0, in.readableBytes());
            return properties;
        } finally {
            in.release();
        }
    }
}
