package io.warren.tests.connection;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Unique names for exchanges and queues. The reference RabbitMQ is shared with other people and
 * other test runs, so no test may rely on a fixed name being free.
 */
public final class Names {
    private Names() {
    }

    /** A name such as {@code wt.topic.5f3a9c1e}: the prefix says what it is, the suffix keeps it unique. */
    public static String unique(String prefix) {
        return "wt." + prefix + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }
}
