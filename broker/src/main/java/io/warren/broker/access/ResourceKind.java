package io.warren.broker.access;

/** What a checked name refers to, as it appears in RabbitMQ's error texts. */
public enum ResourceKind {
    EXCHANGE("exchange"), QUEUE("queue");

    private final String label;

    ResourceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
