package io.warren.bench.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultJsonTest {
    static final ScenarioResult RESULT = new ScenarioResult("fanout10", 3, "warren", "amqp://guest@localhost:5673",
            true, 100, 20.0, 200_000, 2_000_000, 4, 10_000.0, 100_000.0,
            new LatencySummary(2_000_000, 1.5, 3.25, 7.125, 42.0), "TLSv1.3 TLS_AES_256_GCM_SHA384");

    @Test
    void writesOneLineWithTheDocumentedFields() {
        String json = ResultJson.write(RESULT);

        assertEquals("{\"scenario\":\"fanout10\",\"number\":3,\"label\":\"warren\","
                + "\"broker\":\"amqp://guest@localhost:5673\",\"persistent\":true,\"confirm\":100,"
                + "\"seconds\":20.0,\"sent\":200000,\"received\":2000000,\"nacked\":4,"
                + "\"sentPerSecond\":10000.0,\"receivedPerSecond\":100000.0,"
                + "\"latencyMs\":{\"samples\":2000000,\"p50\":1.5,\"p95\":3.25,\"p99\":7.125,\"max\":42.0},"
                + "\"tls\":\"TLSv1.3 TLS_AES_256_GCM_SHA384\"}", json);
    }

    @Test
    void aLineWrittenBeforeTlsWasRecordedReadsAsPlainAmqp() {
        String old = ResultJson.write(RESULT).replace(",\"tls\":\"TLSv1.3 TLS_AES_256_GCM_SHA384\"", "");

        assertEquals("", ResultJson.read(old).tls());
    }

    @Test
    void readsBackWhatItWrote() {
        assertEquals(RESULT, ResultJson.read(ResultJson.write(RESULT)));
    }

    @Test
    void aWindowWithoutSamplesHasNullPercentiles() {
        ScenarioResult idle = new ScenarioResult("p1c1-small", 1, "rabbitmq", "amqp://localhost", false, 0,
                5.0, 0, 0, 0, 0.0, 0.0, LatencySummary.EMPTY, "");

        String json = ResultJson.write(idle);

        assertTrue(json.endsWith("\"latencyMs\":{\"samples\":0,\"p50\":null,\"p95\":null,\"p99\":null,\"max\":null},"
                + "\"tls\":\"\"}"), json);
        assertEquals(idle, ResultJson.read(json));
    }

    @Test
    void roundsRatesAndLatenciesToReadablePrecision() {
        ScenarioResult precise = new ScenarioResult("p1c1-small", 1, "w", "b", false, 0, 20.00049, 1, 1, 0,
                12_345.678_9, 12_345.612_3, new LatencySummary(1, 0.123_456, 1, 1, 1), "");

        ScenarioResult back = ResultJson.read(ResultJson.write(precise));

        assertEquals(20.0, back.seconds());
        assertEquals(12_345.7, back.sentPerSecond());
        assertEquals(12_345.6, back.receivedPerSecond());
        assertEquals(0.123, back.latency().p50Ms());
    }

    @Test
    void rejectsLinesThatAreNotResults() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ResultJson.read("{\"scenario\":\"x\"}"));
        assertTrue(missing.getMessage().startsWith("result has no 'number'"), missing.getMessage());

        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> ResultJson.read("broker amqp://localhost, warmup 5s"));
        assertTrue(notJson.getMessage().startsWith("not JSON"), notJson.getMessage());
    }
}
