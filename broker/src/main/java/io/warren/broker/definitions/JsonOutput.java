package io.warren.broker.definitions;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.warren.amqp.types.ByteArray;
import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.Timestamp;
import io.warren.amqp.types.UnsignedByte;
import io.warren.amqp.types.UnsignedInt;
import io.warren.amqp.types.UnsignedShort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes JSON-shaped and field-table values as RabbitMQ's {@code rabbit_misc:amqp_table} shows
 * them: strings as strings (bytes that are not UTF-8 as RabbitMQ's "Not UTF-8, base64 is: "
 * text), every number type as a number, decimals as doubles, timestamps as seconds, void as null.
 * Object keys come out sorted, as Erlang maps sort them.
 */
public final class JsonOutput {
    private static final ObjectMapper TREES = new ObjectMapper();

    private JsonOutput() {}

    public static void json(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof LongStr s) {
            g.writeString(text(s.bytes()));
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof UnsignedByte || value instanceof UnsignedShort || value instanceof UnsignedInt) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d.doubleValue());
        } else if (value instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (value instanceof Timestamp t) {
            g.writeNumber(t.seconds());
        } else if (value instanceof ByteArray a) {
            g.writeString(text(a.bytes()));
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            fields(g, map);
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                json(g, element);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    /** A value as a JSON tree, for APIs that build their answers as trees. */
    public static JsonNode tree(Object value) {
        try (TokenBuffer buffer = new TokenBuffer(TREES, false)) {
            json(buffer, value);
            return TREES.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries of {@code map} as fields of the object being written, keys sorted. */
    static void fields(JsonGenerator g, Map<?, ?> map) throws IOException {
        for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
            g.writeFieldName(e.getKey().toString());
            json(g, e.getValue());
        }
    }

    private static String text(byte[] bytes) {
        String text = utf8OrNull(bytes);
        return text != null ? text : "Not UTF-8, base64 is: "
                + Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }

    /** The bytes as text when they are well-formed UTF-8, else null. */
    public static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }
}
