package io.warren.bench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalogue of scenarios. Names and numbers are part of the tool's interface (scripts and
 * recorded results refer to them), so existing entries keep theirs; a new scenario takes the
 * next number.
 */
public final class Scenarios {
    public static final List<ScenarioSpec> ALL = List.of(
            ScenarioSpec.builder(1, "p1c1-small",
                            "1 producer -> 1 consumer, 12-byte bodies, auto-ack, unthrottled")
                    .build(),
            ScenarioSpec.builder(2, "p1c1-1k-ack",
                            "1 producer -> 1 consumer, 1 KB bodies, ack each delivery, prefetch 200, unthrottled")
                    .bodySize(1024).ackMode(AckMode.EACH).prefetch(200)
                    .build(),
            ScenarioSpec.builder(3, "fanout10",
                            "1 producer -> fanout exchange -> 10 queues, 1 consumer each, 12-byte bodies, auto-ack")
                    .routing(Routing.FANOUT).queues(10)
                    .build(),
            ScenarioSpec.builder(4, "latency-1k",
                            "1 producer at 1,000 msg/s -> 1 consumer, 12-byte bodies, auto-ack; latency is the figure")
                    .ratePerProducer(1_000)
                    .build(),
            ScenarioSpec.builder(5, "queues50",
                            "50 queues, each with 1 producer at 200 msg/s and 1 consumer, 12-byte bodies, auto-ack")
                    .queues(50).producers(50).ratePerProducer(200)
                    .build());

    private Scenarios() {}

    /**
     * Resolves a selection: {@code all}, or a comma-separated list of names and numbers, in the
     * order given, each scenario once.
     *
     * @throws IllegalArgumentException naming the unknown entry and the known ones
     */
    public static List<ScenarioSpec> select(String selection) {
        Set<ScenarioSpec> chosen = new LinkedHashSet<>();
        for (String item : selection.split(",")) {
            String key = item.strip().toLowerCase(Locale.ROOT);
            if (key.equals("all")) {
                chosen.addAll(ALL);
            } else {
                chosen.add(find(key));
            }
        }
        return new ArrayList<>(chosen);
    }

    private static ScenarioSpec find(String key) {
        for (ScenarioSpec spec : ALL) {
            if (spec.name().equals(key) || String.valueOf(spec.number()).equals(key)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + key + "'; known: all, "
                + ALL.stream().map(s -> s.number() + "|" + s.name()).collect(Collectors.joining(", ")));
    }
}
