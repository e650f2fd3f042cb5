package io.warren.broker.access;

import io.warren.broker.ConnectionException;
import io.warren.broker.durable.TopologyRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Every user's permissions and topic permissions, per vhost, with their regexes compiled.
 * Changes are journaled and return a future that completes once they are on disk; a change
 * applies to the next operation of every connection, and closes nothing, as in RabbitMQ.
 * Thread-safe: read by every connection's event loop, written from any thread.
 */
public final class Permissions {
    private record Compiled(Permission permission, PermissionPattern configure, PermissionPattern write,
                            PermissionPattern read) {
        PermissionPattern pattern(Access access) {
            return switch (access) {
                case CONFIGURE -> configure;
                case WRITE -> write;
                case READ -> read;
            };
        }
    }

    /** The regexes with {username} and {vhost} already expanded: both are fixed for an entry. */
    private record CompiledTopic(TopicPermission permission, PermissionPattern write, PermissionPattern read) {}

    private final Map<List<String>, Compiled> permissions = new ConcurrentHashMap<>();
    private final Map<List<String>, Map<String, CompiledTopic>> topicPermissions = new ConcurrentHashMap<>();
    private final AccessJournal journal;
    private final Predicate<String> userExists;
    private final Predicate<String> vhostExists;

    public Permissions(AccessJournal journal, Predicate<String> userExists, Predicate<String> vhostExists) {
        this.journal = journal;
        this.userExists = userExists;
        this.vhostExists = vhostExists;
    }

    /**
     * Grants a user access to a vhost, replacing what they had there. Throws
     * {@link IllegalArgumentException} for an unknown user or vhost or an invalid regex.
     */
    public synchronized CompletableFuture<Void> set(Permission p) {
        checkExists(p.user(), p.vhost());
        Compiled c = new Compiled(p, PermissionPattern.compile(p.configure()), PermissionPattern.compile(p.write()),
                PermissionPattern.compile(p.read()));
        permissions.put(List.of(p.vhost(), p.user()), c);
        return journal.append(new TopologyRecord.PermissionSet(p.vhost(), p.user(), p.configure(), p.write(),
                p.read()));
    }

    /** Removes a user's permissions in a vhost; completes with false when they had none. */
    public synchronized CompletableFuture<Boolean> clear(String vhost, String user) {
        if (permissions.remove(List.of(vhost, user)) == null) {
            return CompletableFuture.completedFuture(false);
        }
        return journal.append(new TopologyRecord.PermissionCleared(vhost, user)).thenApply(v -> true);
    }

    /** A user's permissions in a vhost, or null. */
    public Permission get(String vhost, String user) {
        Compiled c = permissions.get(List.of(vhost, user));
        return c == null ? null : c.permission();
    }

    public List<Permission> all() {
        List<Permission> all = new ArrayList<>();
        permissions.values().forEach(c -> all.add(c.permission()));
        return all;
    }

    /** Sets a user's topic permissions on one exchange of a vhost; throws as {@link #set} does. */
    public synchronized CompletableFuture<Void> setTopic(TopicPermission p) {
        checkExists(p.user(), p.vhost());
        CompiledTopic c = new CompiledTopic(p, PermissionPattern.compile(expand(p.write(), p.user(), p.vhost())),
                PermissionPattern.compile(expand(p.read(), p.user(), p.vhost())));
        topicPermissions.computeIfAbsent(List.of(p.vhost(), p.user()), k -> new ConcurrentHashMap<>())
                .put(p.exchange(), c);
        return journal.append(new TopologyRecord.TopicPermissionSet(p.vhost(), p.user(), p.exchange(), p.write(),
                p.read()));
    }

