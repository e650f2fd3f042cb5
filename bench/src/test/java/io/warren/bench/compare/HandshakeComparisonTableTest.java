package io.warren.bench.compare;

import io.warren.bench.handshake.HandshakeResult;
import io.warren.bench.report.LatencySummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HandshakeComparisonTableTest {
    private final HandshakeComparisonTable table = new HandshakeComparisonTable(BrokerSide.WARREN, BrokerSide.RABBITMQ);

    @Test
    void showsMediansRatiosAndWhatTheConnectionsWere() {
        List<HandshakeResult> results = List.of(
                result("warren", 900, 4.0, 0),
                result("rabbitmq", 300, 12.0, 0),
                result("warren", 1_100, 2.0, 0),
                result("rabbitmq", 500, 8.0, 1),
                result("somewhere", 1, 1.0, 0));

        assertEquals("""
                | Metric | Warren | RabbitMQ | Warren/RabbitMQ |
                |:---|---:|---:|---:|
                | handshakes/s (open + close) | 1000 | 400 | 2.50 |
                | open p50 ms | 3.00 | 10.00 | 0.30 |
                | open p99 ms | 9.00 | 30.00 | 0.30 |
                | close p50 ms | 0.30 | 1.00 | 0.30 |
                | close p99 ms | 0.60 | 2.00 | 0.30 |
                | failed attempts | 0 | 1 |  |

                Medians over runs (Warren/RabbitMQ): 2/2.
                Connections: Warren TLSv1.3 TLS_AES_256_GCM_SHA384 (full handshakes), 8 clients; \
                RabbitMQ TLSv1.3 TLS_AES_256_GCM_SHA384 (full handshakes), 8 clients.
                """, table.render(results));
    }

    @Test
    void plainRunsAndMissingSidesAreSaidSo() {
        HandshakeResult plain = new HandshakeResult("warren", "amqp://localhost", "", false, 2, 20, 2_000, 0, 100,
                LatencySummary.EMPTY, LatencySummary.EMPTY, "");

        String rendered = table.render(List.of(plain));

        assertEquals("| handshakes/s (open + close) | 100 | n/a | n/a |", rendered.lines().skip(2).findFirst().orElseThrow());
        assertEquals("Connections: Warren plain AMQP, 2 clients; RabbitMQ n/a.",
                rendered.lines().reduce((a, b) -> b).orElseThrow());
    }

    private static HandshakeResult result(String label, double perSecond, double openP50, long failed) {
        return new HandshakeResult(label, "amqps://localhost", "TLSv1.3 TLS_AES_256_GCM_SHA384", false, 8, 20.0,
                (long) (perSecond * 20), failed, perSecond,
                new LatencySummary(100, openP50, 2 * openP50, 3 * openP50, 4 * openP50),
                new LatencySummary(100, openP50 / 10, openP50 / 7, openP50 / 5, openP50 / 2), "");
    }
}
