package io.warren.broker;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** Server-generated names in RabbitMQ's shape: {@code amq.gen-...} queues, {@code amq.ctag-...} tags. */
final class Names {
    private Names() {}

    static String queueName() {
        return "amq.gen-" + random();
    }

    static String consumerTag() {
        return "amq.ctag-" + random();
    }

    private static String random() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
