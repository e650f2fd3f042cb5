package io.warren.server.config;

import java.util.List;

/**
 * One {@code key = value} line of a configuration file.
 *
 * @param key   the key as written, e.g. {@code listeners.tcp.default}
 * @param path  the key split at its dots; {@code \.} in a key is a literal dot inside one segment
 * @param value the value, unquoted, without comment or surrounding blanks
 * @param line  1-based line number, for messages
 */
record ConfSetting(String key, List<String> path, String value, int line) {
    ConfSetting {
        path = List.copyOf(path);
    }
}
