package io.warren.bench.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextReportTest {

    @Test
    void rowsLineUpUnderTheHeader() {
        String header = TextReport.header();
        String row = TextReport.row(ResultJsonTest.RESULT);

        assertEquals("scenario                sent msg/s  recv msg/s    p50 ms    p95 ms    p99 ms        sent    received",
                header);
        assertEquals("3 fanout10                   10000      100000      1.50      3.25      7.13      200000     2000000",
                row);
        assertEquals(header.length(), row.length());
    }

    @Test
    void missingLatenciesPrintAsDashes() {
        ScenarioResult idle = new ScenarioResult("p1c1-small", 1, "l", "b", false, 0, 5.0, 0, 0, 0, 0.0, 0.0,
                LatencySummary.EMPTY, "");

        assertEquals("1 p1c1-small                     0           0         -         -         -           0           0",
                TextReport.row(idle));
    }

    @Test
    void formatsRatesWholeAndMillisToTheHundredth() {
        assertEquals("41235", TextReport.rate(41_234.5));
        assertEquals("0.18", TextReport.millis(0.177));
        assertEquals("-", TextReport.millis(Double.NaN));
    }
}
