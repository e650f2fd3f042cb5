package io.warren.bench.scenario;

import io.warren.bench.run.BodyStamp;

import java.util.Objects;

/**
 * One load shape: the topology to declare, who publishes how fast, and how consumers settle.
 * Immutable; build one with {@link #builder}.
 *
 * @param number             the fixed number users select it by
 * @param name               the fixed name users select it by; also part of the queue names
 * @param description        one line for {@code --list}
 * @param routing            how producers reach the queues
 * @param queues             queues declared for this run
 * @param producers          publishing threads, each on its own connection
 * @param consumersPerQueue  consumers on each queue, each on its own connection
 * @param bodySize           bytes per message body, at least {@link BodyStamp#LENGTH}
 * @param ratePerProducer    messages per second per producer, or 0 to publish as fast as allowed
 * @param ackMode            how consumers settle deliveries
 * @param prefetch           {@code basic.qos} prefetch count for manual-ack consumers, 0 for none
 * @param maxBacklogPerQueue deliveries per queue that may be published but not yet received
 *                           before producers pause; keeps unthrottled producers from piling up
 *                           an ever-growing queue, whether or not the broker applies flow control
 * @param persistent         delivery-mode 2 and durable queues and exchange
 * @param confirmWindow      publisher confirms with at most this many unconfirmed per producer, 0 for none
 */
public record ScenarioSpec(
        int number,
        String name,
        String description,
        Routing routing,
        int queues,
        int producers,
        int consumersPerQueue,
        int bodySize,
        int ratePerProducer,
        AckMode ackMode,
        int prefetch,
        int maxBacklogPerQueue,
        boolean persistent,
        int confirmWindow) {

    public ScenarioSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(ackMode, "ackMode");
        requireAtLeast(1, number, "number");
        requireAtLeast(1, queues, "queues");
        requireAtLeast(1, producers, "producers");
        requireAtLeast(1, consumersPerQueue, "consumersPerQueue");
        requireAtLeast(BodyStamp.LENGTH, bodySize, "bodySize");
        requireAtLeast(0, ratePerProducer, "ratePerProducer");
        requireAtLeast(0, prefetch, "prefetch");
        requireAtLeast(1, maxBacklogPerQueue, "maxBacklogPerQueue");
        requireAtLeast(0, confirmWindow, "confirmWindow");
        if (name.isBlank() || !name.equals(name.strip()) || name.contains(",")) {
            throw new IllegalArgumentException(
                    "scenario name must be non-blank, without surrounding spaces or commas: '" + name + "'");
        }
    }

    public static Builder builder(int number, String name, String description) {
        return new Builder(number, name, description);
    }

    /** How many deliveries one published message turns into. */
    public int copiesPerMessage() {
        return routing == Routing.FANOUT ? queues : 1;
    }

    public ScenarioSpec withPersistent(boolean value) {
        return toBuilder().persistent(value).build();
    }

    public ScenarioSpec withConfirmWindow(int value) {
        return toBuilder().confirmWindow(value).build();
    }

    private Builder toBuilder() {
        return builder(number, name, description).routing(routing).queues(queues).producers(producers)
                .consumersPerQueue(consumersPerQueue).bodySize(bodySize).ratePerProducer(ratePerProducer)
                .ackMode(ackMode).prefetch(prefetch).maxBacklogPerQueue(maxBacklogPerQueue)
                .persistent(persistent).confirmWindow(confirmWindow);
    }

    private static void requireAtLeast(int min, int value, String what) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
        }
    }

    /** Defaults: one queue, one producer, one consumer, 12-byte bodies, unthrottled, auto-ack. */
    public static final class Builder {
        private final int number;
        private final String name;
        private final String description;
        private Routing routing = Routing.DIRECT;
        private int queues = 1;
        private int producers = 1;
        private int consumersPerQueue = 1;
        private int bodySize = BodyStamp.LENGTH;
        private int ratePerProducer;
        private AckMode ackMode = AckMode.AUTO;
        private int prefetch;
        private int maxBacklogPerQueue = 2_000;
        private boolean persistent;
        private int confirmWindow;

        private Builder(int number, String name, String description) {
            this.number = number;
            this.name = name;
            this.description = description;
        }

        public Builder routing(Routing value) { routing = value; return this; }
        public Builder queues(int value) { queues = value; return this; }
        public Builder producers(int value) { producers = value; return this; }
        public Builder consumersPerQueue(int value) { consumersPerQueue = value; return this; }
        public Builder bodySize(int value) { bodySize = value; return this; }
        public Builder ratePerProducer(int value) { ratePerProducer = value; return this; }
        public Builder ackMode(AckMode value) { ackMode = value; return this; }
        public Builder prefetch(int value) { prefetch = value; return this; }
        public Builder maxBacklogPerQueue(int value) { maxBacklogPerQueue = value; return this; }
        public Builder persistent(boolean value) { persistent = value; return this; }
        public Builder confirmWindow(int value) { confirmWindow = value; return this; }

        public ScenarioSpec build() {
            return new ScenarioSpec(number, name, description, routing, queues, producers, consumersPerQueue,
                    bodySize, ratePerProducer, ackMode, prefetch, maxBacklogPerQueue, persistent, confirmWindow);
        }
    }
}
