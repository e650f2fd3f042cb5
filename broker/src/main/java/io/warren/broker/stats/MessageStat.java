package io.warren.broker.stats;

/**
 * The message counters a channel keeps, under the names of RabbitMQ's management
 * {@code message_stats}; the last two have no such name and feed rabbitmq_prometheus's global
 * counters only. {@code deliver_get} is not kept: it is the sum of the four delivery counters.
 */
public enum MessageStat {
    PUBLISH("publish"),
    CONFIRM("confirm"),
    RETURN_UNROUTABLE("return_unroutable"),
    DROP_UNROUTABLE("drop_unroutable"),
    DELIVER("deliver"),
    DELIVER_NO_ACK("deliver_no_ack"),
    GET("get"),
    GET_NO_ACK("get_no_ack"),
    GET_EMPTY("get_empty"),
    ACK("ack"),
    REDELIVER("redeliver"),
    /** Messages published on a channel in confirm mode. */
    RECEIVED_CONFIRM(null),
    /** Deliveries to queues of published messages: one per target queue, as RabbitMQ counts them. */
    ROUTED(null);

    /** The channel-level stats the management API shows, in RabbitMQ's order. */
    public static final MessageStat[] MANAGEMENT = {
        PUBLISH, CONFIRM, RETURN_UNROUTABLE, DROP_UNROUTABLE, DELIVER, DELIVER_NO_ACK, GET, GET_NO_ACK, GET_EMPTY,
        ACK, REDELIVER};

    private static final MessageStat[] ALL = values();

    private final String field;

    MessageStat(String field) {
        this.field = field;
    }

    /** The message_stats field name, or null for the global-only counters. */
    public String field() {
        return field;
    }

    static int count() {
        return ALL.length;
    }

    static MessageStat byOrdinal(int ordinal) {
        return ALL[ordinal];
    }
}
