package io.warren.broker;

import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.UnsignedByte;
import io.warren.amqp.types.UnsignedInt;
import io.warren.amqp.types.UnsignedShort;
import io.warren.broker.queuetype.QueueTypes;

import java.util.Map;
import java.util.Set;

/**
 * Validation of queue.declare arguments, as rabbit_amqqueue:check_arguments does it: each known
 * key has a rule, and a broken value is a 406 whose text prints the Erlang error term RabbitMQ
 * prints (for example {@code {value_negative,-1}}).
 */
public final class QueueArguments {
    private static final Set<String> OVERFLOW = Set.of("drop-head", "reject-publish", "reject-publish-dlx");
    private static final Set<String> QUEUE_MODES = Set.of("default", "lazy");
    private static final int MAX_PRIORITY = 255;

    private QueueArguments() {}

    /**
     * Checks every known argument of a queue about to be declared; unknown keys pass.
     *
     * @throws ChannelException a 406 naming the first broken argument, in RabbitMQ's words
     */
    public static void validate(String queueName, String vhost, Map<String, Object> args) {
        if (args == null || args.isEmpty()) {
            return;
        }
        String where = "queue '" + queueName + "' in vhost '" + vhost + "'";
        Object dlx = args.get("x-dead-letter-exchange");
        if (dlx != null && !isString(dlx)) {
            throw ChannelException.preconditionFailed("invalid type '" + ArgumentEquivalence.typeName(dlx)
                    + "' for arg 'x-dead-letter-exchange' in " + where);
        }
        check(args, "x-expires", where, v -> notTooLong(v, positiveInt(v)));
        check(args, "x-message-ttl", where, v -> notTooLong(v, nonNegativeInt(v)));
        check(args, "x-max-length", where, v -> nonNegativeInt(v));
        check(args, "x-max-length-bytes", where, v -> nonNegativeInt(v));
        check(args, "x-max-in-memory-length", where, v -> nonNegativeInt(v));
        check(args, "x-max-in-memory-bytes", where, v -> nonNegativeInt(v));
        check(args, "x-delivery-limit", where, v -> nonNegativeInt(v));
        check(args, "x-quorum-initial-group-size", where, QueueArguments::positiveInt);
        // RabbitMQ 4 checks it so; 3.13 took anything (a string turned the timeout off, a negative
        // value timed out every delivery at the next tick).
        check(args, "x-consumer-timeout", where, v -> nonNegativeInt(v));
        check(args, "x-max-priority", where, v -> {
            String e = nonNegativeInt(v);
            if (e == null && ((Number) v).longValue() > MAX_PRIORITY) {
                return "{max_value_exceeded," + ((Number) v).longValue() + "}";
            }
            return e;
        });
        check(args, "x-overflow", where, v -> !isString(v) ? unacceptableType(v)
                : OVERFLOW.contains(v.toString()) ? null : "invalid_overflow");
        check(args, "x-queue-mode", where, v -> isString(v) && QUEUE_MODES.contains(v.toString())
                ? null : "{unsupported_queue_mode,<<\"" + v + "\">>}");
        check(args, "x-queue-type", where, v -> isString(v) && QueueTypes.declarable(v.toString())
                ? null : "{unsupported_queue_type,<<\"" + v + "\">>}");
        check(args, "x-single-active-consumer", where, v -> v instanceof Boolean
                ? null : "{unacceptable_type," + ArgumentEquivalence.typeName(v) + "}");
        check(args, "x-dead-letter-routing-key", where, v -> !isString(v) ? unacceptableType(v)
                : args.containsKey("x-dead-letter-exchange") ? null : "routing_key_but_no_dlx_defined");
    }

    private interface Rule {
        /** Null when fine, else the Erlang term RabbitMQ prints. */
        String check(Object value);
    }

    private static void check(Map<String, Object> args, String key, String where, Rule rule) {
        if (!args.containsKey(key)) {
            return;
        }
        String error = rule.check(args.get(key));
        if (error != null) {
            throw ChannelException.preconditionFailed("invalid arg '" + key + "' for " + where + ": " + error);
        }
    }

    /**
     * Null when {@code v} has one of the integer types RabbitMQ accepts for an argument
     * ({@code ?INTEGER_ARG_TYPES}), else the error it prints; void (null) is not an integer.
     */
    static String integerError(Object v) {
        return isInteger(v) ? null : "\"expected integer, got " + ArgumentEquivalence.typeName(v) + "\"";
    }

    private static String nonNegativeInt(Object v) {
        if (!isInteger(v)) {
            return integerError(v);
        }
        long n = ((Number) v).longValue();
        return n < 0 ? "{value_negative," + n + "}" : null;
    }

    /** A TTL that passed {@code earlier} must also fit rabbit_misc:check_expiry/1. */
    private static String notTooLong(Object v, String earlier) {
        if (earlier != null) {
            return earlier;
        }
        long n = ((Number) v).longValue();
        return n > Expiration.MAX ? "{value_too_large," + n + "}" : null;
    }

    private static String unacceptableType(Object v) {
        return "{unacceptable_type," + ArgumentEquivalence.typeName(v) + "}";
    }

    private static String positiveInt(Object v) {
        String e = nonNegativeInt(v);
        if (e == null && ((Number) v).longValue() == 0) {
            return "{value_zero,0}";
        }
        return e;
    }

    private static boolean isInteger(Object v) {
        return v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long
                || v instanceof UnsignedByte || v instanceof UnsignedShort || v instanceof UnsignedInt;
    }

    private static boolean isString(Object v) {
        return v instanceof LongStr || v instanceof String;
    }
}
