package io.warren.bench.compare;

import io.warren.bench.report.LatencySummary;
import io.warren.bench.report.ScenarioResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ComparisonTableTest {
    private final ComparisonTable table = new ComparisonTable(BrokerSide.WARREN, BrokerSide.RABBITMQ);

    @Test
    void showsMediansAndRatiosPerScenarioAndMetric() {
        List<ScenarioResult> results = List.of(
                result("fanout10", 3, "warren", 1_000, 50_000, 2.0),
                result("p1c1-small", 1, "warren", 30_000, 30_000, 1.0),
                result("p1c1-small", 1, "rabbitmq", 20_000, 20_000, 4.0),
                result("p1c1-small", 1, "warren", 40_000, 40_000, 3.0),
                result("p1c1-small", 1, "rabbitmq", 30_000, 20_000, 4.0),
                result("fanout10", 3, "rabbitmq", 1_000, 40_000, 2.0),
                result("p1c1-small", 1, "elsewhere", 1, 1, 1.0));

        assertEquals("""
                | Scenario | Metric | Warren | RabbitMQ | Warren/RabbitMQ |
                |:---|:---|---:|---:|---:|
                | 1 p1c1-small | received msg/s | 35000 | 20000 | 1.75 |
                |  | sent msg/s | 35000 | 25000 | 1.40 |
                |  | latency p50 ms | 2.00 | 4.00 | 0.50 |
                |  | latency p95 ms | 4.00 | 8.00 | 0.50 |
                |  | latency p99 ms | 6.00 | 12.00 | 0.50 |
                | 3 fanout10 | received msg/s | 50000 | 40000 | 1.25 |
                |  | sent msg/s | 1000 | 1000 | 1.00 |
                |  | latency p50 ms | 2.00 | 2.00 | 1.00 |
                |  | latency p95 ms | 4.00 | 4.00 | 1.00 |
                |  | latency p99 ms | 6.00 | 6.00 | 1.00 |

                Medians over runs (Warren/RabbitMQ): 1 p1c1-small 2/2, 3 fanout10 1/1.
                A ratio above 1 means Warren delivered more msg/s, or took longer per message.
                """, table.render(results));
    }

    @Test
    void saysWhatTheConnectionsNegotiatedWhenThereWasTls() {
        ScenarioResult plain = result("p1c1-small", 1, "rabbitmq", 1_000, 1_000, 1.0);
        ScenarioResult tls = new ScenarioResult("p1c1-small", 1, "warren", "amqps://localhost", false, 0, 20.0,
                20_000, 20_000, 0, 1_000, 1_000, new LatencySummary(100, 1, 2, 3, 4), "TLSv1.3 TLS_AES_256_GCM_SHA384");

        assertEquals("TLS: Warren TLSv1.3 TLS_AES_256_GCM_SHA384; RabbitMQ plain AMQP.",
                table.render(List.of(tls, plain)).lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(false, table.render(List.of(plain)).contains("TLS"), "nothing about TLS without it");
    }

    @Test
    void aBrokerWithoutRunsShowsNotAvailable() {
        String rendered = table.render(List.of(result("latency-1k", 4, "rabbitmq", 1_000, 1_000, 0.2)));

        assertEquals("| 4 latency-1k | received msg/s | n/a | 1000 | n/a |",
                rendered.lines().skip(2).findFirst().orElseThrow());
        assertEquals("Medians over runs (Warren/RabbitMQ): 4 latency-1k 0/1.",
                rendered.lines().filter(l -> l.startsWith("Medians")).findFirst().orElseThrow());
    }

    @Test
    void runsWithoutLatencySamplesDoNotCountTowardsTheLatencyMedian() {
        ScenarioResult idle = new ScenarioResult("p1c1-small", 1, "warren", "b", false, 0, 1, 0, 0, 0, 0, 0,
                LatencySummary.EMPTY, "");

        String rendered = table.render(List.of(idle, result("p1c1-small", 1, "warren", 10, 10, 1.0),
                result("p1c1-small", 1, "rabbitmq", 10, 10, 2.0)));

        assertEquals("|  | latency p50 ms | 1.00 | 2.00 | 0.50 |", rendered.lines().skip(4).findFirst().orElseThrow());
    }

    @Test
    void ratioNeedsTwoFiguresAndANonZeroBaseline() {
        assertEquals("2.50", ComparisonTable.ratio(5, 2));
        assertEquals("n/a", ComparisonTable.ratio(5, 0));
        assertEquals("n/a", ComparisonTable.ratio(Double.NaN, 2));
        assertEquals("n/a", ComparisonTable.ratio(5, Double.NaN));
    }

    private static ScenarioResult result(String scenario, int number, String label, double sentPerSecond,
                                         double receivedPerSecond, double p50) {
        return new ScenarioResult(scenario, number, label, "amqp://localhost", false, 0, 20.0,
                (long) (sentPerSecond * 20), (long) (receivedPerSecond * 20), 0, sentPerSecond, receivedPerSecond,
                new LatencySummary(100, p50, 2 * p50, 3 * p50, 4 * p50), "");
    }
}
