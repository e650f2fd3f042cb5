package io.warren.bench.scenario;

/** How consumers settle deliveries. */
public enum AckMode {
    /** {@code basic.consume} with {@code no-ack}: the broker forgets a message once it is sent. */
    AUTO,
    /** One {@code basic.ack} per delivery, {@code multiple=false}, as RabbitMQ's PerfTest does by default. */
    EACH
}
