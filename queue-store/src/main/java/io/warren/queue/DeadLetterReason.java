package io.warren.queue;

/** Why a message left a queue as a dead letter; the wire names are RabbitMQ's x-death reasons. */
public enum DeadLetterReason {
    /** basic.reject or basic.nack with requeue=false. */
    REJECTED("rejected"),
    /** Its message TTL or per-message expiration ran out. */
    EXPIRED("expired"),
    /** Dropped by a length limit (drop-head), or refused by reject-publish-dlx. */
    MAXLEN("maxlen"),
    /** Returned more times than the queue's delivery limit allows. */
    DELIVERY_LIMIT("delivery_limit");

    private final String wireName;

    DeadLetterReason(String wireName) {
        this.wireName = wireName;
    }

    /** The reason as it appears in the x-death header. */
    public String wireName() {
        return wireName;
    }

    /** The value for a wire name, or null when there is none. */
    public static DeadLetterReason fromWireName(String name) {
        for (DeadLetterReason r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        return null;
    }
}
