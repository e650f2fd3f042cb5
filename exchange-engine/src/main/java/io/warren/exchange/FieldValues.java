package io.warren.exchange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Field-table values compared the way RabbitMQ compares them once decoded into Erlang terms.
 *
 * <p>The codec decodes a field table into Java values: {@code Byte}, {@code Short},
 * {@code Integer}, {@code Long}, its own unsigned wrappers (subclasses of {@code Number}),
 * {@code Float}, {@code Double}, {@code BigDecimal}, {@code Boolean}, {@code byte[]}, a timestamp
 * ({@code Date} or {@code Instant}), {@code List} (array), {@code Map} (table), null (void) and
 * long strings ({@code String}, or the codec's long-string type, which this module cannot see).
 * A value of any other class is taken to be a long string: equal by {@code equals()} to a value of
 * its own class, otherwise by the UTF-8 bytes of its {@code toString()}.
 *
 * <p>In Erlang a long string and a byte array are both binaries, a timestamp is an integer of
 * seconds, and {@code ==} makes {@code 1 == 1.0} while {@code =:=} does not. Arrays and tables keep
 * the type of every element, so inside them {@code Integer 1} and {@code Long 1} differ.
 */
final class FieldValues {
    enum Kind { VOID, INTEGER, TIMESTAMP, FLOAT, DECIMAL, LONGSTR, BINARY, BOOLEAN, ARRAY, TABLE }

    private FieldValues() {
    }

    static Kind kindOf(Object value) {
        if (value == null) {
            return Kind.VOID;
        } else if (value instanceof Float || value instanceof Double) {
            return Kind.FLOAT;
        } else if (value instanceof BigDecimal) {
            return Kind.DECIMAL;
        } else if (value instanceof Number) {
            return Kind.INTEGER;
        } else if (value instanceof Boolean) {
            return Kind.BOOLEAN;
        } else if (value instanceof byte[]) {
            return Kind.BINARY;
        } else if (value instanceof Date || value instanceof Instant) {
            return Kind.TIMESTAMP;
        } else if (value instanceof List) {
            return Kind.ARRAY;
        } else if (value instanceof Map) {
            return Kind.TABLE;
        }
        return Kind.LONGSTR;
    }

    /** RabbitMQ's name for the field type of a value ({@code signedint}, {@code longstr}, ...). */
    static String typeName(Object value) {
        return switch (kindOf(value)) {
            case VOID -> "void";
            case INTEGER -> integerTypeName((Number) value);
            case TIMESTAMP -> "timestamp";
            case FLOAT -> value instanceof Float ? "float" : "double";
            case DECIMAL -> "decimal";
            case LONGSTR -> "longstr";
            case BINARY -> "binary";
            case BOOLEAN -> "bool";
            case ARRAY -> "array";
            case TABLE -> "table";
        };
    }

    private static String integerTypeName(Number value) {
        if (value instanceof Byte) {
            return "byte";
        } else if (value instanceof Short) {
            return "short";
        } else if (value instanceof Integer) {
            return "signedint";
        } else if (value instanceof Long || value instanceof BigInteger) {
            return "long";
        }
        // The codec's unsigned wrappers are invisible here; their class names tell the width.
        String name = value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        if (name.contains("byte")) {
            return "unsignedbyte";
        }
        return name.contains("short") ? "unsignedshort" : "unsignedint";
    }

    /** The integer an integer or timestamp value stands for in Erlang (timestamps in seconds). */
    static long integerValue(Object value) {
        if (value instanceof Date date) {
            return date.getTime() / 1000;
        } else if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        return ((Number) value).longValue();
    }

    /** The bytes of a long string or byte array. */
    static byte[] bytes(Object value) {
        return value instanceof byte[] bytes ? bytes : value.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Erlang's {@code ==}: field types ignored, and an integer equals a float of the same value. */
    static boolean looselyEqual(Object a, Object b) {
        return equal(a, b, true);
    }

    /** Erlang's {@code =:=}: field types ignored, but an integer never equals a float. */
    static boolean exactlyEqual(Object a, Object b) {
        return equal(a, b, false);
    }

    /** Same field type and same value: how elements of arrays and tables compare. */
    static boolean typedEqual(Object a, Object b) {
        return typeName(a).equals(typeName(b)) && equal(a, b, false);
    }

    /** Top-level argument tables, which RabbitMQ sorts by key before comparing. */
    static boolean sameArguments(Map<String, Object> a, Map<String, Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, Object> entry : a.entrySet()) {
            if (!b.containsKey(entry.getKey()) || !typedEqual(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** A hash consistent with {@link #sameArguments}. */
    static int argumentsHash(Map<String, Object> arguments) {
        int hash = 0;
        for (Map.Entry<String, Object> entry : arguments.entrySet()) {
            hash += entry.getKey().hashCode() ^ typedHash(entry.getValue());
        }
        return hash;
    }

    private static boolean equal(Object a, Object b, boolean integerEqualsFloat) {
        if (a == b) {
            return true;
        }
        Kind ka = kindOf(a);
        Kind kb = kindOf(b);
        if (isInteger(ka) && isInteger(kb)) {
            return integerValue(a) == integerValue(b);
        } else if (ka == Kind.FLOAT && kb == Kind.FLOAT) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        } else if (isInteger(ka) && kb == Kind.FLOAT) {
            return integerEqualsFloat && integerEqualsDouble(integerValue(a), ((Number) b).doubleValue());
        } else if (ka == Kind.FLOAT && isInteger(kb)) {
            return integerEqualsFloat && integerEqualsDouble(integerValue(b), ((Number) a).doubleValue());
        } else if (isBinary(ka) && isBinary(kb)) {
            return sameBytes(a, b);
        } else if (ka != kb) {
            return false;
        }
        return switch (ka) {
            case VOID -> true;
            case DECIMAL, BOOLEAN -> a.equals(b);
            case ARRAY -> sameArray((List<?>) a, (List<?>) b);
            case TABLE -> sameTable((Map<?, ?>) a, (Map<?, ?>) b);
            default -> false;
        };
    }

    private static boolean isInteger(Kind kind) {
        return kind == Kind.INTEGER || kind == Kind.TIMESTAMP;
    }

    private static boolean isBinary(Kind kind) {
        return kind == Kind.LONGSTR || kind == Kind.BINARY;
    }

    /** Exact, as Erlang compares: 2^53 + 1 does not equal the double 2^53 (checked on RabbitMQ 3.10). */
    private static boolean integerEqualsDouble(long integer, double floating) {
        return floating >= -0x1p63 && floating < 0x1p63
                && (long) floating == integer && (double) (long) floating == floating;
    }

    private static boolean sameBytes(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        } else if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return CharSequence.compare(x, y) == 0;
        } else if (a.getClass() == b.getClass() && !(a instanceof byte[])) {
            return a.equals(b);
        }
        return Arrays.equals(bytes(a), bytes(b));
    }

    private static boolean sameArray(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!typedEqual(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Nested tables are not sorted by RabbitMQ, so their order matters (checked on RabbitMQ 3.10). */
    private static boolean sameTable(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<? extends Map.Entry<?, ?>> left = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> right = b.entrySet().iterator();
        while (left.hasNext()) {
            Map.Entry<?, ?> x = left.next();
            Map.Entry<?, ?> y = right.next();
            if (!x.getKey().equals(y.getKey()) || !typedEqual(x.getValue(), y.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static int typedHash(Object value) {
        return switch (kindOf(value)) {
            case VOID -> 0;
            case INTEGER, TIMESTAMP -> Long.hashCode(integerValue(value));
            case FLOAT -> {
                double d = ((Number) value).doubleValue();
                yield d == 0 ? 0 : Double.hashCode(d);
            }
            case DECIMAL, BOOLEAN -> value.hashCode();
            case LONGSTR -> value.toString().hashCode();
            case BINARY -> Arrays.hashCode((byte[]) value);
            case ARRAY -> {
                int hash = 1;
                for (Object element : (List<?>) value) {
                    hash = 31 * hash + typedHash(element);
                }
                yield hash;
            }
            case TABLE -> {
                int hash = 0;
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    hash += entry.getKey().hashCode() ^ typedHash(entry.getValue());
                }
                yield hash;
            }
        };
    }
}
