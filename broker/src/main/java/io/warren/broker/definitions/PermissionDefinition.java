package io.warren.broker.definitions;

/** A user's configure/write/read regular expressions in one vhost. */
public record PermissionDefinition(String user, String vhost, String configure, String write, String read) {
}
