package io.warren.dlx.policy;

import java.util.Set;
import java.util.function.Predicate;

/**
 * One key a policy definition may hold, with the rule its value must follow and the words
 * RabbitMQ uses when it does not ({@code "<value> is not a valid <what>"}).
 */
record PolicyKey(String name, Predicate<Object> valid, String what) {

    static PolicyKey string(String name, String what) {
        return new PolicyKey(name, v -> v instanceof String, what);
    }

    static PolicyKey integerAtLeast(String name, long min, String what) {
        return new PolicyKey(name, v -> JsonValues.isIntegerAtLeast(v, min), what);
    }

    static PolicyKey integerBetween(String name, long min, long max, String what) {
        return new PolicyKey(name, v -> JsonValues.isIntegerAtLeast(v, min) && JsonValues.asLong(v) <= max, what);
    }

    static PolicyKey anyInteger(String name, String what) {
        return new PolicyKey(name, JsonValues::isInteger, what);
    }

    static PolicyKey oneOf(String name, Set<?> allowed, String what) {
        return new PolicyKey(name, allowed::contains, what);
    }

    /** The complaint about {@code value}, or null when it is fine. */
    String check(Object value) {
        return valid.test(value) ? null : JsonValues.describe(value) + " is not a valid " + what;
    }
}
