package io.warren.broker.definitions;

import io.warren.broker.PasswordHash;

import java.util.List;
import java.util.Map;

/**
 * A user as definitions carry it.
 *
 * @param passwordHash RabbitMQ's base64 hash; empty when the user cannot log in with a password
 * @param tags         e.g. administrator, monitoring; never null
 * @param limits       {@code max-connections} / {@code max-channels}; null when the file has no
 *                     {@code limits} key (files older than 3.8)
 */
public record UserDefinition(String name, String passwordHash, HashingAlgorithm hashingAlgorithm,
                             List<String> tags, Map<String, Long> limits) {
    public UserDefinition {
        tags = List.copyOf(tags);
        limits = limits == null ? null : Values.copyOf(limits);
    }

    /** Whether the user may log in with a password at all. */
    public boolean hasPassword() {
        return !passwordHash.isEmpty();
    }

    /** The hash in the broker's form; only for users that {@link #hasPassword()}. */
    public PasswordHash toPasswordHash() {
        if (!hasPassword()) {
            throw new IllegalStateException("user '" + name + "' has no password");
        }
        return PasswordHash.fromRabbitMq(hashingAlgorithm, passwordHash);
    }
}
