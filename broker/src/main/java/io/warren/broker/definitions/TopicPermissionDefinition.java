package io.warren.broker.definitions;

/** A user's write/read routing-key expressions for one topic exchange in one vhost. */
public record TopicPermissionDefinition(String user, String vhost, String exchange, String write, String read) {
}
