package io.warren.broker;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names of exchanges, queues and consumers: the server-generated ones in RabbitMQ's shape
 * ({@code amq.gen-...} queues, {@code amq.ctag-...} tags) and the clean-up RabbitMQ applies to
 * names clients send.
 */
final class Names {
    private Names() {}

    /**
     * The name without any CR or LF, as RabbitMQ's {@code rabbit_channel:strip_cr_lf/1} makes it
     * ({@code "e\nx\r"} is {@code ex}). RabbitMQ applies it to the exchange and queue names of
     * exchange.declare, exchange.delete, queue.declare, queue.delete and of every bind and unbind,
     * but not to basic.publish, basic.consume, basic.get or queue.purge, which use a name as sent.
     */
    static String stripCrLf(String name) {
        if (name.indexOf('\r') < 0 && name.indexOf('\n') < 0) {
            return name;
        }
        return name.replace("\r", "").replace("\n", "");
    }

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
