package io.warren.broker;

import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.Timestamp;
import io.warren.amqp.types.UnsignedByte;
import io.warren.amqp.types.UnsignedInt;
import io.warren.amqp.types.UnsignedShort;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * RabbitMQ's redeclare rule for arguments: only the keys that change behaviour are compared, and
 * a difference is a 406 naming the key, each side's value and its AMQP type, in RabbitMQ's words
 * (rabbit_misc:assert_args_equivalence).
 */
final class ArgumentEquivalence {
    /** rabbit_amqqueue:declare_args(): the argument keys a queue redeclaration must repeat. */
    static final Set<String> QUEUE_KEYS = Set.of("x-expires", "x-message-ttl", "x-dead-letter-exchange",
            "x-dead-letter-routing-key", "x-max-length", "x-max-length-bytes", "x-max-in-memory-length",
            "x-max-in-memory-bytes", "x-max-priority", "x-overflow", "x-queue-mode", "x-queue-type",
            "x-single-active-consumer", "x-queue-master-locator", "x-queue-leader-locator",
            "x-initial-cluster-size", "x-delivery-limit", "x-quorum-initial-group-size");

    private ArgumentEquivalence() {}

    static void check(String what, String name, String vhost, Map<String, Object> received,
                      Map<String, Object> current, Set<String> keys) {
        Map<String, Object> r = received == null ? Map.of() : received;
        Map<String, Object> c = current == null ? Map.of() : current;
        for (String key : keys) {
            Object rv = r.get(key);
            Object cv = c.get(key);
            boolean bothPresent = r.containsKey(key) && c.containsKey(key);
            if (bothPresent && sameValue(rv, cv) || !r.containsKey(key) && !c.containsKey(key)) {
                continue;
            }
            // rabbit_misc:assert_args_equivalence: values of compatible types print bare; otherwise
            // each side prints with its type, and a missing side prints as none.
            boolean bare = bothPresent && compatibleTypes(rv, cv);
            throw ChannelException.preconditionFailed("inequivalent arg '" + key + "' for " + what + " '" + name
                    + "' in vhost '" + vhost + "': received " + describe(r, key, bare) + " but current is "
                    + describe(c, key, bare));
        }
    }

    private static boolean compatibleTypes(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return isInteger(x) == isInteger(y);
        }
        return typeName(a).equals(typeName(b));
    }

    /** A plain flag such as durable: RabbitMQ prints the Erlang atoms true/false. */
    static void checkFlag(String what, String name, String vhost, String flag, Object received, Object current) {
        if (!Objects.equals(received, current)) {
            throw ChannelException.preconditionFailed("inequivalent arg '" + flag + "' for " + what + " '" + name
                    + "' in vhost '" + vhost + "': received '" + received + "' but current is '" + current + "'");
        }
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && isInteger(x) && isInteger(y)) {
            // RabbitMQ compares {Type, Value} but treats the integer widths alike for these keys.
            return x.longValue() == y.longValue();
        }
        return Objects.equals(a, b);
    }

    private static boolean isInteger(Number n) {
        return !(n instanceof Float || n instanceof Double || n instanceof BigDecimal);
    }

    private static String describe(Map<String, Object> args, String key, boolean bare) {
        if (!args.containsKey(key)) {
            return "none";
        }
        Object v = args.get(key);
        return bare ? "'" + v + "'" : "the value '" + v + "' of type '" + typeName(v) + "'";
    }

    /** RabbitMQ's names for field-table value types. */
    static String typeName(Object v) {
        if (v == null) return "void";
        if (v instanceof LongStr || v instanceof String) return "longstr";
        if (v instanceof Integer) return "signedint";
        if (v instanceof Long) return "long";
        if (v instanceof Short) return "short";
        if (v instanceof Byte) return "byte";
        if (v instanceof UnsignedByte) return "unsignedbyte";
        if (v instanceof UnsignedShort) return "unsignedshort";
        if (v instanceof UnsignedInt) return "unsignedint";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Float) return "float";
        if (v instanceof Double) return "double";
        if (v instanceof BigDecimal) return "decimal";
        if (v instanceof Timestamp) return "timestamp";
        if (v instanceof Map) return "table";
        if (v instanceof List) return "array";
        return "binary";
    }
}
