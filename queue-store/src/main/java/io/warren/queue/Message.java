package io.warren.queue;

/**
 * A published message as the broker accepted it: immutable, and shared by every queue it was
 * routed to, so fan-out costs one reference per queue and never a copy. The content header's
 * property bytes are kept exactly as the publisher sent them so that a delivery writes them back
 * byte for byte without re-encoding; the few properties queues act on (priority, expiration) are
 * read once by the broker and carried beside them.
 */
public final class Message {
    /** {@link #expiration()} of a message without one. */
    public static final long NO_EXPIRATION = -1;
    /**
     * Heap bytes a queued message costs besides its body and properties: this object, the queue
     * entry and its position, array headers, the strings of the routing key and a deque slot, as a
     * class histogram of 2,000 queues holding 144,000 messages of 150 bytes showed (about 280).
     */
    public static final int MEMORY_OVERHEAD = 288;

    private final String exchange;
    private final String routingKey;
    private final byte[] properties;
    private final byte[] body;
    private final boolean persistent;
    private final int priority;
    private final long expiration;
    private final long arrivedAt;
    private final boolean publisherDeaths;

    /** A message without priority or expiration that arrived now. */
    public Message(String exchange, String routingKey, byte[] properties, byte[] body, boolean persistent) {
        this(exchange, routingKey, properties, body, persistent, 0, NO_EXPIRATION, System.currentTimeMillis());
    }

    /**
     * @param priority   the priority property, 0–255 (0 when absent)
     * @param expiration the expiration property in milliseconds, or {@link #NO_EXPIRATION}
     * @param arrivedAt  when the broker accepted it, in epoch milliseconds: the start of its TTLs
     */
    public Message(String exchange, String routingKey, byte[] properties, byte[] body, boolean persistent,
                   int priority, long expiration, long arrivedAt) {
        this(exchange, routingKey, properties, body, persistent, priority, expiration, arrivedAt, false);
    }

    /**
     * @param publisherDeaths whether an {@code x-death} header in {@code properties} came from the
     *                        publisher rather than from the broker's dead-lettering (see {@link #publisherDeaths()})
     */
    public Message(String exchange, String routingKey, byte[] properties, byte[] body, boolean persistent,
                   int priority, long expiration, long arrivedAt, boolean publisherDeaths) {
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.properties = properties;
        this.body = body;
        this.persistent = persistent;
        this.priority = priority;
        this.expiration = expiration;
        this.arrivedAt = arrivedAt;
        this.publisherDeaths = publisherDeaths;
    }

    public String exchange() { return exchange; }

    public String routingKey() { return routingKey; }

    /** The content header's property flags and property list, as received. */
    public byte[] properties() { return properties; }

    public byte[] body() { return body; }

    /** delivery-mode 2. */
    public boolean persistent() { return persistent; }

    public int bodySize() { return body.length; }

    /** What holding this message in memory costs, as the memory budget counts it. */
    public long memorySize() { return (long) body.length + properties.length + MEMORY_OVERHEAD; }

    /** The priority property, 0 when the message has none. */
    public int priority() { return priority; }

    /** The per-message TTL in milliseconds, or {@link #NO_EXPIRATION}. */
    public long expiration() { return expiration; }

    /** When the broker accepted the message, in epoch milliseconds. */
    public long arrivedAt() { return arrivedAt; }

    /**
     * True when the properties carry an {@code x-death} header that a client published, which is
     * no death history: dead-lettering replaces it with the broker's own, as RabbitMQ 4 (and
     * 3.13.0-3.13.2) ignores a client's x-death. False for messages the broker stamped when it
     * dead-lettered them, whose history later deaths extend.
     */
    public boolean publisherDeaths() { return publisherDeaths; }
}
