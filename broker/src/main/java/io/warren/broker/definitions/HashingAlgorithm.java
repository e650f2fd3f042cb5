package io.warren.broker.definitions;

/**
 * The password hashing modules a user's {@code hashing_algorithm} may name. RabbitMQ's three hash
 * base64(4-byte salt ‖ digest(salt ‖ utf8(password))); Warren's own PBKDF2 module hashes
 * base64(4-byte big-endian iteration count ‖ 16-byte salt ‖ PBKDF2-HMAC-SHA256(utf8(password), salt,
 * iterations, 32 bytes)), so that the cost travels with each hash.
 */
public enum HashingAlgorithm {
    SHA256("rabbit_password_hashing_sha256", "SHA-256", 4 + 32),
    SHA512("rabbit_password_hashing_sha512", "SHA-512", 4 + 64),
    MD5("rabbit_password_hashing_md5", "MD5", 4 + 16),
    /** Warren's slow hash, made for password guessing from a stolen hash to be costly. */
    PBKDF2_SHA256("warren_password_hashing_pbkdf2_sha256", "PBKDF2WithHmacSHA256",
            Pbkdf2.ITERATIONS_LENGTH + Pbkdf2.SALT_LENGTH + Pbkdf2.KEY_LENGTH);

    /** The length of the salt RabbitMQ puts in front of the digest (the 4 in the lengths above). */
    public static final int SALT_LENGTH = 4;

    /** The layout of a {@link #PBKDF2_SHA256} hash. */
    public static final class Pbkdf2 {
        public static final int ITERATIONS_LENGTH = 4;
        public static final int SALT_LENGTH = 16;
        public static final int KEY_LENGTH = 32;
        /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256: about 0.3 s of one core here. */
        public static final int DEFAULT_ITERATIONS = 600_000;
        /** More than this in an imported hash is refused: one login would hold a core for minutes. */
        public static final int MAX_ITERATIONS = 10_000_000;

        private Pbkdf2() {}
    }

    private final String wireName;
    private final String jcaName;
    private final int hashLength;

    HashingAlgorithm(String wireName, String jcaName, int hashLength) {
        this.wireName = wireName;
        this.jcaName = jcaName;
        this.hashLength = hashLength;
    }

    /** The name in definitions files and in {@code password_hashing_module}, e.g. {@code rabbit_password_hashing_sha256}. */
    public String wireName() {
        return wireName;
    }

    /** The JCA algorithm: a {@link java.security.MessageDigest} name, or a {@link javax.crypto.SecretKeyFactory} one. */
    public String jcaName() {
        return jcaName;
    }

    /** Bytes in a decoded hash. */
    public int hashLength() {
        return hashLength;
    }

    /** True for a hash whose check costs far more than a digest (and so belongs off the event loop). */
    public boolean isSlow() {
        return this == PBKDF2_SHA256;
    }

    /** The algorithm for a wire name, or null when none has that name. */
    public static HashingAlgorithm fromWireName(String name) {
        for (HashingAlgorithm a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** The wire names, for messages that list what is accepted. */
    public static String wireNames() {
        return String.join(", ", java.util.Arrays.stream(values()).map(HashingAlgorithm::wireName).toList());
    }
}
