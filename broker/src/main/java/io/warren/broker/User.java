package io.warren.broker;

import java.util.Map;
import java.util.Set;

/**
 * A user: name, password hash (null for a user who cannot log in with a password, RabbitMQ's
 * {@code password_hash: ""}), management tags and per-user limits ({@code max-connections},
 * {@code max-channels}, enforced by {@link io.warren.broker.limits.LimitGate}). Immutable.
 */
public record User(String name, PasswordHash password, Set<String> tags, Map<String, Object> limits) {
    public User {
        tags = Set.copyOf(tags);
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    public User(String name, PasswordHash password, Set<String> tags) {
        this(name, password, tags, Map.of());
    }
}
