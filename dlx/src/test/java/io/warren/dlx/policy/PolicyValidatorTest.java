package io.warren.dlx.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyValidatorTest {
    private static Policy policy(Map<String, Object> definition) {
        return new Policy("/", "p", "^q", ApplyTo.ALL, 0, definition);
    }

    private static String refusal(Map<String, Object> definition, boolean operator) {
        return assertThrows(PolicyException.class, () -> PolicyValidator.validate(policy(definition), operator))
                .getMessage();
    }

    static List<Arguments> refusedValues() {
        return List.of(
                Arguments.of("message-ttl", 1.5, "1.5 is not a valid message TTL"),
                Arguments.of("message-ttl", 10.0, "10.0 is not a valid message TTL"),
                Arguments.of("message-ttl", -1, "-1 is not a valid message TTL"),
                Arguments.of("message-ttl", "10", "<<\"10\">> is not a valid message TTL"),
                Arguments.of("expires", 0, "0 is not a valid queue expiry"),
                Arguments.of("max-length", -1L, "-1 is not a valid maximum length"),
                Arguments.of("max-length-bytes", 1e3, "1.0e3 is not a valid maximum length in bytes"),
                Arguments.of("overflow", "bogus", "<<\"bogus\">> is not a valid overflow value"),
                Arguments.of("dead-letter-exchange", 1, "1 is not a valid dead letter exchange name"),
                Arguments.of("dead-letter-routing-key", true, "true is not a valid dead letter routing key"),
                Arguments.of("alternate-exchange", List.of("a"), "[<<\"a\">>] is not a valid alternate exchange name"),
                Arguments.of("delivery-limit", 2.0, "2.0 is not a valid delivery limit"),
                Arguments.of("queue-mode", "weird", "<<\"weird\">> is not a valid queue-mode value"),
                Arguments.of("queue-version", 3, "3 is not a valid queue-version value"),
                Arguments.of("consumer-timeout", -5, "-5 is not a valid consumer timeout"),
                Arguments.of("dead-letter-strategy", "sometimes", "<<\"sometimes\">> is not a valid dead letter strategy"),
                Arguments.of("max-age", "1 day", "<<\"1 day\">> is not a valid max age"),
                Arguments.of("stream-filter-size-bytes", 300, "300 is not a valid filter size (16-255)"),
                Arguments.of("federation-upstream", 1, "1 is not a valid federation upstream name"),
                Arguments.of("ha-mode", "bogus", "<<\"bogus\">> is not a valid ha-mode value"),
                Arguments.of("message-ttl", new BigInteger("100000000000000000000"),
                        "100000000000000000000 is not a valid message TTL"));
    }

    @ParameterizedTest
    @MethodSource("refusedValues")
    void illTypedValueIsRefusedNamingTheKey(String key, Object value, String message) {
        assertEquals(message, refusal(Map.of(key, value), false));
    }

    @Test
    void everyKnownKeyWithAGoodValueIsAccepted() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("alternate-exchange", "ae");
        d.put("dead-letter-exchange", "dlx");
        d.put("dead-letter-routing-key", "rk");
        d.put("dead-letter-strategy", "at-least-once");
        d.put("message-ttl", 0);
        d.put("expires", 1L);
        d.put("max-length", 0);
        d.put("max-length-bytes", BigInteger.TEN);
        d.put("max-in-memory-length", 1);
        d.put("max-in-memory-bytes", 1);
        d.put("overflow", "reject-publish-dlx");
        d.put("delivery-limit", -1);
        d.put("consumer-timeout", 1000);
        d.put("queue-mode", "lazy");
        d.put("queue-version", 2);
        d.put("queue-master-locator", "min-masters");
        d.put("queue-leader-locator", "balanced");
        d.put("initial-cluster-size", 3);
        d.put("target-group-size", 3);
        d.put("max-age", "7D");
        d.put("stream-max-segment-size-bytes", 500_000_000);
        d.put("stream-filter-size-bytes", 16);
        d.put("federation-upstream", "up");
        d.put("federation-upstream-set", "all");
        d.put("ha-mode", "exactly");
        d.put("ha-params", 2);
        d.put("ha-sync-mode", "automatic");
        d.put("ha-sync-batch-size", 10);
        d.put("ha-promote-on-shutdown", "always");
        d.put("ha-promote-on-failure", "when-synced");
        assertDoesNotThrow(() -> PolicyValidator.validate(policy(d), false));
    }

    @Test
    void unknownKeysAreListedAsErlangTermsAsRabbitMqDoes() {
        assertEquals("[{<<\"foo\">>,1}] are not recognised policy settings", refusal(Map.of("foo", 1), false));
        assertEquals("[{<<\"bar\">>,<<\"x\">>},{<<\"foo\">>,1}] are not recognised policy settings",
                refusal(Map.of("foo", 1, "bar", "x", "message-ttl", 5), false));
    }

    @Test
    void operatorPoliciesTakeOnlyOperatorKeys() {
        assertEquals("[{<<\"dead-letter-exchange\">>,<<\"x\">>}] are not recognised policy settings",
                refusal(Map.of("dead-letter-exchange", "x"), true));
        assertEquals("[{<<\"ha-mode\">>,<<\"all\">>}] are not recognised policy settings",
                refusal(Map.of("ha-mode", "all"), true));
        assertEquals("-2 is not a valid message TTL", refusal(Map.of("message-ttl", -2), true));
        assertDoesNotThrow(() -> PolicyValidator.validate(policy(Map.of("expires", 1, "message-ttl", 1,
                "max-length", 1, "max-length-bytes", 1, "max-in-memory-length", 1, "max-in-memory-bytes", 1,
                "delivery-limit", 3, "queue-version", 1, "overflow", "drop-head")), true));
    }

    @Test
    void mirroringKeysNeedAConsistentHaMode() {
        assertEquals("ha-mode must be specified to specify ha-params, ha-sync-mode or ha-promote-on-shutdown",
                refusal(Map.of("ha-params", 2), false));
        assertEquals("ha-params: ha-mode=\"exactly\" takes an integer greater than 0, none given",
                refusal(Map.of("ha-mode", "exactly"), false));
        assertEquals("ha-params: ha-mode=\"all\" does not take parameters, 2 given",
                refusal(Map.of("ha-mode", "all", "ha-params", 2), false));
        assertEquals("ha-params: ha-mode=\"nodes\" takes a non-empty list of node names, [] given",
                refusal(Map.of("ha-mode", "nodes", "ha-params", List.of()), false));
        assertEquals("<<\"x\">> is not a valid ha-sync-mode value (manual or automatic)",
                refusal(Map.of("ha-mode", "all", "ha-sync-mode", "x"), false));
        assertDoesNotThrow(() -> PolicyValidator.validate(
                policy(Map.of("ha-mode", "nodes", "ha-params", List.of("rabbit@a"))), false));
    }

    @Test
    void structureIsChecked() {
        assertEquals("no policy provided", refusal(Map.of(), false));
        assertEquals("policy name must not be empty", assertThrows(PolicyException.class, () ->
                PolicyValidator.validate(new Policy("/", "", "^q", ApplyTo.ALL, 0, Map.of("expires", 1)), false))
                .getMessage());
        PolicyException badPattern = assertThrows(PolicyException.class, () ->
                PolicyValidator.validate(new Policy("/", "p", "(", ApplyTo.ALL, 0, Map.of("expires", 1)), false));
        assertEquals(true, badPattern.getMessage().startsWith("pattern should be regular expression but is invalid"));
        assertEquals("apply-to 'bogus' unrecognised; should be 'all', 'queues', 'exchanges', 'classic_queues', "
                + "'quorum_queues' or 'streams'",
                assertThrows(PolicyException.class, () -> PolicyValidator.applyTo("bogus")).getMessage());
        assertEquals(ApplyTo.ALL, PolicyValidator.applyTo(null));
        assertEquals(ApplyTo.CLASSIC_QUEUES, PolicyValidator.applyTo("classic_queues"));
    }

    @Test
    void valuesArePrintedAsErlangTermsAsRabbitMqPrintsThem() {
        assertEquals("[{<<\"a\">>,#{<<\"b\">> => 1}},{<<\"c\">>,null}] are not recognised policy settings",
                refusal(mapOf("a", Map.of("b", 1), "c", null), false));
        assertEquals("100.0", JsonValues.erlangFloat(100.0));
        assertEquals("0.5", JsonValues.erlangFloat(0.5));
        assertEquals("-1.5e10", JsonValues.erlangFloat(-1.5e10));
        assertEquals("1.0e-5", JsonValues.erlangFloat(1e-5));
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    @Test
    void priorityMustBeAnInteger() {
        assertEquals(0, PolicyValidator.priority(null));
        assertEquals(7, PolicyValidator.priority(7L));
        assertEquals("priority should be a number, actually was <<\"x\">>",
                assertThrows(PolicyException.class, () -> PolicyValidator.priority("x")).getMessage());
        assertThrows(PolicyException.class, () -> PolicyValidator.priority(1.5));
        assertThrows(PolicyException.class, () -> PolicyValidator.priority(1L << 40));
    }
}
