package io.warren.exchange;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicRoutingTest {
    /** Every binding key of the table below; each is bound to a queue named after it. */
    private static final List<String> BINDING_KEYS = List.of("", "#", "*", "a", "a.#", "#.a", "a.*", "*.a",
            "a.#.b", "#.#", "a..b", ".", "*.*", "a.", ".a", "a.*.#", "#.*", "*.#.*", "#.b.#", "a.#.#.b", "#.#.a",
            "*.*.*", "a.*.b", "..", "a.b.c", "#.", ".#", "*.");

    private final ExchangeRegistry registry = new ExchangeRegistry();
    private final RouteResult result = new RouteResult();
    private Exchange topic;

    @BeforeEach
    void declare() {
        topic = registry.declare("t", ExchangeType.TOPIC, false, false, false, Map.of());
    }

    /** Recorded from RabbitMQ 3.10.8 with the same bindings (a queue per binding key). */
    static Stream<Arguments> recordedFromRabbitMq() {
        return Stream.of(
                Arguments.of("", List.of("", "#", "#.#")),
                Arguments.of("a", List.of("#", "#.#", "#.#.a", "#.*", "#.a", "*", "a", "a.#")),
                Arguments.of("b", List.of("#", "#.#", "#.*", "#.b.#", "*")),
                Arguments.of("a.b", List.of("#", "#.#", "#.*", "#.b.#", "*.#.*", "*.*", "a.#", "a.#.#.b", "a.#.b", "a.*", "a.*.#")),
                Arguments.of("a..b", List.of("#", "#.#", "#.*", "#.b.#", "*.#.*", "*.*.*", "a.#", "a.#.#.b", "a.#.b", "a.*.#", "a.*.b", "a..b")),
                Arguments.of(".", List.of("#", "#.", "#.#", "#.*", "*.", "*.#.*", "*.*", ".", ".#")),
                Arguments.of("a.", List.of("#", "#.", "#.#", "#.*", "*.", "*.#.*", "*.*", "a.", "a.#", "a.*", "a.*.#")),
                Arguments.of(".a", List.of("#", "#.#", "#.#.a", "#.*", "#.a", "*.#.*", "*.*", "*.a", ".#", ".a")),
                Arguments.of("a.x.b", List.of("#", "#.#", "#.*", "#.b.#", "*.#.*", "*.*.*", "a.#", "a.#.#.b", "a.#.b", "a.*.#", "a.*.b")),
                Arguments.of("a.b.c", List.of("#", "#.#", "#.*", "#.b.#", "*.#.*", "*.*.*", "a.#", "a.*.#", "a.b.c")),
                Arguments.of("x.a", List.of("#", "#.#", "#.#.a", "#.*", "#.a", "*.#.*", "*.*", "*.a")),
                Arguments.of("a.a", List.of("#", "#.#", "#.#.a", "#.*", "#.a", "*.#.*", "*.*", "*.a", "a.#", "a.*", "a.*.#")),
                Arguments.of("..", List.of("#", "#.", "#.#", "#.*", "*.#.*", "*.*.*", ".#", "..")),
                Arguments.of("#", List.of("#", "#.#", "#.*", "*")),
                Arguments.of("*", List.of("#", "#.#", "#.*", "*")),
                Arguments.of("a.#", List.of("#", "#.#", "#.*", "*.#.*", "*.*", "a.#", "a.*", "a.*.#")),
                Arguments.of("a.b.b", List.of("#", "#.#", "#.*", "#.b.#", "*.#.*", "*.*.*", "a.#", "a.#.#.b", "a.#.b", "a.*.#", "a.*.b")),
                Arguments.of("a.x.y.b", List.of("#", "#.#", "#.*", "#.b.#", "*.#.*", "a.#", "a.#.#.b", "a.#.b", "a.*.#")),
                Arguments.of("b.a", List.of("#", "#.#", "#.#.a", "#.*", "#.a", "#.b.#", "*.#.*", "*.*", "*.a")),
                Arguments.of("x.b.y", List.of("#", "#.#", "#.*", "#.b.#", "*.#.*", "*.*.*")),
                Arguments.of("x.y.z", List.of("#", "#.#", "#.*", "*.#.*", "*.*.*")),
                Arguments.of("a.b.", List.of("#", "#.", "#.#", "#.*", "#.b.#", "*.#.*", "*.*.*", "a.#", "a.*.#")),
                Arguments.of("a.x.b.c", List.of("#", "#.#", "#.*", "#.b.#", "*.#.*", "a.#", "a.*.#")));
    }

    @ParameterizedTest(name = "routing key \"{0}\"")
    @MethodSource("recordedFromRabbitMq")
    void matchesAsRabbitMqDoes(String routingKey, List<String> expectedBindingKeys) {
        for (String key : BINDING_KEYS) {
            registry.bind(Binding.toQueue("t", queueFor(key), key, Map.of()));
        }

        registry.route(topic, routingKey, null, result);

        Set<String> expected = new TreeSet<>();
        expectedBindingKeys.forEach(key -> expected.add(queueFor(key)));
        assertEquals(expected, new TreeSet<>(result.toList()));
        assertEquals(expected.size(), result.size(), "each queue once");
    }

    @Test
    void manyBindingsAgreeWithAStraightforwardMatcher() {
        Random random = new Random(42);
        String[] words = {"a", "b", "c", "", "*", "#"};
        List<List<String>> patterns = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String pattern = randomKey(random, words, 1 + random.nextInt(5));
            patterns.add(ReferenceTopicMatcher.words(pattern));
            registry.bind(Binding.toQueue("t", "q" + i, pattern, Map.of()));
        }
        String[] keyWords = {"a", "b", "c", ""};
        for (int k = 0; k < 300; k++) {
            String routingKey = random.nextInt(20) == 0 ? "" : randomKey(random, keyWords, 1 + random.nextInt(6));
            List<String> routingWords = ReferenceTopicMatcher.words(routingKey);
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < patterns.size(); i++) {
                if (ReferenceTopicMatcher.matches(patterns.get(i), routingWords)) {
                    expected.add("q" + i);
                }
            }

            registry.route(topic, routingKey, null, result);

            assertEquals(expected, new HashSet<>(result.toList()), "routing key '" + routingKey + "'");
        }
    }

    @Test
    void unbindingRemovesOnlyThatBinding() {
        registry.bind(Binding.toQueue("t", "q1", "a.*", Map.of()));
        registry.bind(Binding.toQueue("t", "q2", "a.*", Map.of()));
        registry.bind(Binding.toQueue("t", "q3", "a.b.#", Map.of()));

        registry.unbind(Binding.toQueue("t", "q1", "a.*", Map.of()));
        registry.unbind(Binding.toQueue("t", "q3", "a.b.#", Map.of()));

        registry.route(topic, "a.b", null, result);
        assertEquals(List.of("q2"), result.toList());
        registry.unbind(Binding.toQueue("t", "q2", "a.*", Map.of()));
        registry.route(topic, "a.b", null, result);
        assertTrue(result.isEmpty());
    }

    @Test
    void rebindingAfterThePathWasPrunedWorks() {
        Binding deep = Binding.toQueue("t", "q", "a.b.c.d", Map.of());
        registry.bind(deep);
        registry.unbind(deep);
        registry.bind(deep);

        registry.route(topic, "a.b.c.d", null, result);

        assertEquals(List.of("q"), result.toList());
    }

    @Test
    void manyLiteralWordsUnderOneNodeAreFound() {
        for (int i = 0; i < 5000; i++) {
            registry.bind(Binding.toQueue("t", "q" + i, "user" + i + ".*", Map.of()));
        }
        for (int i = 0; i < 5000; i += 2) {
            registry.unbind(Binding.toQueue("t", "q" + i, "user" + i + ".*", Map.of()));
        }

        registry.route(topic, "user4321.created", null, result);
        assertEquals(List.of("q4321"), result.toList());
        registry.route(topic, "user4320.created", null, result);
        assertTrue(result.isEmpty());
    }

    @Test
    void sameQueueThroughSeveralPatternsIsListedOnce() {
        registry.bind(Binding.toQueue("t", "q", "a.*", Map.of()));
        registry.bind(Binding.toQueue("t", "q", "#", Map.of()));
        registry.bind(Binding.toQueue("t", "q", "*.b", Map.of()));

        registry.route(topic, "a.b", null, result);

        assertEquals(List.of("q"), result.toList());
    }

    @Test
    void manyHashesOnALongKeyStayFast() {
        registry.bind(Binding.toQueue("t", "hit", "#.a.#.a.#.a.#.a.#.a.#.a.#", Map.of()));
        registry.bind(Binding.toQueue("t", "miss", "#.a.#.a.#.a.#.a.#.a.#.a.#.b", Map.of()));
        String routingKey = String.join(".", Collections.nCopies(120, "a"));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> registry.route(topic, routingKey, null, result));

        assertEquals(List.of("hit"), result.toList());
    }

    @Test
    void severalRoutingKeysRouteTheUnion() {
        registry.bind(Binding.toQueue("t", "qa", "a.*", Map.of()));
        registry.bind(Binding.toQueue("t", "qb", "*.b", Map.of()));
        registry.bind(Binding.toQueue("t", "qc", "c", Map.of()));

        registry.route(topic, List.of("a.x", "x.b", "a.b"), null, result);

        assertEquals(Set.of("qa", "qb"), new HashSet<>(result.toList()));
    }

    private static String queueFor(String bindingKey) {
        return "q:" + bindingKey;
    }

    private static String randomKey(Random random, String[] words, int count) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < count; i++) {
            key.append(i == 0 ? "" : ".").append(words[random.nextInt(words.length)]);
        }
        return key.toString();
    }
}
