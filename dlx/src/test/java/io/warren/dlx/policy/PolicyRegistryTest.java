package io.warren.dlx.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.dlx.policy.PolicyRegistry.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyRegistryTest {
    private final PolicyRegistry registry = new PolicyRegistry();

    private static Policy policy(String name, String pattern, ApplyTo applyTo, int priority) {
        return new Policy("/", name, pattern, applyTo, priority, Map.of("message-ttl", 1));
    }

    @Test
    void invalidPolicyIsNeverStored() {
        Policy bad = new Policy("/", "p", "^q", ApplyTo.ALL, 0, Map.of("message-ttl", 1.5));
        assertThrows(PolicyException.class, () -> registry.put(bad, false));
        assertNull(registry.get("p", false));

        registry.put(policy("p", "^q", ApplyTo.ALL, 0), false);
        assertThrows(PolicyException.class, () -> registry.put(bad, false));
        assertEquals(Map.of("message-ttl", 1), registry.get("p", false).definition(), "the valid one stays");
    }

    @Test
    void operatorKeysAreCheckedForOperatorPoliciesOnly() {
        Policy dlx = new Policy("/", "p", "^q", ApplyTo.QUEUES, 0, Map.of("dead-letter-exchange", "d"));
        registry.put(dlx, false);
        assertThrows(PolicyException.class, () -> registry.put(dlx, true));
        assertTrue(registry.list(true).isEmpty());
    }

    @Test
    void highestPriorityMatchWinsAndTiesGoToTheFirstName() {
        registry.put(policy("b", "^q", ApplyTo.ALL, 1), false);
        registry.put(policy("a", "^q", ApplyTo.QUEUES, 1), false);
        registry.put(policy("low", "^q", ApplyTo.ALL, 0), false);
        registry.put(policy("ex", "^q", ApplyTo.EXCHANGES, 9), false);

        assertEquals("a", registry.match("q1", Target.QUEUE, false).name());
        assertEquals("ex", registry.match("q1", Target.EXCHANGE, false).name());
        assertNull(registry.match("other", Target.QUEUE, false));
        assertEquals(List.of("a", "b", "ex", "low"), registry.list(false).stream().map(Policy::name).toList());
        assertTrue(registry.remove("a", false));
        assertEquals("b", registry.match("q1", Target.QUEUE, false).name());
    }

    @Test
    void applyToPicksTheQueuesOfItsType() {
        registry.put(policy("classic", "^q", ApplyTo.CLASSIC_QUEUES, 2), false);
        registry.put(policy("quorum", "^q", ApplyTo.QUORUM_QUEUES, 2), false);
        registry.put(policy("streams", "^q", ApplyTo.STREAMS, 3), false);
        registry.put(policy("queues", "^q", ApplyTo.QUEUES, 1), false);

        assertEquals("classic", registry.match("q1", Target.QUEUE, false).name());
        assertEquals("quorum", registry.match("q1", Target.QUORUM_QUEUE, false).name());
        assertTrue(registry.remove("quorum", false));
        assertEquals("queues", registry.match("q1", Target.QUORUM_QUEUE, false).name());
        assertNull(registry.match("q1", Target.EXCHANGE, false));
    }
}
