package io.warren.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A salted password hash in RabbitMQ's format (base64 of a 4-byte salt followed by the digest
 * of salt+password), so that definitions exported from RabbitMQ can be imported unchanged.
 *
 * @param algorithm the JCA digest name: SHA-256 (rabbit_password_hashing_sha256), SHA-512 or MD5
 */
public record PasswordHash(String algorithm, byte[] salt, byte[] digest) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static PasswordHash sha256(String password) {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        return new PasswordHash("SHA-256", salt, digest("SHA-256", salt, password));
    }

    /** Parses RabbitMQ's base64 password_hash. */
    public static PasswordHash fromRabbitMq(String algorithm, String base64) {
        byte[] all = Base64.getDecoder().decode(base64);
        byte[] salt = java.util.Arrays.copyOfRange(all, 0, 4);
        byte[] digest = java.util.Arrays.copyOfRange(all, 4, all.length);
        return new PasswordHash(algorithm, salt, digest);
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
