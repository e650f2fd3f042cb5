package io.warren.bench.handshake;

import io.warren.bench.report.LatencySummary;
import io.warren.bench.report.ResultJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeResultJsonTest {
    static final HandshakeResult RESULT = new HandshakeResult("warren", "amqps://guest@localhost:5674",
            "TLSv1.3 TLS_AES_256_GCM_SHA384", false, 8, 20.0, 12_000, 2, 600.0,
            new LatencySummary(12_000, 5.5, 9.0, 12.25, 40.0), new LatencySummary(12_000, 0.5, 1.0, 2.0, 3.0),
            "java.net.ConnectException: Connection refused");

    @Test
    void writesOneLineWithTheDocumentedFields() {
        assertEquals("{\"kind\":\"handshakes\",\"label\":\"warren\",\"broker\":\"amqps://guest@localhost:5674\","
                + "\"tls\":\"TLSv1.3 TLS_AES_256_GCM_SHA384\",\"resumed\":false,\"clients\":8,\"seconds\":20.0,"
                + "\"handshakes\":12000,\"failed\":2,\"handshakesPerSecond\":600.0,"
                + "\"firstFailure\":\"java.net.ConnectException: Connection refused\","
                + "\"open\":{\"latencyMs\":{\"samples\":12000,\"p50\":5.5,\"p95\":9.0,\"p99\":12.25,\"max\":40.0}},"
                + "\"close\":{\"latencyMs\":{\"samples\":12000,\"p50\":0.5,\"p95\":1.0,\"p99\":2.0,\"max\":3.0}}}",
                HandshakeResultJson.write(RESULT));
    }

    @Test
    void readsBackWhatItWrote() {
        assertEquals(RESULT, HandshakeResultJson.read(HandshakeResultJson.write(RESULT)));
    }

    @Test
    void refusesAThroughputLine() {
        String throughput = ResultJson.write(new io.warren.bench.report.ScenarioResult("p1c1-small", 1, "w", "b",
                false, 0, 1, 1, 1, 0, 1, 1, LatencySummary.EMPTY, ""));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HandshakeResultJson.read(throughput));
        assertTrue(e.getMessage().startsWith("result has no 'kind'"), e.getMessage());
    }
}
