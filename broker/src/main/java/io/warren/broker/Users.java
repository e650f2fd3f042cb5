package io.warren.broker;

import io.warren.broker.access.AccessJournal;
import io.warren.broker.access.JsonValues;
import io.warren.broker.durable.TopologyRecord;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The broker's users. Changes are journaled, and each returns a future that completes once the
 * change is on disk. Thread-safe: read on every login, written by the management API and the
 * definitions import from any thread.
 */
public final class Users {
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final AccessJournal journal;
    private final Consumer<String> forgetPermissions;

    /** @param forgetPermissions drops a deleted user's permissions everywhere, without journaling */
    Users(AccessJournal journal, Consumer<String> forgetPermissions) {
        this.journal = journal;
        this.forgetPermissions = forgetPermissions;
    }

    /** Adds or replaces a user. */
    public synchronized CompletableFuture<Void> put(User user) {
        users.put(user.name(), user);
        PasswordHash p = user.password();
        return journal.append(new TopologyRecord.UserPut(user.name(),
                p == null ? PasswordHash.RABBIT_SHA256 : p.hashingAlgorithm(), p == null ? "" : p.toRabbitMq(),
                List.copyOf(new TreeSet<>(user.tags())), JsonValues.write(user.limits())));
    }

    /**
     * Deletes a user and, as RabbitMQ does, their permissions and topic permissions in every
     * vhost; completes with false when there was no user of that name. Their open connections stay.
     */
    public synchronized CompletableFuture<Boolean> remove(String name) {
        if (users.remove(name) == null) {
            return CompletableFuture.completedFuture(false);
        }
        forgetPermissions.accept(name);
        return journal.append(new TopologyRecord.UserDeleted(name)).thenApply(v -> true);
    }

    public User get(String name) {
        return users.get(name);
    }

    public Collection<User> all() {
        return users.values();
    }

    /** The user when the password matches, otherwise null; a user without a password never matches. */
    public User authenticate(String name, String password) {
        User u = users.get(name);
        return u != null && u.password() != null && u.password().matches(password) ? u : null;
    }

    /** Puts back a user the journal held, without journaling it again. */
    void restore(TopologyRecord.UserPut u) {
        users.put(u.name(), new User(u.name(), PasswordHash.fromDefinition(u.hashingAlgorithm(), u.passwordHash()),
                Set.copyOf(u.tags()), JsonValues.readMap(u.limitsJson())));
    }
}
