package io.warren.broker.access;

/**
 * What a user may do in one vhost: three regexes over resource names, as in RabbitMQ's
 * {@code set_permissions} and the definitions' {@code permissions} entries.
 */
public record Permission(String user, String vhost, String configure, String write, String read) {
}
