package io.warren.server.config;

import java.util.Comparator;
import java.util.List;

/** "Did you mean ...?" for a mistyped key, as RabbitMQ prints when it refuses an unknown setting. */
final class KeySuggestions {
    private static final int MAX_SUGGESTIONS = 3;

    private KeySuggestions() {}

    /** Up to three known keys within a few edits of {@code key}, closest first. */
    static List<String> closeTo(String key, List<String> knownKeys) {
        int tolerance = Math.max(2, key.length() / 5);
        return knownKeys.stream()
                .distinct()
                .filter(known -> editDistance(key, known) <= tolerance)
                .sorted(Comparator.comparingInt((String known) -> editDistance(key, known))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(MAX_SUGGESTIONS)
                .toList();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
