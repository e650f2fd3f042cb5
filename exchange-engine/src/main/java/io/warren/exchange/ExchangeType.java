package io.warren.exchange;

/** The exchange types RabbitMQ ships, by the names clients send in {@code exchange.declare}. */
public enum ExchangeType {
    DIRECT("direct"),
    FANOUT("fanout"),
    TOPIC("topic"),
    HEADERS("headers");

    private final String wireName;

    ExchangeType(String wireName) {
        this.wireName = wireName;
    }

    /** The name as it travels on the wire and appears in the management API: {@code "direct"}, ... */
    public String wireName() {
        return wireName;
    }

    /**
     * The type a client named, or null when there is no such type; the broker turns null into
     * RabbitMQ 3.13's {@code 406 PRECONDITION_FAILED - unknown exchange type '...'} (a channel
     * error since 3.13.3; older releases closed the connection with 503). Names are
     * case-sensitive, as in RabbitMQ.
     */
    public static ExchangeType fromWireName(String name) {
        for (ExchangeType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
