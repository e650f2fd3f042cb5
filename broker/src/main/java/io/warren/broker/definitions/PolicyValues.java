package io.warren.broker.definitions;

import io.warren.dlx.policy.ApplyTo;
import io.warren.dlx.policy.Policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Conversion between {@link Policy} and the JSON object an operator policy parameter holds
 * ({@code pattern}, {@code definition}, {@code priority}, {@code apply-to}, in RabbitMQ's order).
 */
public final class PolicyValues {
    private PolicyValues() {}

    /** The {@code operator_policy} parameter that carries {@code policy}. */
    public static ParameterDefinition toOperatorPolicyParameter(Policy policy) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("pattern", policy.pattern());
        value.put("definition", policy.definition());
        value.put("priority", (long) policy.priority());
        value.put("apply-to", policy.applyTo().wireName());
        return new ParameterDefinition(policy.vhost(), ParameterDefinition.OPERATOR_POLICY, policy.name(), value);
    }

    /**
     * The policy an operator policy parameter's value describes; {@code apply-to} defaults to
     * all and {@code priority} to 0, as in RabbitMQ.
     *
     * @throws IllegalArgumentException if the value is not a well-formed policy (the reader
     *     refuses such documents, so this only happens to documents built by hand)
     */
    @SuppressWarnings("unchecked")
    static Policy toPolicy(String vhost, String name, Object value) {
        if (!(value instanceof Map<?, ?> map) || !(map.get("pattern") instanceof String pattern)
                || !(map.get("definition") instanceof Map<?, ?> definition)) {
            throw new IllegalArgumentException("operator policy '" + name + "' in vhost '" + vhost
                    + "' needs a pattern and a definition");
        }
        Object applyToName = map.containsKey("apply-to") ? map.get("apply-to") : "all";
        ApplyTo applyTo = ApplyTo.fromWireName(String.valueOf(applyToName));
        Object priority = map.containsKey("priority") ? map.get("priority") : 0L;
        if (applyTo == null || !(priority instanceof Long p) || p != p.intValue()) {
            throw new IllegalArgumentException("operator policy '" + name + "' in vhost '" + vhost
                    + "' has a bad apply-to or priority");
        }
        return new Policy(vhost, name, pattern, applyTo, p.intValue(), (Map<String, Object>) definition);
    }
}
