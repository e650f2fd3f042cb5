package io.warren.dlx.policy;

import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.UnsignedByte;
import io.warren.amqp.types.UnsignedInt;
import io.warren.amqp.types.UnsignedShort;
import io.warren.queue.Overflow;
import io.warren.queue.QueueSettings;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolves what a queue's x-arguments, its policy and its operator policy come to, with RabbitMQ
 * 3.13's precedence for classic queues:
 * <ol>
 *   <li>user policy + operator policy ({@code rabbit_policy:merge_operator_definitions/2}): the
 *       smaller value of numeric limits; for delivery-limit the larger one when either side is
 *       negative (unlimited); the operator's value for anything else, overflow included;</li>
 *   <li>that + x-arguments ({@code rabbit_amqqueue_process}): the smaller value of
 *       message-ttl, expires, max-length and max-length-bytes; the argument wins for
 *       dead-letter-exchange, dead-letter-routing-key and overflow; delivery-limit, which Warren
 *       honours on every queue, as in step 1; the smaller of x-consumer-timeout and the policy's
 *       consumer-timeout, as rabbit_channel reads them ({@code args_policy_lookup} with min);
 *       max-priority and single-active-consumer come only from arguments.</li>
 * </ol>
 * Pure functions; any thread may call them. Which policies match an object is
 * {@link PolicyRegistry#match}'s business, not this class's.
 */
public final class EffectiveSettings {
    private static final Set<String> SMALLER_WINS = Set.of("message-ttl", "expires", "max-length", "max-length-bytes",
            "max-in-memory-length", "max-in-memory-bytes");
    private static final String DELIVERY_LIMIT = "delivery-limit";

    private EffectiveSettings() {
    }

    /**
     * The settings of a queue.
     *
     * @param queueArguments its declare arguments as decoded from the field table (any integer
     *                       width, String or LongStr); null when none. Arguments of the wrong
     *                       type count as absent: refusing them is the declaration's job.
     * @param policy         the user policy that applies to it, or null
     * @param operatorPolicy the operator policy that applies to it, or null
     */
    public static QueueSettings forQueue(Map<String, Object> queueArguments, Policy policy, Policy operatorPolicy) {
        Map<String, Object> args = queueArguments == null ? Map.of() : queueArguments;
        Map<String, Object> pol = effectiveDefinition(policy, operatorPolicy);
        return new QueueSettings(
                smaller(integer(args.get("x-message-ttl")), integer(pol.get("message-ttl"))),
                smaller(integer(args.get("x-expires")), integer(pol.get("expires"))),
                smaller(integer(args.get("x-max-length")), integer(pol.get("max-length"))),
                smaller(integer(args.get("x-max-length-bytes")), integer(pol.get("max-length-bytes"))),
                overflow(args.get("x-overflow"), pol.get("overflow")),
                firstText(args.get("x-dead-letter-exchange"), pol.get("dead-letter-exchange")),
                firstText(args.get("x-dead-letter-routing-key"), pol.get("dead-letter-routing-key")),
                unlimitedAsMinusOne(deliveryLimit(integer(args.get("x-delivery-limit")), integer(pol.get(DELIVERY_LIMIT)))),
                maxPriority(integer(args.get("x-max-priority"))),
                Boolean.TRUE.equals(args.get("x-single-active-consumer")),
                smaller(integer(args.get("x-consumer-timeout")), integer(pol.get("consumer-timeout"))));
    }

    /**
     * The merged definition of a user policy and an operator policy, what the management API shows
     * as {@code effective_policy_definition}; keys sorted, values as the policies hold them.
     * Either policy may be null.
     */
    public static Map<String, Object> effectiveDefinition(Policy policy, Policy operatorPolicy) {
        Map<String, Object> merged = new TreeMap<>();
        if (policy != null) {
            merged.putAll(policy.definition());
        }
        if (operatorPolicy != null) {
            operatorPolicy.definition().forEach((key, opValue) -> merged.merge(key, opValue,
                    (userValue, operatorValue) -> mergeValue(key, userValue, operatorValue)));
        }
        return merged;
    }

    /** An exchange's alternate exchange: its argument wins over its policy; null when neither sets one. */
    public static String alternateExchange(Map<String, Object> exchangeArguments, Policy policy) {
        Object argument = exchangeArguments == null ? null : exchangeArguments.get("alternate-exchange");
        return firstText(argument, policy == null ? null : policy.definition().get("alternate-exchange"));
    }

    private static Object mergeValue(String key, Object userValue, Object operatorValue) {
        Long user = integer(userValue);
        Long operator = integer(operatorValue);
        if (user == null || operator == null) {
            return operatorValue;
        }
        if (SMALLER_WINS.contains(key)) {
            return user <= operator ? userValue : operatorValue;
        }
        if (DELIVERY_LIMIT.equals(key)) {
            return deliveryLimit(user, operator).equals(user) ? userValue : operatorValue;
        }
        return operatorValue;
    }

    /** Two delivery limits: the smaller, unless either is negative (unlimited): then the larger. */
    private static Long deliveryLimit(Long a, Long b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a < 0 || b < 0 ? Math.max(a, b) : Math.min(a, b);
    }

    private static long unlimitedAsMinusOne(Long limit) {
        return limit == null || limit < 0 ? -1 : limit;
    }

    private static long smaller(Long argument, Long policyValue) {
        if (argument == null || policyValue == null) {
            Long only = argument == null ? policyValue : argument;
            return only == null ? -1 : only;
        }
        return Math.min(argument, policyValue);
    }

    private static Overflow overflow(Object argument, Object policyValue) {
        Overflow fromArgument = Overflow.fromWireName(text(argument));
        if (fromArgument != null) {
            return fromArgument;
        }
        Overflow fromPolicy = Overflow.fromWireName(text(policyValue));
        return fromPolicy != null ? fromPolicy : Overflow.DROP_HEAD;
    }

    private static int maxPriority(Long argument) {
        // RabbitMQ refuses more than 255 at declaration; a queue without the argument has none.
        return argument == null || argument < 0 ? 0 : (int) Math.min(argument, 255);
    }

    private static String firstText(Object argument, Object policyValue) {
        String fromArgument = text(argument);
        return fromArgument != null ? fromArgument : text(policyValue);
    }

    private static String text(Object value) {
        return value instanceof String || value instanceof LongStr ? value.toString() : null;
    }

    /**
     * An integer of any AMQP width (byte, short, int, long and the unsigned ones, which are
     * Numbers too) or JSON integer; null for anything else, fractions included.
     */
    private static Long integer(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof UnsignedByte || value instanceof UnsignedShort
                || value instanceof UnsignedInt) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        return null;
    }
}
