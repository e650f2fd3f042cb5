package io.warren.bench.handshake;

import io.warren.bench.tls.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens and closes connections against a real broker. Needs one, so it runs only with
 * {@code -Dwarren.bench.uri=amqp://guest:guest@localhost:5672} (or an amqps:// URI, with
 * {@code -Dwarren.bench.ca=FILE} to check its certificate).
 */
@EnabledIfSystemProperty(named = "warren.bench.uri", matches = ".+")
@Timeout(60)
class HandshakeRunLiveTest {

    @Test
    void countsOpenAndCloseCyclesOverTheWindow() throws Exception {
        String uri = System.getProperty("warren.bench.uri");
        String ca = System.getProperty("warren.bench.ca", "");
        HandshakeOptions options = ca.isEmpty()
                ? HandshakeOptions.parse("--uri", uri, "--clients", "2", "--warmup", "500ms", "--duration", "2s")
                : HandshakeOptions.parse("--uri", uri, "--ca", ca, "--clients", "2", "--warmup", "500ms",
                        "--duration", "2s");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Connector connector = Connector.create(options.uri(), options.tls());

        HandshakeResult result = new HandshakeRun(options, connector, "", new PrintStream(log, true,
                StandardCharsets.UTF_8)).run();

        assertEquals(0, result.failed(), result.firstFailure());
        assertEquals(2.0, result.seconds(), 0.3);
        assertTrue(result.handshakes() > 2, "cycles: " + result.handshakes());
        assertEquals(result.handshakes(), result.open().samples(), "one open latency per counted cycle");
        assertEquals(result.handshakes() / result.seconds(), result.handshakesPerSecond(), 0.01);
        assertTrue(result.open().p50Ms() > 0 && result.open().p50Ms() <= result.open().p99Ms(),
                result.open().toString());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("handshakes measure"), log.toString());
    }
}
