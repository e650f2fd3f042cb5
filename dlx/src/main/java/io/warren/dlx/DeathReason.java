package io.warren.dlx;

/** Why a message was dead-lettered: the {@code reason} RabbitMQ writes into {@code x-death}. */
public enum DeathReason {
    /** basic.reject or basic.nack with requeue=false. */
    REJECTED("rejected"),
    /** Its per-message expiration or the queue's message TTL ran out. */
    EXPIRED("expired"),
    /** Dropped at a length limit (drop-head, or reject-publish-dlx). */
    MAXLEN("maxlen"),
    /**
     * Returned to the queue more often than its delivery limit allows. RabbitMQ has this only for
     * quorum queues; Warren applies it to every queue.
     */
    DELIVERY_LIMIT("delivery_limit");

    private final String wireName;

    DeathReason(String wireName) {
        this.wireName = wireName;
    }

    /** The reason as it appears in the x-death header. */
    public String wireName() {
        return wireName;
    }

    /** The value for a wire name, or null when there is none. */
    public static DeathReason fromWireName(String name) {
        for (DeathReason r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        return null;
    }
}
