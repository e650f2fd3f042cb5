package io.warren.dlx.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.UnsignedByte;
import io.warren.amqp.types.UnsignedInt;
import io.warren.amqp.types.UnsignedShort;
import io.warren.queue.Overflow;
import io.warren.queue.QueueSettings;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EffectiveSettingsTest {
    private static Policy user(Map<String, Object> definition) {
        return new Policy("/", "user", ".*", ApplyTo.ALL, 0, definition);
    }

    private static Policy operator(Map<String, Object> definition) {
        return new Policy("/", "op", ".*", ApplyTo.QUEUES, 0, definition);
    }

    private static Map<String, Object> args(String key, Object value) {
        Map<String, Object> args = new HashMap<>();
        if (value != null) {
            args.put(key, value);
        }
        return args;
    }

    private static Map<String, Object> def(String key, Object value) {
        return value == null ? Map.of() : Map.of(key, value);
    }

    /** Numeric limits: {argument, user policy, operator policy} -> the smallest of those given. */
    static List<Arguments> numericLimits() {
        List<Arguments> rows = new ArrayList<>();
        Map<String, ToLongFunction<QueueSettings>> keys = Map.of(
                "message-ttl", QueueSettings::messageTtl,
                "expires", QueueSettings::expires,
                "max-length", QueueSettings::maxLength,
                "max-length-bytes", QueueSettings::maxLengthBytes);
        Long[][] table = {
                // argument, user policy, operator policy, expected
                {null, null, null, -1L},
                {100L, null, null, 100L},
                {null, 100L, null, 100L},
                {null, null, 100L, 100L},
                {100L, 50L, null, 50L},
                {50L, 100L, null, 50L},
                {100L, null, 50L, 50L},
                {50L, null, 100L, 50L},
                {null, 100L, 50L, 50L},
                {null, 50L, 100L, 50L},
                {30L, 20L, 10L, 10L},
                {10L, 20L, 30L, 10L},
                {20L, 10L, 30L, 10L},
        };
        keys.forEach((key, getter) -> {
            for (Long[] row : table) {
                rows.add(Arguments.of(key, getter, row[0], row[1], row[2], row[3]));
            }
        });
        return rows;
    }

    @ParameterizedTest(name = "{0}: argument {2}, policy {3}, operator {4} -> {5}")
    @MethodSource("numericLimits")
    void numericLimitsTakeTheSmallest(String key, ToLongFunction<QueueSettings> getter, Long argument, Long policy,
                                      Long operatorValue, long expected) {
        QueueSettings s = EffectiveSettings.forQueue(args("x-" + key, argument), user(def(key, policy)),
                operator(def(key, operatorValue)));
        assertEquals(expected, getter.applyAsLong(s));
    }

    static List<Arguments> deliveryLimits() {
        Long[][] table = {
                // argument, user policy, operator policy, expected
                {null, null, null, -1L},
                {5L, null, null, 5L},
                {-1L, null, null, -1L},
                {null, 5L, null, 5L},
                {null, null, 5L, 5L},
                {5L, 3L, null, 3L},
                {3L, 5L, null, 3L},
                {null, 5L, 3L, 3L},
                {null, -1L, 3L, 3L},
                {null, 3L, -1L, 3L},
                {-1L, 5L, null, 5L},
                {5L, -1L, null, 5L},
                {-1L, -1L, -1L, -1L},
                {10L, 7L, 4L, 4L},
                {-1L, 7L, 4L, 4L},
                {2L, -1L, 4L, 2L},
        };
        return Arrays.stream(table).map(r -> Arguments.of(r[0], r[1], r[2], r[3])).toList();
    }

    @ParameterizedTest(name = "argument {0}, policy {1}, operator {2} -> {3}")
    @MethodSource("deliveryLimits")
    void deliveryLimitIsTheSmallestUnlessOneSideIsUnlimited(Long argument, Long policy, Long operatorValue,
                                                            long expected) {
        QueueSettings s = EffectiveSettings.forQueue(args("x-delivery-limit", argument),
                user(def("delivery-limit", policy)), operator(def("delivery-limit", operatorValue)));
        assertEquals(expected, s.deliveryLimit());
    }

    static List<Arguments> overflows() {
        return List.of(
                Arguments.of(null, null, null, Overflow.DROP_HEAD),
                Arguments.of("reject-publish", null, null, Overflow.REJECT_PUBLISH),
                Arguments.of(null, "reject-publish-dlx", null, Overflow.REJECT_PUBLISH_DLX),
                Arguments.of(null, null, "reject-publish", Overflow.REJECT_PUBLISH),
                Arguments.of(null, "reject-publish", "reject-publish-dlx", Overflow.REJECT_PUBLISH_DLX),
                Arguments.of("drop-head", "reject-publish", "reject-publish-dlx", Overflow.DROP_HEAD),
                Arguments.of("reject-publish", "drop-head", null, Overflow.REJECT_PUBLISH),
                Arguments.of(LongStr.of("reject-publish"), null, "drop-head", Overflow.REJECT_PUBLISH));
    }

    @ParameterizedTest(name = "argument {0}, policy {1}, operator {2} -> {3}")
    @MethodSource("overflows")
    void overflowArgumentWinsThenTheOperator(Object argument, String policy, String operatorValue, Overflow expected) {
        QueueSettings s = EffectiveSettings.forQueue(args("x-overflow", argument), user(def("overflow", policy)),
                operator(def("overflow", operatorValue)));
        assertEquals(expected, s.overflow());
    }

    @Test
    void consumerTimeoutIsTheSmallerOfArgumentAndPolicy() {
        assertEquals(-1, EffectiveSettings.forQueue(null, null, null).consumerTimeout());
        assertEquals(5000, EffectiveSettings.forQueue(args("x-consumer-timeout", 5000), null, null).consumerTimeout());
        assertEquals(3000, EffectiveSettings.forQueue(null, user(def("consumer-timeout", 3000L)), null)
                .consumerTimeout());
        assertEquals(3000, EffectiveSettings.forQueue(args("x-consumer-timeout", 5000),
                user(def("consumer-timeout", 3000L)), null).consumerTimeout());
        assertEquals(2000, EffectiveSettings.forQueue(args("x-consumer-timeout", 2000),
                user(def("consumer-timeout", 3000L)), null).consumerTimeout());
        // A value of the wrong type counts as absent (declaration refuses it).
        assertEquals(3000, EffectiveSettings.forQueue(args("x-consumer-timeout", "soon"),
                user(def("consumer-timeout", 3000L)), null).consumerTimeout());
    }

    @Test
    void deadLetterTargetsComeFromTheArgumentFirst() {
        Policy policy = user(Map.of("dead-letter-exchange", "p-dlx", "dead-letter-routing-key", "p-rk"));
        Map<String, Object> args = new HashMap<>();
        args.put("x-dead-letter-exchange", LongStr.of("a-dlx"));
        QueueSettings s = EffectiveSettings.forQueue(args, policy, null);
        assertEquals("a-dlx", s.deadLetterExchange());
        assertEquals("p-rk", s.deadLetterRoutingKey());

        args.put("x-dead-letter-routing-key", "a-rk");
        assertEquals("a-rk", EffectiveSettings.forQueue(args, policy, null).deadLetterRoutingKey());
        assertEquals("", EffectiveSettings.forQueue(Map.of("x-dead-letter-exchange", ""), policy, null)
                .deadLetterExchange(), "the default exchange is a dead-letter exchange too");
        QueueSettings none = EffectiveSettings.forQueue(null, null, null);
        assertNull(none.deadLetterExchange());
        assertNull(none.deadLetterRoutingKey());
    }

    @Test
    void priorityAndSingleActiveConsumerComeOnlyFromArguments() {
        Map<String, Object> args = new HashMap<>();
        args.put("x-max-priority", UnsignedByte.valueOf(10));
        args.put("x-single-active-consumer", true);
        QueueSettings s = EffectiveSettings.forQueue(args, user(Map.of("message-ttl", 5)), null);
        assertEquals(10, s.maxPriority());
        assertTrue(s.singleActiveConsumer());

        QueueSettings plain = EffectiveSettings.forQueue(Map.of(), user(Map.of("message-ttl", 5)), null);
        assertEquals(0, plain.maxPriority());
        assertFalse(plain.singleActiveConsumer());
        assertEquals(QueueSettings.NONE, EffectiveSettings.forQueue(null, null, null));
    }

    static List<Object> integerShapes() {
        return List.of((byte) 7, (short) 7, 7, 7L, UnsignedByte.valueOf(7), UnsignedShort.valueOf(7),
                UnsignedInt.valueOf(7), BigInteger.valueOf(7));
    }

    @ParameterizedTest
    @MethodSource("integerShapes")
    void everyIntegerWidthCounts(Object seven) {
        QueueSettings s = EffectiveSettings.forQueue(Map.of("x-message-ttl", seven, "x-max-length", seven),
                user(Map.of("message-ttl", 100, "max-length", 100)), null);
        assertEquals(7, s.messageTtl());
        assertEquals(7, s.maxLength());
    }

    @Test
    void argumentsOfTheWrongTypeCountAsAbsent() {
        QueueSettings s = EffectiveSettings.forQueue(Map.of("x-message-ttl", "10", "x-max-length", 1.5,
                "x-overflow", 3, "x-dead-letter-exchange", 4), user(Map.of("message-ttl", 100)), null);
        assertEquals(100, s.messageTtl());
        assertEquals(-1, s.maxLength());
        assertEquals(Overflow.DROP_HEAD, s.overflow());
        assertNull(s.deadLetterExchange());
    }

    @Test
    void effectiveDefinitionMergesUserAndOperatorPolicies() {
        Policy policy = user(Map.of("message-ttl", 100, "max-length", 5, "dead-letter-exchange", "dlx",
                "overflow", "drop-head", "delivery-limit", -1, "expires", 1000));
        Policy op = operator(Map.of("message-ttl", 50, "max-length", 10, "overflow", "reject-publish",
                "delivery-limit", 3, "max-length-bytes", 4096, "queue-version", 2));

        Map<String, Object> merged = EffectiveSettings.effectiveDefinition(policy, op);
        assertEquals(Map.of("message-ttl", 50, "max-length", 5, "dead-letter-exchange", "dlx",
                "overflow", "reject-publish", "delivery-limit", 3, "expires", 1000, "max-length-bytes", 4096,
                "queue-version", 2), merged);
        assertEquals(List.copyOf(new TreeSet<>(merged.keySet())), List.copyOf(merged.keySet()));
        assertEquals(Map.of("message-ttl", 100), EffectiveSettings.effectiveDefinition(user(Map.of("message-ttl", 100)), null));
        assertEquals(Map.of("expires", 9), EffectiveSettings.effectiveDefinition(null, operator(Map.of("expires", 9))));
        assertTrue(EffectiveSettings.effectiveDefinition(null, null).isEmpty());
    }

    @Test
    void alternateExchangeArgumentWinsOverPolicy() {
        Policy policy = user(Map.of("alternate-exchange", "p-ae"));
        assertEquals("a-ae", EffectiveSettings.alternateExchange(Map.of("alternate-exchange", LongStr.of("a-ae")), policy));
        assertEquals("p-ae", EffectiveSettings.alternateExchange(Map.of(), policy));
        assertEquals("p-ae", EffectiveSettings.alternateExchange(null, policy));
        assertNull(EffectiveSettings.alternateExchange(Map.of(), null));
        assertNull(EffectiveSettings.alternateExchange(null, user(Map.of("message-ttl", 1))));
    }
}
