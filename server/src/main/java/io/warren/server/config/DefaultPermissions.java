package io.warren.server.config;

import java.util.Objects;

/**
 * The configure, write and read regular expressions the default user is granted on the default
 * virtual host when the node first starts (RabbitMQ's {@code default_permissions.*}).
 */
public record DefaultPermissions(String configure, String write, String read) {
    /** RabbitMQ's default: {@code ".*"} for all three. */
    public static final DefaultPermissions ALL = new DefaultPermissions(".*", ".*", ".*");

    public DefaultPermissions {
        Objects.requireNonNull(configure, "configure");
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(read, "read");
    }
}
