package io.warren.broker.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many connections, channels and queues came and went since the broker started: RabbitMQ's
 * churn_rates and rabbitmq_prometheus's opened/closed/declared/created/deleted totals. Any thread
 * records and reads; these events are rare next to messages, and adders keep them uncontended.
 */
public final class Churn {
    /** The churn_rates fields, in RabbitMQ's order. */
    public static final String[] FIELDS = {"connection_created", "connection_closed", "channel_created",
        "channel_closed", "queue_declared", "queue_created", "queue_deleted"};

    private final LongAdder[] counts = new LongAdder[FIELDS.length];

    public Churn() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void connectionCreated() { counts[0].increment(); }

    public void connectionClosed() { counts[1].increment(); }

    public void channelCreated() { counts[2].increment(); }

    public void channelClosed() { counts[3].increment(); }

    public void queueDeclared() { counts[4].increment(); }

    public void queueCreated() { counts[5].increment(); }

    public void queueDeleted() { counts[6].increment(); }

    public long connectionsCreated() { return counts[0].sum(); }

    public long connectionsClosed() { return counts[1].sum(); }

    public long channelsCreated() { return counts[2].sum(); }

    public long channelsClosed() { return counts[3].sum(); }

    public long queuesDeclared() { return counts[4].sum(); }

    public long queuesCreated() { return counts[5].sum(); }

    public long queuesDeleted() { return counts[6].sum(); }

    /** Every field by its churn_rates name. */
    public Map<String, Long> toMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < FIELDS.length; i++) {
            m.put(FIELDS[i], counts[i].sum());
        }
        return m;
    }
}
