package io.warren.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aBadCommandLineExitsWithTwoAndTheUsage() throws InterruptedException {
        int status = run("--scenario", "nope");

        assertEquals(BenchMain.USAGE, status);
        assertEquals("", text(out));
        assertTrue(text(err).startsWith("unknown scenario 'nope'"), text(err));
        assertTrue(text(err).contains("usage: java -jar warren-bench.jar"), text(err));
    }

    @Test
    void eachCommandPrintsItsOwnUsageForABadCommandLine() throws InterruptedException {
        assertUsage("usage: warren-bench handshakes", "handshakes", "--clients", "0");
        assertUsage("usage: warren-bench management", "management", "--queues", "0");
        assertUsage("usage: warren-bench backlog", "backlog", "--messages", "0");
        assertUsage("usage: java -jar warren-bench.jar", "--confirm", "0");
    }

    @Test
    void helpOfACommandGoesToStdout() throws InterruptedException {
        assertEquals(BenchMain.OK, run("handshakes", "--help"));
        assertTrue(text(out).startsWith("usage: warren-bench handshakes"), text(out));
    }

    private void assertUsage(String usage, String... args) throws InterruptedException {
        out.reset();
        err.reset();
        assertEquals(BenchMain.USAGE, run(args));
        assertEquals("", text(out));
        assertTrue(text(err).contains(usage), text(err));
    }

    @Test
    void listPrintsTheSelectionOneScenarioPerLine() throws InterruptedException {
        int status = run("--list", "--scenario", "5,1");

        assertEquals(BenchMain.OK, status);
        assertEquals("""
                5\tqueues50\t50 queues, each with 1 producer at 200 msg/s and 1 consumer, 12-byte bodies, auto-ack
                1\tp1c1-small\t1 producer -> 1 consumer, 12-byte bodies, auto-ack, unthrottled
                """, text(out));
    }

    @Test
    void helpGoesToStdout() throws InterruptedException {
        assertEquals(BenchMain.OK, run("--help"));
        assertTrue(text(out).contains("--confirm N"), text(out));
    }

    @Test
    void anUnreachableBrokerFailsTheScenarioNotTheTool() throws InterruptedException {
        // Port 1 on localhost refuses connections at once.
        int status = run("--uri", "amqp://guest:guest@127.0.0.1:1", "--scenario", "1", "--duration", "1s",
                "--warmup", "0", "--json");

        assertEquals(BenchMain.SCENARIO_FAILED, status);
        assertEquals("", text(out));
        assertTrue(text(err).startsWith("p1c1-small failed: cannot set up p1c1-small on amqp://guest@127.0.0.1:1"),
                text(err));
    }

    private int run(String... args) throws InterruptedException {
        return BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
