package io.warren.broker.definitions;

/**
 * The password hashing modules RabbitMQ names in {@code hashing_algorithm}. Each hash is
 * base64(4-byte salt ‖ digest(salt ‖ utf8(password))).
 */
public enum HashingAlgorithm {
    SHA256("rabbit_password_hashing_sha256", "SHA-256", 32),
    SHA512("rabbit_password_hashing_sha512", "SHA-512", 64),
    MD5("rabbit_password_hashing_md5", "MD5", 16);

    /** The length of the salt RabbitMQ puts in front of the digest. */
    public static final int SALT_LENGTH = 4;

    private final String wireName;
    private final String jcaName;
    private final int digestLength;

    HashingAlgorithm(String wireName, String jcaName, int digestLength) {
        this.wireName = wireName;
        this.jcaName = jcaName;
        this.digestLength = digestLength;
    }

    /** The name in definitions files, e.g. {@code rabbit_password_hashing_sha256}. */
    public String wireName() {
        return wireName;
    }

    /** The {@link java.security.MessageDigest} algorithm name, e.g. {@code SHA-256}. */
    public String jcaName() {
        return jcaName;
    }

    /** Bytes in a decoded hash: salt plus digest. */
    public int hashLength() {
        return SALT_LENGTH + digestLength;
    }

    /** The algorithm for a wire name, or null when RabbitMQ has none by that name. */
    public static HashingAlgorithm fromWireName(String name) {
        for (HashingAlgorithm a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
