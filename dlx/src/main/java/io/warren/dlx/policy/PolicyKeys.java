package io.warren.dlx.policy;

import static io.warren.dlx.policy.PolicyKey.anyInteger;
import static io.warren.dlx.policy.PolicyKey.integerAtLeast;
import static io.warren.dlx.policy.PolicyKey.integerBetween;
import static io.warren.dlx.policy.PolicyKey.oneOf;
import static io.warren.dlx.policy.PolicyKey.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy keys RabbitMQ 3.13 registers a validator for (rabbit_policies, the queue types,
 * classic mirroring, federation), and the subset operator policies may use. Warren accepts them
 * all so that definitions move between the two brokers, even where it ignores the setting
 * (mirroring, queue-mode, stream and quorum-only keys).
 */
final class PolicyKeys {
    static final Set<String> OVERFLOW_VALUES = Set.of("drop-head", "reject-publish", "reject-publish-dlx");

    /** Keys whose validity depends on ha-mode; {@link MirroringRules} checks them together. */
    static final Set<String> MIRRORING = Set.of("ha-mode", "ha-params", "ha-sync-mode", "ha-sync-batch-size",
            "ha-promote-on-shutdown", "ha-promote-on-failure");

    private static final Map<String, PolicyKey> USER = index(List.of(
            string("alternate-exchange", "alternate exchange name"),
            string("dead-letter-exchange", "dead letter exchange name"),
            string("dead-letter-routing-key", "dead letter routing key"),
            oneOf("dead-letter-strategy", Set.of("at-most-once", "at-least-once"), "dead letter strategy"),
            integerAtLeast("message-ttl", 0, "message TTL"),
            integerAtLeast("expires", 1, "queue expiry"),
            integerAtLeast("max-length", 0, "maximum length"),
            integerAtLeast("max-length-bytes", 0, "maximum length in bytes"),
            integerAtLeast("max-in-memory-length", 0, "maximum in-memory length"),
            integerAtLeast("max-in-memory-bytes", 0, "maximum in-memory bytes"),
            oneOf("overflow", OVERFLOW_VALUES, "overflow value"),
            // RabbitMQ 4 reads a negative limit as "unlimited"; Warren follows it.
            anyInteger("delivery-limit", "delivery limit"),
            integerAtLeast("consumer-timeout", 0, "consumer timeout"),
            oneOf("queue-mode", Set.of("default", "lazy"), "queue-mode value"),
            integerBetween("queue-version", 1, 2, "queue-version value"),
            oneOf("queue-master-locator", Set.of("min-masters", "client-local", "random"), "queue master locator value"),
            oneOf("queue-leader-locator", Set.of("client-local", "balanced", "random", "least-leaders"),
                    "queue leader locator value"),
            integerAtLeast("initial-cluster-size", 0, "cluster size"),
            integerAtLeast("target-group-size", 0, "target group size"),
            new PolicyKey("max-age", v -> v instanceof String s && s.matches("[0-9]+[YMDhms]"), "max age"),
            integerAtLeast("stream-max-segment-size-bytes", 0, "segment size"),
            integerBetween("stream-filter-size-bytes", 16, 255, "filter size (16-255)"),
            string("federation-upstream", "federation upstream name"),
            string("federation-upstream-set", "federation upstream set name"),
            oneOf("ha-mode", Set.of("all", "exactly", "nodes"), "ha-mode value"),
            new PolicyKey("ha-params", v -> true, "ha-params value"),
            oneOf("ha-sync-mode", Set.of("manual", "automatic"), "ha-sync-mode value (manual or automatic)"),
            integerAtLeast("ha-sync-batch-size", 1, "ha-sync-batch-size (an integer greater than 0)"),
            oneOf("ha-promote-on-shutdown", Set.of("when-synced", "always"),
                    "ha-promote-on-shutdown value (when-synced or always)"),
            oneOf("ha-promote-on-failure", Set.of("when-synced", "always"),
                    "ha-promote-on-failure value (when-synced or always)")));

    private static final Map<String, PolicyKey> OPERATOR = index(List.of(
            USER.get("expires"), USER.get("message-ttl"), USER.get("max-length"), USER.get("max-length-bytes"),
            USER.get("max-in-memory-length"), USER.get("max-in-memory-bytes"), USER.get("delivery-limit"),
            USER.get("queue-version"), USER.get("overflow")));

    private PolicyKeys() {
    }

    /** The key of that name a user policy (or an operator policy) may hold, or null. */
    static PolicyKey find(String name, boolean operator) {
        return (operator ? OPERATOR : USER).get(name);
    }

    private static Map<String, PolicyKey> index(List<PolicyKey> keys) {
        Map<String, PolicyKey> byName = new LinkedHashMap<>();
        keys.forEach(k -> byName.put(k.name(), k));
        return Map.copyOf(byName);
    }
}
