package io.warren.server.config;

import java.util.List;

/**
 * A family of configuration keys, written like the key with wildcards: {@code *} stands for exactly
 * one segment (cuttlefish's {@code $name}), and a final {@code **} for one or more segments (a whole
 * plugin namespace such as {@code mqtt.**}).
 */
record KeyPattern(List<String> segments) {
    KeyPattern {
        segments = List.copyOf(segments);
    }

    static KeyPattern of(String pattern) {
        return new KeyPattern(List.of(pattern.split("\\.")));
    }

    boolean matches(List<String> path) {
        int last = segments.size() - 1;
        boolean openEnded = segments.get(last).equals("**");
        if (openEnded ? path.size() < segments.size() : path.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < (openEnded ? last : segments.size()); i++) {
            String segment = segments.get(i);
            if (!segment.equals("*") && !segment.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when the pattern names a single key, which can then be offered as a spelling suggestion. */
    boolean isExact() {
        return segments.stream().noneMatch(s -> s.equals("*") || s.equals("**"));
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
