package io.warren.bench.management;

import io.warren.bench.cli.UsageException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagementOptionsTest {
    @Test
    void defaultsAreTheIssuesTenThousandQueuesAndThousandConnections() throws UsageException {
        ManagementOptions o = ManagementOptions.parse();

        assertEquals(10_000, o.queues());
        assertEquals(1_000, o.connections());
        assertEquals(200, o.requests());
        assertEquals(20, o.warmup());
        assertEquals(1, o.concurrency());
        assertEquals(URI.create("amqp://guest:guest@localhost:5672"), o.amqpUri());
        assertEquals(URI.create("http://guest:guest@localhost:15672"), o.httpUri());
        assertEquals("http://guest@localhost:15672", o.label());
        assertEquals("/", o.vhost());
        assertFalse(o.json());
    }

    @Test
    void everyOptionIsReadInBothSpellings() throws UsageException {
        ManagementOptions o = ManagementOptions.parse("--uri", "amqp://u:p@h:5673/v%2Fx", "--http=http://u:p@h:15673",
                "--queues", "10", "--connections=0", "--requests", "3", "--warmup", "0", "--concurrency", "4",
                "--settle", "500ms", "--broker-pid", "42", "--label", "warren", "--json");

        assertEquals(new ManagementOptions(URI.create("amqp://u:p@h:5673/v%2Fx"), URI.create("http://u:p@h:15673"),
                10, 0, 3, 0, 4, Duration.ofMillis(500), "warren", true, 42, false), o);
        assertEquals("v/x", o.vhost());
        assertEquals("http://u@h:15673", o.displayHttp());
    }

    @Test
    void helpIsAFlag() throws UsageException {
        assertTrue(ManagementOptions.parse("--help").help());
        assertTrue(ManagementOptions.parse("-h").help());
    }

    @Test
    void badCommandLinesAreRefusedWithTheOptionNamed() {
        assertRefused("--queues needs a value", "--queues");
        assertRefused("--queues wants a whole number of at least 1, got '0'", "--queues", "0");
        assertRefused("--connections wants a whole number of at least 0, got 'many'", "--connections", "many");
        assertRefused("--settle wants a duration such as 20s, 500ms or 2m, got '2d'", "--settle", "2d");
        assertRefused("--json takes no value", "--json=yes");
        assertRefused("unknown option --nope", "--nope", "1");
        assertRefused("--http must start with http:// or https://, got 'amqp://h'", "--http", "amqp://h");
        assertRefused("--uri has no host: 'amqp:///x'", "--uri", "amqp:///x");
        assertRefused("--label must not be blank", "--label", " ");
    }

    private static void assertRefused(String message, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> ManagementOptions.parse(args));
        assertEquals(message, e.getMessage());
    }
}
