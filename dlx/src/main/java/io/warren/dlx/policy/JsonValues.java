package io.warren.dlx.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads the JSON-shaped values of a policy definition (as Jackson produces them) strictly. */
final class JsonValues {
    private JsonValues() {
    }

    /**
     * Whether {@code value} is a JSON integer. Like RabbitMQ, a number written with a fraction or
     * an exponent is not one, even 10.0: Jackson turns those into Double or BigDecimal.
     */
    static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger b && b.bitLength() < 64;
    }

    /** The value of a JSON integer; check {@link #isInteger} first. */
    static long asLong(Object value) {
        return ((Number) value).longValue();
    }

    static boolean isIntegerAtLeast(Object value, long min) {
        return isInteger(value) && asLong(value) >= min;
    }

    /**
     * The value as RabbitMQ's messages print it, an Erlang term with {@code ~p}: strings as
     * binaries ({@code <<"abc">>}), objects as maps, floats in Erlang's shortest form
     * ({@code 1.0e3}), JSON null as the atom {@code null}.
     */
    static String describe(Object value) {
        if (value instanceof String s) {
            return "<<\"" + s + "\">>";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonValues::describe).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> describe(String.valueOf(e.getKey())) + " => " + describe(e.getValue()))
                    .collect(Collectors.joining(",", "#{", "}"));
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return erlangFloat(((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }

    /** {@code {<<"key">>,Value}}, an entry of a definition as RabbitMQ lists unknown settings. */
    static String describeEntry(String key, Object value) {
        return "{" + describe(key) + "," + describe(value) + "}";
    }

    /**
     * Erlang's shortest float text: the shortest digits that read back as the same double, in
     * fixed notation or in scientific notation, whichever is shorter (fixed on a tie).
     */
    static String erlangFloat(double d) {
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        String mantissa = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
        String scientific = sign + mantissa + "e" + exponent;
        String plain = exact.toPlainString();
        String fixed = sign + (plain.contains(".") ? plain : plain + ".0");
        return fixed.length() <= scientific.length() ? fixed : scientific;
    }
}
