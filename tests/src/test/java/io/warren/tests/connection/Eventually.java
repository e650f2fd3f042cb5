package io.warren.tests.connection;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Polls for a condition the broker reaches asynchronously, such as a queue being deleted after the
 * reply that triggered the deletion was already sent.
 */
public final class Eventually {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Eventually() {
    }

    public static void assertEventually(String description, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not true within " + TIMEOUT + ": " + description);
            }
            Thread.sleep(10);
        }
    }
}
