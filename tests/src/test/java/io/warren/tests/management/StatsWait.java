package io.warren.tests.management;

import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits for statistics the management API reports late. RabbitMQ emits connection, channel and
 * queue statistics every 5 s, which is as long as {@code Eventually} waits, so this waits up to
 * 30 s (a loaded machine emits late) and polls gently (each poll is an HTTP call).
 */
public final class StatsWait {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 200;

    private StatsWait() {
    }

    /** Polls {@code probe} until it returns a non-null value, and returns that value. */
    public static <T> T until(String description, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                return fail("not reported within " + TIMEOUT + ": " + description);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
