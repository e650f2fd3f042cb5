package io.warren.broker;

import io.warren.broker.definitions.HashingAlgorithm;
import io.warren.broker.definitions.HashingAlgorithm.Pbkdf2;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A salted password hash, held as the bytes whose base64 is the {@code password_hash} of
 * definitions (RabbitMQ's layout for its modules, see {@link HashingAlgorithm}), so that
 * definitions exported from RabbitMQ are imported unchanged. Immutable; {@link #matches} compares
 * in constant time and, for {@link HashingAlgorithm#isSlow() slow} algorithms, takes as long as
 * the hash's iteration count says.
 */
public final class PasswordHash {
    /** RabbitMQ's hashing_algorithm for SHA-256, its default. */
    public static final String RABBIT_SHA256 = HashingAlgorithm.SHA256.wireName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HashingAlgorithm algorithm;
    private final byte[] bytes;

    private PasswordHash(HashingAlgorithm algorithm, byte[] bytes) {
        // RabbitMQ takes a digest hash of any length beyond its salt (it never matches when wrong);
        // journals may hold such hashes, set through the management API.
        if (algorithm.isSlow() ? bytes.length != algorithm.hashLength() : bytes.length <= HashingAlgorithm.SALT_LENGTH) {
            throw new IllegalArgumentException("a " + algorithm.wireName() + " hash decodes to "
                    + algorithm.hashLength() + " bytes, got " + bytes.length);
        }
        if (algorithm == HashingAlgorithm.PBKDF2_SHA256) {
            int iterations = ByteBuffer.wrap(bytes).getInt();
            if (iterations < 1 || iterations > Pbkdf2.MAX_ITERATIONS) {
                throw new IllegalArgumentException("a " + algorithm.wireName() + " hash needs between 1 and "
                        + Pbkdf2.MAX_ITERATIONS + " iterations, got " + Integer.toUnsignedString(iterations));
            }
        }
        this.algorithm = algorithm;
        this.bytes = bytes;
    }

    /** RabbitMQ's default: salted SHA-256. */
    public static PasswordHash sha256(String password) {
        return create(HashingAlgorithm.SHA256, password);
    }

    /** A new hash of {@code password} with a fresh salt (and, for PBKDF2, the default iteration count). */
    public static PasswordHash create(HashingAlgorithm algorithm, String password) {
        if (algorithm == HashingAlgorithm.PBKDF2_SHA256) {
            return pbkdf2(password, Pbkdf2.DEFAULT_ITERATIONS);
        }
        byte[] salt = new byte[HashingAlgorithm.SALT_LENGTH];
        RANDOM.nextBytes(salt);
        byte[] digest = digest(algorithm, salt, password);
        return new PasswordHash(algorithm, ByteBuffer.allocate(algorithm.hashLength()).put(salt).put(digest).array());
    }

    /** A PBKDF2-HMAC-SHA256 hash with a fresh 16-byte salt and the given cost. */
    public static PasswordHash pbkdf2(String password, int iterations) {
        byte[] salt = new byte[Pbkdf2.SALT_LENGTH];
        RANDOM.nextBytes(salt);
        byte[] key = pbkdf2(password, salt, iterations);
        return new PasswordHash(HashingAlgorithm.PBKDF2_SHA256, ByteBuffer.allocate(HashingAlgorithm.PBKDF2_SHA256
                .hashLength()).putInt(iterations).put(salt).put(key).array());
    }

    /** Parses a base64 password_hash; IllegalArgumentException when it is not one of {@code algorithm}. */
    public static PasswordHash fromRabbitMq(HashingAlgorithm algorithm, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // The JDK's text ("Illegal base64 character 21") would reach HTTP callers.
            throw new IllegalArgumentException("password_hash is not base64");
        }
        return new PasswordHash(algorithm, bytes);
    }

    /**
     * A hash as definitions give it, or null for {@code password_hash: ""} (no password login). A
     * null {@code hashingAlgorithm} means RabbitMQ's default, SHA-256.
     */
    public static PasswordHash fromDefinition(String hashingAlgorithm, String base64) {
        return base64 == null || base64.isEmpty() ? null : fromRabbitMq(algorithm(hashingAlgorithm), base64);
    }

    /** The algorithm a hashing_algorithm names (null: SHA-256, RabbitMQ's default). */
    public static HashingAlgorithm algorithm(String hashingAlgorithm) {
        if (hashingAlgorithm == null) {
            return HashingAlgorithm.SHA256;
        }
        HashingAlgorithm a = HashingAlgorithm.fromWireName(hashingAlgorithm);
        if (a == null) {
            throw new IllegalArgumentException("unknown hashing algorithm '" + hashingAlgorithm + "'; known: "
                    + HashingAlgorithm.wireNames());
        }
        return a;
    }

    public HashingAlgorithm algorithm() {
        return algorithm;
    }

    /** The hashing_algorithm name of this hash, as definitions and the management API give it. */
    public String hashingAlgorithm() {
        return algorithm.wireName();
    }

    /** The base64 password_hash of definitions. */
    public String toRabbitMq() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Whether {@code password} is the one hashed; constant-time in the comparison. */
    public boolean matches(String password) {
        if (algorithm == HashingAlgorithm.PBKDF2_SHA256) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            int iterations = b.getInt();
            byte[] salt = new byte[Pbkdf2.SALT_LENGTH];
            byte[] key = new byte[Pbkdf2.KEY_LENGTH];
            b.get(salt).get(key);
            return MessageDigest.isEqual(key, pbkdf2(password, salt, iterations));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] salt = new byte[HashingAlgorithm.SALT_LENGTH];
        byte[] digest = new byte[bytes.length - salt.length];
        b.get(salt).get(digest);
        return MessageDigest.isEqual(digest, digest(algorithm, salt, password));
    }

    private static byte[] digest(HashingAlgorithm algorithm, byte[] salt, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm.jcaName());
            md.update(salt);
            md.update(password.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SunJCE's PBKDF2 takes the password's UTF-8 bytes, as the digests do. */
    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, Pbkdf2.KEY_LENGTH * 8);
        try {
            return SecretKeyFactory.getInstance(HashingAlgorithm.PBKDF2_SHA256.jcaName()).generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[" + algorithm.wireName() + "]";
    }
}
