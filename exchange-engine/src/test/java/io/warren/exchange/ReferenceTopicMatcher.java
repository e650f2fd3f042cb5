package io.warren.exchange;

import java.util.Arrays;
import java.util.List;

/**
 * Topic matching written the plain way, word list against word list, to check the trie against:
 * RabbitMQ's split (every '.' separates, the empty key has no words), '*' one word, '#' any number.
 */
final class ReferenceTopicMatcher {
    private ReferenceTopicMatcher() {
    }

    static boolean matches(List<String> patternWords, List<String> keyWords) {
        return matches(patternWords, 0, keyWords, 0);
    }

    static List<String> words(String key) {
        return key.isEmpty() ? List.of() : Arrays.asList(key.split("\\.", -1));
    }

    private static boolean matches(List<String> pattern, int p, List<String> key, int k) {
        if (p == pattern.size()) {
            return k == key.size();
        }
        String word = pattern.get(p);
        if (word.equals("#")) {
            for (int skip = k; skip <= key.size(); skip++) {
                if (matches(pattern, p + 1, key, skip)) {
                    return true;
                }
            }
            return false;
        }
        return k < key.size() && (word.equals("*") || word.equals(key.get(k))) && matches(pattern, p + 1, key, k + 1);
    }
}
