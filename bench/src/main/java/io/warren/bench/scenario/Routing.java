package io.warren.bench.scenario;

/** How producers reach the scenario's queues. */
public enum Routing {
    /**
     * Through the default exchange, the routing key naming one queue: producer {@code i} feeds
     * queue {@code i % queues}, so each message is delivered once.
     */
    DIRECT,
    /** Through one fanout exchange bound to every queue, so each message is delivered once per queue. */
    FANOUT
}