    /**
     * Removes a user's topic permissions on one exchange, or on every exchange of the vhost when
     * {@code exchange} is null; completes with false when there were none.
     */
    public synchronized CompletableFuture<Boolean> clearTopic(String vhost, String user, String exchange) {
        Map<String, CompiledTopic> byExchange = topicPermissions.get(List.of(vhost, user));
        boolean removed = byExchange != null && (exchange == null ? !byExchange.isEmpty() : byExchange.containsKey(exchange));
        if (!removed) {
            return CompletableFuture.completedFuture(false);
        }
        if (exchange == null) {
            topicPermissions.remove(List.of(vhost, user));
        } else {
            byExchange.remove(exchange);
        }
        return journal.append(new TopologyRecord.TopicPermissionCleared(vhost, user, exchange)).thenApply(v -> true);
    }

    public List<TopicPermission> allTopic() {
        List<TopicPermission> all = new ArrayList<>();
        topicPermissions.values().forEach(m -> m.values().forEach(c -> all.add(c.permission())));
        return all;
    }

    /**
     * The access checks of a connection that opens {@code vhost} as {@code user}; refuses, as
     * RabbitMQ does, a user with no permissions there, whatever the regexes say.
     */
    public UserAccess openVhost(String user, String vhost) {
        if (!permissions.containsKey(List.of(vhost, user))) {
            throw ConnectionException.notAllowed("access to vhost '" + vhost + "' refused for user '" + user + "'");
        }
        return new UserAccess(this, user, vhost);
    }

    boolean permits(String user, String vhost, Access access, String name) {
        Compiled c = permissions.get(List.of(vhost, user));
        return c != null && c.pattern(access).matches(name);
    }

    /** No topic permission on an exchange means no restriction there, as in RabbitMQ. */
    boolean permitsTopic(String user, String vhost, String exchange, Access access, String routingKey) {
        Map<String, CompiledTopic> byExchange = topicPermissions.get(List.of(vhost, user));
        CompiledTopic c = byExchange == null ? null : byExchange.get(exchange);
        return c == null || (access == Access.WRITE ? c.write() : c.read()).matches(routingKey);
    }

    /** Drops a deleted user's permissions, without journaling (the user's deletion record implies it). */
    public synchronized void forgetUser(String user) {
        permissions.keySet().removeIf(k -> k.get(1).equals(user));
        topicPermissions.keySet().removeIf(k -> k.get(1).equals(user));
    }

    /** Drops a deleted vhost's permissions, without journaling (the vhost's deletion record implies it). */
    public synchronized void forgetVhost(String vhost) {
        permissions.keySet().removeIf(k -> k.get(0).equals(vhost));
        topicPermissions.keySet().removeIf(k -> k.get(0).equals(vhost));
    }

    /** Puts back what the journal held, without journaling it again. */
    public void restore(TopologyRecord.PermissionSet p) {
        Permission permission = new Permission(p.user(), p.vhost(), p.configure(), p.write(), p.read());
        permissions.put(List.of(p.vhost(), p.user()), new Compiled(permission, PermissionPattern.compile(p.configure()),
                PermissionPattern.compile(p.write()), PermissionPattern.compile(p.read())));
    }

    public void restore(TopologyRecord.TopicPermissionSet p) {
        TopicPermission permission = new TopicPermission(p.user(), p.vhost(), p.exchange(), p.write(), p.read());
        topicPermissions.computeIfAbsent(List.of(p.vhost(), p.user()), k -> new ConcurrentHashMap<>())
                .put(p.exchange(), new CompiledTopic(permission,
                        PermissionPattern.compile(expand(p.write(), p.user(), p.vhost())),
                        PermissionPattern.compile(expand(p.read(), p.user(), p.vhost()))));
    }

    /**
     * RabbitMQ's topic permission variables. {client_id} is only known for MQTT and a few
     * plugins; over AMQP 0-9-1 it stays as written, as it does in RabbitMQ.
     */
    static String expand(String regex, String user, String vhost) {
        return regex.replace("{username}", user).replace("{vhost}", vhost);
    }

    private void checkExists(String user, String vhost) {
        if (!userExists.test(user)) {
            throw new IllegalArgumentException("no such user '" + user + "'");
        }
        if (!vhostExists.test(vhost)) {
            throw new IllegalArgumentException("no such vhost '" + vhost + "'");
        }
    }
}
