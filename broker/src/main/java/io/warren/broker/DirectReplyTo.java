package io.warren.broker;

import io.warren.queue.Message;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RabbitMQ's direct reply-to: a channel consuming from the pseudo-queue
 * {@code amq.rabbitmq.reply-to} gets a token; its requests carry
 * {@code reply_to = amq.rabbitmq.reply-to.<token>}; a reply published to the default exchange with
 * that routing key goes straight to the channel, with no queue in between. Thread-safe.
 */
final class DirectReplyTo {
    static final String QUEUE = "amq.rabbitmq.reply-to";
    static final String PREFIX = QUEUE + ".";

    private final Map<String, Deliveries> byToken = new ConcurrentHashMap<>();

    String register(Deliveries d) {
        byte[] b = new byte[18];
        ThreadLocalRandom.current().nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        byToken.put(token, d);
        return token;
    }

    void unregister(String token) {
        byToken.remove(token);
    }

    /**
     * Whether queue.declare finds {@code name}: the pseudo-queue {@code amq.rabbitmq.reply-to}
     * always exists, and {@code amq.rabbitmq.reply-to.<token>} while the channel it addresses
     * consumes replies.
     */
    boolean exists(String name) {
        if (name.equals(QUEUE)) {
            return true;
        }
        return name.startsWith(PREFIX) && byToken.containsKey(name.substring(PREFIX.length()));
    }

    /** Delivers a reply to the channel waiting for it; false when no such channel exists now. */
    boolean deliver(String routingKey, Message msg) {
        Deliveries d = byToken.get(routingKey.substring(PREFIX.length()));
        if (d == null) {
            return false;
        }
        d.deliverReply(msg);
        return true;
    }
}
