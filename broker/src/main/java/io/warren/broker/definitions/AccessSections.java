package io.warren.broker.definitions;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads users, vhosts, permissions and topic permissions. */
final class AccessSections {
    private static final List<String> VHOST_METADATA_KEYS = List.of("description", "tags", "default_queue_type");

    private AccessSections() {}

    /**
     * @param fileVersion the document's {@code rabbit_version}, which decides the hashing
     *                    algorithm of users that do not name one
     */
    static UserDefinition user(Entry e, String fileVersion) {
        String name = e.string("name");
        String hash = e.string("password_hash");
        HashingAlgorithm algorithm = algorithm(e, fileVersion);
        List<String> tags = e.has("tags") ? e.tags("tags") : List.of();
        Map<String, Long> limits = e.limits("limits");
        if (hash != null && algorithm != null && !hash.isEmpty()) {
            checkHash(e, hash, algorithm);
        }
        boolean ok = name != null && hash != null && algorithm != null && tags != null
                && (limits != null || !e.has("limits"));
        return ok ? new UserDefinition(name, hash, algorithm, tags, limits) : null;
    }

    private static HashingAlgorithm algorithm(Entry e, String fileVersion) {
        if (!e.has("hashing_algorithm")) {
            // rabbit_auth_backend_internal: files from before 3.6 name no algorithm and hash with MD5.
            return fileVersion != null && fileVersion.matches("^(2\\.|3\\.[0-5]\\.).*")
                    ? HashingAlgorithm.MD5 : HashingAlgorithm.SHA256;
        }
        String name = e.string("hashing_algorithm");
        if (name == null) {
            return null;
        }
        HashingAlgorithm algorithm = HashingAlgorithm.fromWireName(name);
        if (algorithm == null) {
            e.problem("hashing_algorithm", "unknown hashing algorithm " + JsonValues.quote(name)
                    + "; known: " + HashingAlgorithm.wireNames());
        }
        return algorithm;
    }

    private static void checkHash(Entry e, String hash, HashingAlgorithm algorithm) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(hash);
        } catch (IllegalArgumentException notBase64) {
            e.problem("password_hash", "not base64: " + JsonValues.quote(hash));
            return;
        }
        if (bytes.length != algorithm.hashLength()) {
            e.problem("password_hash", "a " + algorithm.wireName() + " hash decodes to " + algorithm.hashLength()
                    + " bytes (" + (algorithm.isSlow() ? "iterations, salt and key" : HashingAlgorithm.SALT_LENGTH
                    + " of salt and the digest") + "), got " + bytes.length);
            return;
        }
        try {
            io.warren.broker.PasswordHash.fromRabbitMq(algorithm, hash);
        } catch (IllegalArgumentException bad) {
            e.problem("password_hash", bad.getMessage());
        }
    }

    static VirtualHostDefinition vhost(Entry e) {
        String name = e.string("name");
        Map<String, Object> metadata = e.optionalObject("metadata");
        Entry meta = metadata == null ? null : e.nested("metadata");
        String description = e.has("description") ? e.optionalString("description")
                : meta == null ? null : meta.optionalString("description");
        List<String> tags = e.has("tags") ? e.tags("tags") : meta == null ? null : meta.tags("tags");
        String queueType = e.has("default_queue_type") ? e.optionalString("default_queue_type")
                : meta == null ? null : meta.optionalString("default_queue_type");
        Map<String, Long> limits = e.limits("limits");
        Map<String, Object> otherMetadata = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        VHOST_METADATA_KEYS.forEach(otherMetadata::remove);
        return name == null ? null : new VirtualHostDefinition(name, description, tags, queueType, otherMetadata, limits);
    }

    static PermissionDefinition permission(Entry e) {
        String user = e.string("user");
        String vhost = e.string("vhost");
        String configure = e.regex("configure");
        String write = e.regex("write");
        String read = e.regex("read");
        return allPresent(user, vhost, configure, write, read)
                ? new PermissionDefinition(user, vhost, configure, write, read) : null;
    }

    static TopicPermissionDefinition topicPermission(Entry e) {
        String user = e.string("user");
        String vhost = e.string("vhost");
        String exchange = e.string("exchange");
        String write = e.regex("write");
        String read = e.regex("read");
        return allPresent(user, vhost, exchange, write, read)
                ? new TopicPermissionDefinition(user, vhost, exchange, write, read) : null;
    }

    static boolean allPresent(Object... values) {
        for (Object v : values) {
            if (v == null) {
                return false;
            }
        }
        return true;
    }

    static <T> List<T> nonNull(List<T> list) {
        List<T> out = new ArrayList<>(list.size());
        list.forEach(t -> {
            if (t != null) {
                out.add(t);
            }
        });
        return out;
    }
}
