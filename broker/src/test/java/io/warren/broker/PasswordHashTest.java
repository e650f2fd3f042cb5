package io.warren.broker;

import io.warren.broker.definitions.HashingAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashTest {
    @Test
    void checksHashesExportedByRabbitMq() {
        // Exported by RabbitMQ 3.10.8 for users created with `rabbitmqctl add_user <name> <password>`.
        PasswordHash s3cret = PasswordHash.fromRabbitMq(HashingAlgorithm.SHA256, "rAdgBDS5SqZvwSEiR0SBvEJ1Ru1gBz42B5+KPJ9oM3myD/EJ");
        PasswordHash guest = PasswordHash.fromRabbitMq(HashingAlgorithm.SHA256, "+Hy0KQI7eBu1uPW1qBOUzd/ujQ5HDbvlXsIslT75HB36sjcA");
        assertTrue(s3cret.matches("s3cret"));
        assertFalse(s3cret.matches("s3cret "));
        assertTrue(guest.matches("guest"));
        assertFalse(guest.matches("Guest"));
    }

    @Test
    void checksPbkdf2HashesMadeByAnotherImplementation() {
        // Python's hashlib.pbkdf2_hmac('sha256', 'pässwörd'.encode(), bytes(range(16)), 1000, 32),
        // behind the iteration count and the salt.
        PasswordHash h = PasswordHash.fromRabbitMq(HashingAlgorithm.PBKDF2_SHA256,
                "AAAD6AABAgMEBQYHCAkKCwwNDg8vVphsaPN2g/DE+EatN0LMkAheC/3yBdf0XsR+PKrc6A==");
        assertTrue(h.matches("pässwörd"));
        assertFalse(h.matches("passwörd"));
        assertFalse(h.matches(""));
    }

    @ParameterizedTest
    @EnumSource(HashingAlgorithm.class)
    void newHashesAreSaltedAndVerify(HashingAlgorithm algorithm) {
        PasswordHash a = algorithm.isSlow() ? PasswordHash.pbkdf2("pw", 1000) : PasswordHash.create(algorithm, "pw");
        PasswordHash b = algorithm.isSlow() ? PasswordHash.pbkdf2("pw", 1000) : PasswordHash.create(algorithm, "pw");
        assertTrue(a.matches("pw"));
        assertFalse(a.matches("pW"));
        assertEquals(algorithm, a.algorithm());
        assertNotEquals(a.toRabbitMq(), b.toRabbitMq(), "two hashes of one password differ by salt");
        PasswordHash back = PasswordHash.fromDefinition(a.hashingAlgorithm(), a.toRabbitMq());
        assertTrue(back.matches("pw"));
        assertEquals(algorithm.hashLength(), java.util.Base64.getDecoder().decode(a.toRabbitMq()).length);
    }

    @Test
    void theDefaultPbkdf2CostTravelsWithTheHash() {
        PasswordHash h = PasswordHash.create(HashingAlgorithm.PBKDF2_SHA256, "pw");
        byte[] bytes = java.util.Base64.getDecoder().decode(h.toRabbitMq());
        assertEquals(HashingAlgorithm.Pbkdf2.DEFAULT_ITERATIONS, java.nio.ByteBuffer.wrap(bytes).getInt());
        assertTrue(h.matches("pw"));
    }

    @Test
    void pbkdf2HashesWithAbsurdCostsOrLengthsAreRefused() {
        String zeroIterations = java.util.Base64.getEncoder().encodeToString(new byte[52]);
        assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.fromRabbitMq(HashingAlgorithm.PBKDF2_SHA256, zeroIterations));
        byte[] huge = new byte[52];
        java.nio.ByteBuffer.wrap(huge).putInt(HashingAlgorithm.Pbkdf2.MAX_ITERATIONS + 1);
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.fromRabbitMq(HashingAlgorithm.PBKDF2_SHA256,
                java.util.Base64.getEncoder().encodeToString(huge)));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.fromRabbitMq(HashingAlgorithm.PBKDF2_SHA256,
                java.util.Base64.getEncoder().encodeToString(new byte[36])));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.fromDefinition("rabbit_password_hashing_bcrypt",
                "AAAA"));
    }
}
