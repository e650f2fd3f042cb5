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

    public String wireName() {
        return wireName;
    }
}
