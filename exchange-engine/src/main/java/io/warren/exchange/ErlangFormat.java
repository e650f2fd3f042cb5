package io.warren.exchange;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Renders field values as RabbitMQ's error texts show them: Erlang's {@code ~tp} of the decoded
 * term ({@code <<"foo">>}, {@code 5}, {@code 1.0e10}, {@code [{longstr,<<"a">>}]}) and the
 * {@code '~ts'} RabbitMQ uses for binaries in equivalence errors. Checked against RabbitMQ 3.10.8.
 *
 * <p>One known difference: Erlang's pretty printer breaks long tables and arrays over several
 * lines; this renders them on one line.
 */
final class ErlangFormat {
    private ErlangFormat() {
    }

    /** Erlang's {@code ~tp} of the term RabbitMQ decodes a field value into. */
    static String term(Object value) {
        return switch (FieldValues.kindOf(value)) {
            case VOID -> "undefined";
            case INTEGER, TIMESTAMP -> Long.toString(FieldValues.integerValue(value));
            case FLOAT -> floating(((Number) value).doubleValue());
            case DECIMAL -> decimal((BigDecimal) value);
            case LONGSTR, BINARY -> binary(FieldValues.bytes(value));
            case BOOLEAN -> value.toString();
            case ARRAY -> array((List<?>) value);
            case TABLE -> table((Map<?, ?>) value);
        };
    }

    /** {@code rabbit_misc:val/1}: binaries as their text, everything else as {@link #term}. */
    static String plain(Object value) {
        FieldValues.Kind kind = FieldValues.kindOf(value);
        if (kind == FieldValues.Kind.LONGSTR || kind == FieldValues.Kind.BINARY) {
            return new String(FieldValues.bytes(value), StandardCharsets.UTF_8);
        }
        return term(value);
    }

    /**
     * A binary prints as a string when every byte, read as Latin-1, is printable; otherwise as a
     * list of byte values. So {@code "été"} prints as {@code <<"été">>} but {@code "日本"} as
     * {@code <<230,151,165,230,156,172>>} (its UTF-8 bytes include 0x80-0x9F).
     */
    static String binary(byte[] bytes) {
        if (bytes.length == 0) {
            return "<<>>";
        }
        for (byte b : bytes) {
            if (!printable(b & 0xFF)) {
                StringBuilder numbers = new StringBuilder("<<");
                for (int i = 0; i < bytes.length; i++) {
                    numbers.append(i == 0 ? "" : ",").append(bytes[i] & 0xFF);
                }
                return numbers.append(">>").toString();
            }
        }
        // Escape byte by byte, then decode: RabbitMQ puts the raw bytes into the reply text.
        ByteArrayOutputStream text = new ByteArrayOutputStream(bytes.length + 6);
        text.writeBytes(new byte[] {'<', '<', '"'});
        for (byte b : bytes) {
            String escape = escape(b);
            if (escape == null) {
                text.write(b);
            } else {
                text.writeBytes(escape.getBytes(StandardCharsets.US_ASCII));
            }
        }
        text.writeBytes(new byte[] {'"', '>', '>'});
        return text.toString(StandardCharsets.UTF_8);
    }

    private static boolean printable(int b) {
        return (b >= 32 && b <= 126) || b >= 160 || escape((byte) b) != null;
    }

    private static String escape(byte b) {
        return switch (b) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 11 -> "\\v";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case 27 -> "\\e";
            default -> null;
        };
    }

    /**
     * Erlang's shortest round-trip float, in whichever of plain and scientific notation is
     * shorter, plain on a tie: {@code 100.0}, {@code 0.0001}, {@code 123456789.0}, {@code 1.0e10},
     * {@code 1.0e-5}.
     */
    static String floating(double value) {
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String plain;
        if (exponent < 0) {
            plain = "0." + "0".repeat(-exponent - 1) + digits;
        } else if (digits.length() <= exponent + 1) {
            plain = digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
        } else {
            plain = digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
        }
        String scientific = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0")
                + "e" + exponent;
        String shortest = scientific.length() < plain.length() ? scientific : plain;
        return value < 0 ? "-" + shortest : shortest;
    }

    private static String decimal(BigDecimal value) {
        return "{" + value.scale() + "," + value.unscaledValue() + "}";
    }

    private static String array(List<?> values) {
        StringBuilder text = new StringBuilder("[");
        for (Object element : values) {
            text.append(text.length() == 1 ? "" : ",")
                    .append('{').append(FieldValues.typeName(element)).append(',').append(term(element)).append('}');
        }
        return text.append(']').toString();
    }

    private static String table(Map<?, ?> values) {
        StringBuilder text = new StringBuilder("[");
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            text.append(text.length() == 1 ? "" : ",")
                    .append('{').append(binary(FieldValues.bytes(entry.getKey())))
                    .append(',').append(FieldValues.typeName(entry.getValue()))
                    .append(',').append(term(entry.getValue())).append('}');
        }
        return text.append(']').toString();
    }
}
