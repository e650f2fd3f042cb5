package io.warren.bench.compare;

import java.util.List;
import java.util.function.Function;

/**
 * One column of the comparison: the {@code --label} its results carry and the heading shown.
 */
public record BrokerSide(String label, String title) {
    public static final BrokerSide WARREN = new BrokerSide("warren", "Warren");
    public static final BrokerSide RABBITMQ = new BrokerSide("rabbitmq", "RabbitMQ");

    /** This side's runs among the results: those whose label, as {@code labelOf} reads it, is this side's. */
    public <R> List<R> runsIn(List<R> results, Function<R, String> labelOf) {
        return results.stream().filter(r -> labelOf.apply(r).equals(label)).toList();
    }
}
