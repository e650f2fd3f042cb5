package io.warren.bench.compare;

import io.warren.bench.management.ManagementResult;
import io.warren.bench.management.QueryResult;
import io.warren.bench.report.LatencySummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ManagementComparisonTableTest {
    private final ManagementComparisonTable table = new ManagementComparisonTable(BrokerSide.WARREN, BrokerSide.RABBITMQ);

    @Test
    void showsMedianPercentilesRatiosSizesAndMemory() {
        List<ManagementResult> results = List.of(
                run("warren", 10, 2, 200 << 20, 40 << 20),
                run("rabbitmq", 40, 4, 600 << 20, -1),
                run("warren", 30, 4, 300 << 20, 60 << 20),
                run("rabbitmq", 40, 4, 500 << 20, -1),
                run("elsewhere", 1, 1, 1, 1));

        assertEquals("""
                | Query | Warren p50 ms | RabbitMQ p50 ms | p50 Warren/RabbitMQ | Warren p95 ms | RabbitMQ p95 ms \
                | p95 Warren/RabbitMQ | Warren p99 ms | RabbitMQ p99 ms | p99 Warren/RabbitMQ | Warren KiB | RabbitMQ KiB |
                |:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                | queues-page1 | 20.00 | 40.00 | 0.50 | 40.00 | 80.00 | 0.50 | 60.00 | 120.00 | 0.50 | 2.0 | 2.0 |
                | overview | 3.00 | 4.00 | 0.75 | 6.00 | 8.00 | 0.75 | 9.00 | 12.00 | 0.75 | 1.0 | 1.0 |

                Broker RSS with the fixture: Warren 250 MiB, RabbitMQ 550 MiB (Warren/RabbitMQ 0.45).
                Broker RSS before the run: Warren 100 MiB, RabbitMQ 100 MiB (Warren/RabbitMQ 1.00).
                Warren heap in use after a full GC, with the fixture: 50 MiB.
                Medians over 2 Warren and 2 RabbitMQ run(s). A ratio below 1 means Warren answered faster.
                """, table.render(results));
    }

    @Test
    void aBrokerWithoutRunsShowsNotAvailable() {
        String rendered = table.render(List.of(run("rabbitmq", 40, 4, -1, -1)));

        assertEquals("| queues-page1 | - | 40.00 | n/a | - | 80.00 | n/a | - | 120.00 | n/a | n/a | 2.0 |",
                rendered.lines().skip(2).findFirst().orElseThrow());
        assertEquals(List.of(), rendered.lines().filter(l -> l.startsWith("Broker RSS")).toList());
    }

    @Test
    void smallRatiosKeepAThirdDecimal() {
        assertEquals("0.004", ManagementComparisonTable.ratio(8, 2000));
        assertEquals("0.10", ManagementComparisonTable.ratio(10, 100));
        assertEquals("1.50", ManagementComparisonTable.ratio(3, 2));
        assertEquals("n/a", ManagementComparisonTable.ratio(3, 0));
    }

    private static ManagementResult run(String label, double pagePercentile50, double overviewPercentile50, long rss,
                                        long heap) {
        return new ManagementResult(label, "http://localhost", 10_000, 1_000, 1, rss < 0 ? -1 : 100 << 20, rss, heap,
                List.of(query("queues-page1", pagePercentile50, 2048), query("overview", overviewPercentile50, 1024)));
    }

    private static QueryResult query(String name, double p50, long bytes) {
        return new QueryResult(name, "/api/" + name, new LatencySummary(200, p50, 2 * p50, 3 * p50, 4 * p50), bytes);
    }
}
