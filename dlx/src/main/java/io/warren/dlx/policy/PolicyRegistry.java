package io.warren.dlx.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The user policies and operator policies of one vhost. Thread-safe: read when queues and
 * exchanges are declared, written by the management API and definitions import.
 */
public final class PolicyRegistry {
    /** What a policy is matched against: a classic queue ({@code QUEUE}), a quorum queue, or an exchange. */
    public enum Target { QUEUE, QUORUM_QUEUE, EXCHANGE }

    private record Compiled(Policy policy, Pattern pattern) {}

    private static final Comparator<Policy> BY_PRECEDENCE =
            Comparator.comparingInt(Policy::priority).reversed().thenComparing(Policy::name);

    private final Map<String, Compiled> policies = new ConcurrentHashMap<>();
    private final Map<String, Compiled> operatorPolicies = new ConcurrentHashMap<>();

    /**
     * Adds or replaces a policy. One that {@link PolicyValidator} refuses is not stored, and the
     * {@link PolicyException} says why.
     */
    public void put(Policy policy, boolean operator) {
        PolicyValidator.validate(policy, operator);
        Pattern pattern = PolicyValidator.compilePattern(policy.pattern());
        map(operator).put(policy.name(), new Compiled(policy, pattern));
    }

    /** Removes a policy; false when there was none of that name. */
    public boolean remove(String name, boolean operator) {
        return map(operator).remove(name) != null;
    }

    public Policy get(String name, boolean operator) {
        Compiled c = map(operator).get(name);
        return c == null ? null : c.policy();
    }

    public List<Policy> list(boolean operator) {
        List<Policy> all = new ArrayList<>();
        map(operator).values().forEach(c -> all.add(c.policy()));
        all.sort(Comparator.comparing(Policy::name));
        return all;
    }

    /**
     * The highest-priority policy whose pattern and apply-to match, or null. RabbitMQ leaves the
     * choice between equal priorities unspecified; here the name that sorts first wins, so that
     * the answer does not change from one call to the next.
     */
    public Policy match(String objectName, Target target, boolean operator) {
        Compiled best = null;
        for (Compiled c : map(operator).values()) {
            if (applies(c.policy().applyTo(), target) && c.pattern().matcher(objectName).find()
                    && (best == null || BY_PRECEDENCE.compare(c.policy(), best.policy()) < 0)) {
                best = c;
            }
        }
        return best == null ? null : best.policy();
    }

    private static boolean applies(ApplyTo applyTo, Target target) {
        return switch (applyTo) {
            case ALL -> true;
            case EXCHANGES -> target == Target.EXCHANGE;
            case QUEUES -> target == Target.QUEUE || target == Target.QUORUM_QUEUE;
            case CLASSIC_QUEUES -> target == Target.QUEUE;
            case QUORUM_QUEUES -> target == Target.QUORUM_QUEUE;
            case STREAMS -> false;
        };
    }

    private Map<String, Compiled> map(boolean operator) {
        return operator ? operatorPolicies : policies;
    }
}
