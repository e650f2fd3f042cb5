package io.warren.server.config;

import java.util.List;

/**
 * The configuration cannot be used: a file that is missing or unreadable, a line that is not
 * {@code key = value}, an unknown key, or a value out of range. Each problem names where it comes
 * from ({@code warren.conf:12: frame_max: ...} or {@code environment variable WARREN_AMQP_PORT: ...}),
 * and every problem found in one pass is reported together, so a broken file is fixed in one edit.
 */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    ConfigException(String problem) {
        this(List.of(problem));
    }

    /** One line per problem, in the order they were found; never empty. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.size() + " configuration problems:\n  " + String.join("\n  ", problems);
    }
}
