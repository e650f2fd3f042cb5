package io.warren.tests.basic;

import java.util.UUID;

/**
 * Queue and exchange names that no other test, run or person sharing the broker uses. The tests
 * run against a RabbitMQ that others use too, so a fixed name could meet someone else's queue.
 */
final class UniqueNames {
    private UniqueNames() {
    }

    /** A name such as {@code warren.basic.get-empty.3f2a9c1e}; {@code purpose} keeps it readable in the management UI. */
    static String of(String purpose) {
        return "warren.basic." + purpose + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
