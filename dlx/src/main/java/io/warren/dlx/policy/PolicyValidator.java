package io.warren.dlx.policy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Refuses a policy RabbitMQ 3.13 would refuse, before anything stores it: empty name, a pattern
 * that is no regular expression, an empty definition, a key no validator knows (for operator
 * policies: anything but the operator keys), or a value of the wrong type or range. The
 * {@link PolicyException} message follows RabbitMQ's wording and starts with the offending key.
 * Stateless; any thread may call it.
 */
public final class PolicyValidator {
    private PolicyValidator() {
    }

    /** Checks a whole policy; returns normally when it may be stored. */
    public static void validate(Policy policy, boolean operator) {
        if (policy.vhost() == null || policy.vhost().isEmpty()) {
            throw new PolicyException("vhost must not be empty");
        }
        if (policy.name() == null || policy.name().isEmpty()) {
            throw new PolicyException("policy name must not be empty");
        }
        compilePattern(policy.pattern());
        if (policy.applyTo() == null) {
            throw unknownApplyTo(null);
        }
        validateDefinition(policy.definition(), operator);
    }

    /**
     * The pattern compiled, as a policy matches it against names.
     *
     * @throws PolicyException if it is missing or not a regular expression
     */
    public static Pattern compilePattern(String pattern) {
        if (pattern == null) {
            throw new PolicyException("pattern must be given");
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new PolicyException("pattern should be regular expression but is invalid: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /**
     * The apply-to value for its wire name; null (absent) means {@code all}, as in RabbitMQ.
     *
     * @throws PolicyException for any other name
     */
    public static ApplyTo applyTo(String wireName) {
        if (wireName == null) {
            return ApplyTo.ALL;
        }
        ApplyTo applyTo = ApplyTo.fromWireName(wireName);
        if (applyTo == null) {
            throw unknownApplyTo(wireName);
        }
        return applyTo;
    }

    /**
     * The priority from its JSON value; absent means 0, as in RabbitMQ.
     *
     * @throws PolicyException unless it is an integer that fits an int
     */
    public static int priority(Object json) {
        if (json == null) {
            return 0;
        }
        if (!JsonValues.isInteger(json) || JsonValues.asLong(json) != (int) JsonValues.asLong(json)) {
            throw new PolicyException("priority should be a number, actually was " + JsonValues.describe(json));
        }
        return (int) JsonValues.asLong(json);
    }

    /** Checks a definition on its own; returns normally when it may be stored. */
    public static void validateDefinition(Map<String, Object> definition, boolean operator) {
        if (definition == null || definition.isEmpty()) {
            throw new PolicyException("no policy provided");
        }
        // RabbitMQ lists the unknown settings as an Erlang list of {Key,Value}, for operator policies too.
        List<String> unknown = new TreeMap<>(definition).entrySet().stream()
                .filter(e -> PolicyKeys.find(e.getKey(), operator) == null)
                .map(e -> JsonValues.describeEntry(e.getKey(), e.getValue()))
                .toList();
        if (!unknown.isEmpty()) {
            throw new PolicyException("[" + String.join(",", unknown) + "] are not recognised policy settings");
        }
        for (Map.Entry<String, Object> entry : new TreeMap<>(definition).entrySet()) {
            String problem = PolicyKeys.find(entry.getKey(), operator).check(entry.getValue());
            if (problem != null) {
                throw new PolicyException(problem);
            }
        }
        String mirroring = MirroringRules.check(definition);
        if (mirroring != null) {
            throw new PolicyException(mirroring);
        }
    }

    private static PolicyException unknownApplyTo(String wireName) {
        return new PolicyException("apply-to '" + wireName + "' unrecognised; should be 'all', 'queues', "
                + "'exchanges', 'classic_queues', 'quorum_queues' or 'streams'");
    }
}
