package io.warren.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionValuesTest {

    @ParameterizedTest
    @CsvSource({"20s, 20000", "500ms, 500", "2m, 120000", "1h, 3600000", "15, 15000", "0, 0"})
    void parsesDurations(String text, long millis) throws UsageException {
        assertEquals(Duration.ofMillis(millis), OptionValues.duration("--duration", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "-5s", "1.5s", "10 s", "3d", "PT20S", "99999999999999999999s"})
    void rejectsMalformedDurations(String text) {
        UsageException e = assertThrows(UsageException.class, () -> OptionValues.duration("--warmup", text));
        assertTrue(e.getMessage().startsWith("--warmup"), e.getMessage());
    }

    @Test
    void wholeNumbersKeepToTheirBounds() throws UsageException {
        assertEquals(0, OptionValues.atLeast("--n", "0", 0));
        assertEquals(10_000, OptionValues.between("--n", "10000", 1, 10_000));
        assertEquals("--n wants a whole number of at least 1, got '0'",
                assertThrows(UsageException.class, () -> OptionValues.atLeast("--n", "0", 1)).getMessage());
        assertEquals("--n wants a whole number from 1 to 10000, got '10001'",
                assertThrows(UsageException.class, () -> OptionValues.between("--n", "10001", 1, 10_000)).getMessage());
        assertEquals("--n wants a whole number of at least 1, got '1.5'",
                assertThrows(UsageException.class, () -> OptionValues.atLeast("--n", "1.5", 1)).getMessage());
    }

    @Test
    void urisNeedOneOfTheTwoSchemesAndAHost() throws UsageException {
        assertEquals(URI.create("HTTPS://h:1"), OptionValues.uri("--http", "HTTPS://h:1", "http", "https"));
        assertEquals("--http must start with http:// or https://, got 'amqp://h'",
                assertThrows(UsageException.class, () -> OptionValues.uri("--http", "amqp://h", "http", "https"))
                        .getMessage());
        assertEquals("--uri has no host: 'amqp:///x'",
                assertThrows(UsageException.class, () -> OptionValues.uri("--uri", "amqp:///x", "amqp", "amqps"))
                        .getMessage());
    }

    @Test
    void withoutPasswordKeepsTheUser() {
        assertEquals("amqp://admin@10.0.0.5:5672/%2Fprod",
                OptionValues.withoutPassword(URI.create("amqp://admin:s3cret@10.0.0.5:5672/%2Fprod")));
        assertEquals("http://admin@h", OptionValues.withoutPassword(URI.create("http://admin@h")));
        assertEquals("amqp://localhost", OptionValues.withoutPassword(URI.create("amqp://localhost")));
    }
}
