package io.warren.broker;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.warren.broker.access.AccessJournal;
import io.warren.broker.access.JsonValues;
import io.warren.broker.definitions.HashingAlgorithm;
import io.warren.broker.durable.TopologyRecord;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;

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
 *
 * <p>A user whose hash is slow (PBKDF2) costs a fraction of a second per check, so after a
 * correct login the password is remembered as an HMAC under a key that lives only in this
 * process, tied to that very hash: the next login with it costs a microsecond, and a changed
 * or deleted user, or a wrong password, goes through the full check again. When the default
 * hash is slow, an unknown user costs a check of a decoy hash, so that how long a refusal takes
 * does not tell which users exist.
 */
public final class Users {
    private static final String MAC = "HmacSHA256";
    private static final int REMEMBERED_USERS = 10_000;

    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final AccessJournal journal;
    private final Consumer<String> forgetPermissions;
    private final HashingAlgorithm defaultHashing;
    private final SecretKeySpec macKey;
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(REMEMBERED_USERS)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    private volatile PasswordHash decoy;

    /** A password that matched {@code hash}, as its HMAC. */
    private record Verified(PasswordHash hash, byte[] mac) {}

    /**
     * @param forgetPermissions drops a deleted user's permissions everywhere, without journaling
     * @param defaultHashing    the algorithm for passwords given in clear (password_hashing_module)
     */
    Users(AccessJournal journal, Consumer<String> forgetPermissions, HashingAlgorithm defaultHashing) {
        this.journal = journal;
        this.forgetPermissions = forgetPermissions;
        this.defaultHashing = defaultHashing;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.macKey = new SecretKeySpec(key, MAC);
    }

    /** A new hash of a password given in clear, with the configured algorithm. */
    public PasswordHash hash(String password) {
        return PasswordHash.create(defaultHashing, password);
    }

    /** The configured algorithm for passwords given in clear. */
    public HashingAlgorithm defaultHashing() {
        return defaultHashing;
    }

    /** Adds or replaces a user. */
    public synchronized CompletableFuture<Void> put(User user) {
        users.put(user.name(), user);
        verified.invalidate(user.name());
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
        verified.invalidate(name);
        forgetPermissions.accept(name);
        return journal.append(new TopologyRecord.UserDeleted(name)).thenApply(v -> true);
    }

    public User get(String name) {
        return users.get(name);
    }

    public Collection<User> all() {
        return users.values();
    }

    /**
     * The user when the password matches, otherwise null; a user without a password never matches,
     * and a blank password never logs anyone in, as RabbitMQ's internal backend refuses it ("blank
     * password"), whatever hash a definitions file brought. May take a fraction of a second for a
     * slow hash unless {@link #checksQuickly} said otherwise.
     */
    public User authenticate(String name, String password) {
        if (password == null || password.isEmpty()) {
            return null;
        }
        User u = users.get(name);
        PasswordHash p = u == null ? null : u.password();
        if (p == null) {
            if (defaultHashing.isSlow()) {
                // As long as a real check, so that timing does not tell which users exist.
                decoy().matches(password);
            }
            return null;
        }
        if (!p.algorithm().isSlow()) {
            return p.matches(password) ? u : null;
        }
        byte[] mac = mac(password);
        if (remembered(name, p, mac)) {
            return u;
        }
        if (!p.matches(password)) {
            return null;
        }
        verified.put(name, new Verified(p, mac));
        return u;
    }

    /** False when {@link #authenticate} would run a slow hash for these credentials. */
    public boolean checksQuickly(String name, String password) {
        if (password == null || password.isEmpty()) {
            return true;
        }
        User u = users.get(name);
        PasswordHash p = u == null ? null : u.password();
        if (p == null) {
            return !defaultHashing.isSlow();
        }
        return !p.algorithm().isSlow() || remembered(name, p, mac(password));
    }

    /** A hash of a random password, checked for unknown users when the default hash is slow. */
    private PasswordHash decoy() {
        PasswordHash d = decoy;
        if (d == null) {
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            d = PasswordHash.create(defaultHashing, java.util.HexFormat.of().formatHex(secret));
            decoy = d;
        }
        return d;
    }

    private boolean remembered(String name, PasswordHash hash, byte[] mac) {
        Verified v = verified.getIfPresent(name);
        return v != null && v.hash() == hash && MessageDigest.isEqual(v.mac(), mac);
    }

    private byte[] mac(String password) {
        try {
            Mac m = Mac.getInstance(MAC);
            m.init(macKey);
            return m.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts back a user the journal held, without journaling it again. */
    void restore(TopologyRecord.UserPut u) {
        users.put(u.name(), new User(u.name(), PasswordHash.fromDefinition(u.hashingAlgorithm(), u.passwordHash()),
                Set.copyOf(u.tags()), JsonValues.readMap(u.limitsJson())));
    }
}
