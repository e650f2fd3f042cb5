package io.warren.broker.access;

import io.warren.broker.definitions.HashingAlgorithm;

/**
 * How passwords are hashed and how failed password logins are slowed.
 *
 * @param passwordHashing  the algorithm for passwords given in clear (RabbitMQ's
 *                         {@code password_hashing_module}); stored hashes keep their own
 * @param failureDelayMs   the hold before the refusal of a source's first failed login; each further
 *                         failure doubles it ({@code warren.auth_failure_delay.initial})
 * @param maxFailureDelayMs the most a refusal is held ({@code warren.auth_failure_delay.max})
 * @param forgetAfterMs    a source that has not failed for this long starts afresh
 *                         ({@code warren.auth_failure_delay.forget_after})
 */
public record PasswordSettings(HashingAlgorithm passwordHashing, long failureDelayMs, long maxFailureDelayMs,
                            long forgetAfterMs) {
    public static final long DEFAULT_FAILURE_DELAY_MS = 100;
    public static final long DEFAULT_MAX_FAILURE_DELAY_MS = 5_000;
    public static final long DEFAULT_FORGET_AFTER_MS = 60_000;

    public static final PasswordSettings DEFAULTS = new PasswordSettings(HashingAlgorithm.SHA256, DEFAULT_FAILURE_DELAY_MS,
            DEFAULT_MAX_FAILURE_DELAY_MS, DEFAULT_FORGET_AFTER_MS);

    public PasswordSettings {
        if (passwordHashing == null || failureDelayMs < 0 || maxFailureDelayMs < failureDelayMs || forgetAfterMs < 1) {
            throw new IllegalArgumentException("bad login settings: " + passwordHashing + ", " + failureDelayMs + ", "
                    + maxFailureDelayMs + ", " + forgetAfterMs);
        }
    }
}
