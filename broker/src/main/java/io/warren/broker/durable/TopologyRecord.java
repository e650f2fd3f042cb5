package io.warren.broker.durable;

import io.warren.exchange.Binding;

import java.util.List;
import java.util.Map;

/**
 * One change to durable topology, as the journal stores it. Replaying the records in order
 * rebuilds every durable vhost, exchange, queue and binding, and the node's users, permissions,
 * policies and runtime parameters. JSON values (parameter values, policy definitions, limits)
 * are kept as JSON text so that they come back exactly as they were given.
 */
public sealed interface TopologyRecord {
    /** The vhost the record belongs to, or null for a node-wide record (users, global parameters). */
    String vhost();

    /** A record that belongs to no vhost. */
    sealed interface NodeWide extends TopologyRecord {
        @Override
        default String vhost() {
            return null;
        }
    }

    record VhostDeclared(String vhost) implements TopologyRecord {}

    record ExchangeDeclared(String vhost, String name, String type, boolean autoDelete, boolean internal,
                            Map<String, Object> arguments) implements TopologyRecord {}

    record ExchangeDeleted(String vhost, String name) implements TopologyRecord {}

    record QueueDeclared(String vhost, String name, boolean autoDelete, Map<String, Object> arguments)
            implements TopologyRecord {}

    record QueueDeleted(String vhost, String name) implements TopologyRecord {}

    record Bound(String vhost, Binding binding) implements TopologyRecord {}

    record Unbound(String vhost, Binding binding) implements TopologyRecord {}

    /** The vhost and everything in it, its permissions, policies and parameters, are gone. */
    record VhostDeleted(String vhost) implements TopologyRecord {}

    /** @param defaultQueueType empty when unset */
    record VhostMetadataSet(String vhost, String description, List<String> tags, String defaultQueueType,
                            String limitsJson) implements TopologyRecord {}

    /**
     * The node has had its users set up (the default user created, or any user stored), so a
     * restart must not create the default user again, even if every user was deleted since.
     */
    record NodeInitialised() implements NodeWide {}

    /**
     * @param hashingAlgorithm RabbitMQ's name, e.g. rabbit_password_hashing_sha256
     * @param passwordHash     base64 of salt and digest; empty for a user who cannot log in with a password
     */
    record UserPut(String name, String hashingAlgorithm, String passwordHash, List<String> tags,
                   String limitsJson) implements NodeWide {}

    record UserDeleted(String name) implements NodeWide {}

    record PermissionSet(String vhost, String user, String configure, String write, String read)
            implements TopologyRecord {}

    record PermissionCleared(String vhost, String user) implements TopologyRecord {}

    record TopicPermissionSet(String vhost, String user, String exchange, String write, String read)
            implements TopologyRecord {}

    /** @param exchange null clears the user's topic permissions on every exchange of the vhost */
    record TopicPermissionCleared(String vhost, String user, String exchange) implements TopologyRecord {}

    record ParameterSet(String vhost, String component, String name, String valueJson) implements TopologyRecord {}

    record ParameterCleared(String vhost, String component, String name) implements TopologyRecord {}

    record GlobalParameterSet(String name, String valueJson) implements NodeWide {}

    record GlobalParameterCleared(String name) implements NodeWide {}

    /** A user policy, or an operator policy when {@code operator}. */
    record PolicySet(String vhost, String name, boolean operator, String pattern, String applyTo, int priority,
                     String definitionJson) implements TopologyRecord {}

    record PolicyDeleted(String vhost, String name, boolean operator) implements TopologyRecord {}
}
