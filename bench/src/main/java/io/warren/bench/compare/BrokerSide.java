package io.warren.bench.compare;

/**
 * One column of the comparison: the {@code --label} its results carry and the heading shown.
 */
public record BrokerSide(String label, String title) {
    public static final BrokerSide WARREN = new BrokerSide("warren", "Warren");
    public static final BrokerSide RABBITMQ = new BrokerSide("rabbitmq", "RabbitMQ");
}
