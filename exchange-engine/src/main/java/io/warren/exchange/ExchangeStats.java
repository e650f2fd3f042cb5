package io.warren.exchange;

import java.util.concurrent.atomic.LongAdder;

/**
 * What an exchange has seen, as RabbitMQ's management reports it: {@code publish_in}, messages
 * published to it, and {@code publish_out}, deliveries it routed onward (one per target queue).
 * Any thread may record and read; every connection publishing to the exchange writes here, so
 * the counters are adders rather than one contended field.
 */
public final class ExchangeStats {
    private final LongAdder publishIn = new LongAdder();
    private final LongAdder publishOut = new LongAdder();

    /** One message published to the exchange, routed to {@code queues} queues. */
    public void recordPublish(int queues) {
        publishIn.increment();
        if (queues > 0) {
            publishOut.add(queues);
        }
    }

    public long publishIn() {
        return publishIn.sum();
    }

    public long publishOut() {
        return publishOut.sum();
    }
}
