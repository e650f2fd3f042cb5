package io.warren.broker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashTest {
    @Test
    void checksHashesExportedByRabbitMq() {
        // Exported by RabbitMQ 3.10.8 for users created with `rabbitmqctl add_user <name> <password>`.
        PasswordHash s3cret = PasswordHash.fromRabbitMq("SHA-256", "rAdgBDS5SqZvwSEiR0SBvEJ1Ru1gBz42B5+KPJ9oM3myD/EJ");
        PasswordHash guest = PasswordHash.fromRabbitMq("SHA-256", "+Hy0KQI7eBu1uPW1qBOUzd/ujQ5HDbvlXsIslT75HB36sjcA");
        assertTrue(s3cret.matches("s3cret"));
        assertFalse(s3cret.matches("s3cret "));
        assertTrue(guest.matches("guest"));
        assertFalse(guest.matches("Guest"));
    }

    @Test
    void newHashesAreSaltedAndVerify() {
        PasswordHash a = PasswordHash.sha256("pw");
        PasswordHash b = PasswordHash.sha256("pw");
        assertTrue(a.matches("pw"));
        assertFalse(a.matches("pW"));
        assertFalse(java.util.Arrays.equals(a.salt(), b.salt()) && java.util.Arrays.equals(a.digest(), b.digest()),
                "two hashes of one password differ by salt");
    }
}
