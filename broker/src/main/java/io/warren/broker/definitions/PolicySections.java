package io.warren.broker.definitions;

import io.warren.dlx.policy.ApplyTo;
import io.warren.dlx.policy.Policy;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads parameters, global parameters and policies. The keys inside a policy definition are not
 * checked here: that is the policy validator's job when the importer applies the policy.
 */
final class PolicySections {
    private static final String APPLY_TO_NAMES = Arrays.stream(ApplyTo.values())
            .map(ApplyTo::wireName).collect(Collectors.joining(", "));

    private PolicySections() {}

    static Policy policy(Entry e) {
        String vhost = e.vhost();
        String name = e.string("name");
        return policyFields(e, vhost, name);
    }

    /**
     * A parameter; an {@code operator_policy} value must be a valid policy and a
     * {@code vhost-limits} value an object of integers. Other components are kept as they are.
     */
    static ParameterDefinition parameter(Entry e) {
        String vhost = e.vhost();
        String component = e.string("component");
        String name = e.string("name");
        Object value = e.value("value");
        if (value == null) {
            return null;
        }
        if (ParameterDefinition.OPERATOR_POLICY.equals(component)) {
            if (!e.get("value").isObject()) {
                e.problem("value", "expected an object, got " + e.get("value"));
                return null;
            }
            policyFields(e.nested("value"), vhost, name);
        } else if (ParameterDefinition.VHOST_LIMITS.equals(component)) {
            if (e.limitsOf(e.get("value"), "value") == null) {
                return null;
            }
        }
        return AccessSections.allPresent(vhost, component, name)
                ? new ParameterDefinition(vhost, component, name, value) : null;
    }

    static GlobalParameterDefinition globalParameter(Entry e) {
        String name = e.string("name");
        Object value = e.value("value");
        return name != null && value != null ? new GlobalParameterDefinition(name, value) : null;
    }

    private static Policy policyFields(Entry e, String vhost, String name) {
        String pattern = e.regex("pattern");
        ApplyTo applyTo = ApplyTo.ALL;
        if (e.has("apply-to")) {
            String applyToName = e.optionalString("apply-to");
            applyTo = applyToName == null ? null : ApplyTo.fromWireName(applyToName);
            if (applyToName != null && applyTo == null) {
                e.problem("apply-to", "expected one of " + APPLY_TO_NAMES + ", got " + JsonValues.quote(applyToName));
            }
        }
        Integer priority = e.optionalInt("priority", 0);
        Map<String, Object> definition = e.object("definition");
        return AccessSections.allPresent(vhost, name, pattern, applyTo, priority, definition)
                ? new Policy(vhost, name, pattern, applyTo, priority, Values.copyOf(definition)) : null;
    }
}
