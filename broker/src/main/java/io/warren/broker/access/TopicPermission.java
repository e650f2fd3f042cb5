package io.warren.broker.access;

/**
 * What routing and binding keys a user may use on one topic exchange of a vhost: the write regex
 * is matched against publish routing keys, the read regex against binding keys. The regexes may
 * hold the variables {@code {username}} and {@code {vhost}}.
 */
public record TopicPermission(String user, String vhost, String exchange, String write, String read) {
}
