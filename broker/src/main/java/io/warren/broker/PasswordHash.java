package io.warren.broker;

import io.warren.broker.definitions.HashingAlgorithm;


import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A salted password hash in RabbitMQ's format (base64 of a 4-byte salt followed by the digest
 * of salt+password), so that definitions exported from RabbitMQ can be imported unchanged.
 *
 * @param algorithm the JCA digest name: SHA-256 (rabbit_password_hashing_sha256), SHA-512 or MD5
 */
public record PasswordHash(String algorithm, byte[] salt, byte[] digest) {
    /** RabbitMQ's hashing_algorithm for SHA-256, its default. */
    public static final String RABBIT_SHA256 = "rabbit_password_hashing_sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static PasswordHash sha256(String password) {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        return new PasswordHash("SHA-256", salt, digest("SHA-256", salt, password));
    }

    /** Parses RabbitMQ's base64 password_hash. */
    public static PasswordHash fromRabbitMq(String algorithm, String base64) {
        byte[] all = Base64.getDecoder().decode(base64);
        if (all.length <= 4) {
            throw new IllegalArgumentException("password hash too short: " + base64);
        }
        return new PasswordHash(algorithm, Arrays.copyOfRange(all, 0, 4), Arrays.copyOfRange(all, 4, all.length));
    }

    /**
     * A hash as RabbitMQ's definitions give it, or null for {@code password_hash: ""} (no
     * password login). A null {@code hashingAlgorithm} means RabbitMQ's default, SHA-256.
     */
    public static PasswordHash fromDefinition(String hashingAlgorithm, String base64) {
        return base64 == null || base64.isEmpty() ? null : fromRabbitMq(jcaName(hashingAlgorithm), base64);
    }

    /** The JCA digest for one of RabbitMQ's hashing_algorithm names (null: SHA-256, RabbitMQ's default). */
    public static String jcaName(String hashingAlgorithm) {
        if (hashingAlgorithm == null) {
            return "SHA-256";
        }
        HashingAlgorithm a = HashingAlgorithm.fromWireName(hashingAlgorithm);
        if (a == null) {
            throw new IllegalArgumentException("unknown hashing algorithm '" + hashingAlgorithm + "'");
        }
        return a.jcaName();
    }

    /** RabbitMQ's hashing_algorithm name for this hash. */
    public String hashingAlgorithm() {
        for (HashingAlgorithm a : HashingAlgorithm.values()) {
            if (a.jcaName().equals(algorithm)) {
                return a.wireName();
            }
        }
        return RABBIT_SHA256;
    }

    /** The base64 password_hash RabbitMQ's definitions hold. */
    public String toRabbitMq() {
        byte[] all = Arrays.copyOf(salt, salt.length + digest.length);
        System.arraycopy(digest, 0, all, salt.length, digest.length);
        return Base64.getEncoder().encodeToString(all);
    }

    public boolean matches(String password) {
        return MessageDigest.isEqual(digest, digest(algorithm, salt, password));
    }

    private static byte[] digest(String algorithm, byte[] salt, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(salt);
            md.update(password.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
