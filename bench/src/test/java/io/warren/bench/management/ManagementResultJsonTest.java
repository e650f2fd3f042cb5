package io.warren.bench.management;

import io.warren.bench.report.LatencySummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagementResultJsonTest {
    private static final ManagementResult RESULT = new ManagementResult("warren", "http://guest@localhost:15673",
            10_000, 1_000, 1, 100L << 20, 700L << 20, -1, List.of(
                    new QueryResult("queues-page1", "/api/queues?page=1&page_size=100",
                            new LatencySummary(200, 12.5, 20.25, 31.125, 40), 130_330),
                    new QueryResult("overview", "/api/overview", LatencySummary.EMPTY, 0)));

    @Test
    void aResultIsOneLineThatReadsBackTheSame() {
        String line = ManagementResultJson.write(RESULT);

        assertEquals(1, line.lines().count());
        assertTrue(line.startsWith("{\"scenario\":\"management\",\"label\":\"warren\""), line);
        assertEquals(RESULT, ManagementResultJson.read(line));
    }

    @Test
    void missingPercentilesAreNullInJson() {
        assertTrue(ManagementResultJson.write(RESULT).contains(
                "\"latencyMs\":{\"samples\":0,\"p50\":null,\"p95\":null,\"p99\":null,\"max\":null}"));
    }

    @Test
    void otherLinesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ManagementResultJson.read("not json"));
        assertThrows(IllegalArgumentException.class, () -> ManagementResultJson.read(
                "{\"scenario\":\"p1c1-small\",\"label\":\"warren\"}"));
        assertThrows(IllegalArgumentException.class, () -> ManagementResultJson.read(
                "{\"scenario\":\"management\",\"label\":\"warren\"}"));
    }
}
