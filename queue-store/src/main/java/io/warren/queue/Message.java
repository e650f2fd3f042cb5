package io.warren.queue;

/**
 * A published message as the broker accepted it: immutable, and shared by every queue it was
 * routed to, so fan-out costs one reference per queue and never a copy. The content header's
 * property bytes are kept exactly as the publisher sent them so that a delivery writes them back
 * byte for byte without re-encoding.
 */
public final class Message {
    private final String exchange;
    private final String routingKey;
    private final byte[] properties;
    private final byte[] body;
    private final boolean persistent;

    public Message(String exchange, String routingKey, byte[] properties, byte[] body, boolean persistent) {
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.properties = properties;
        this.body = body;
        this.persistent = persistent;
    }

    public String exchange() { return exchange; }

    public String routingKey() { return routingKey; }

    /** The content header's property flags and property list, as received. */
    public byte[] properties() { return properties; }

    public byte[] body() { return body; }

    /** delivery-mode 2. */
    public boolean persistent() { return persistent; }

    public int bodySize() { return body.length; }
}
