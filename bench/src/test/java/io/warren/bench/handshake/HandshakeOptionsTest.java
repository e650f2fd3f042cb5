package io.warren.bench.handshake;

import io.warren.bench.cli.UsageException;
import io.warren.bench.tls.TlsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeOptionsTest {

    @Test
    void defaults() throws UsageException {
        HandshakeOptions options = HandshakeOptions.parse();

        assertEquals(URI.create("amqp://guest:guest@localhost:5672"), options.uri());
        assertEquals(TlsOptions.DEFAULT, options.tls());
        assertEquals(8, options.clients());
        assertEquals(Duration.ofSeconds(5), options.warmup());
        assertEquals(Duration.ofSeconds(20), options.duration());
        assertEquals("amqp://guest@localhost:5672", options.label());
        assertFalse(options.json());
        assertFalse(options.help());
    }

    @Test
    void readsEveryOption(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "");

        HandshakeOptions options = HandshakeOptions.parse("--uri", "amqps://u:secret@broker:5674", "--ca",
                ca.toString(), "--tls-version", "1.3", "--tls-resume", "--clients=32", "--duration", "1m",
                "--warmup", "0", "--label", "warren", "--json");

        assertEquals(URI.create("amqps://u:secret@broker:5674"), options.uri());
        assertEquals(new TlsOptions(ca, TlsOptions.TlsVersion.TLS13, List.of(), true), options.tls());
        assertEquals(32, options.clients());
        assertEquals(Duration.ofMinutes(1), options.duration());
        assertEquals(Duration.ZERO, options.warmup());
        assertEquals("warren", options.label());
        assertEquals("amqps://u@broker:5674", options.displayUri());
        assertTrue(options.json());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--bogus x                    | unknown option --bogus",
            "--clients                    | --clients needs a value",
            "--clients 0                  | --clients wants a whole number from 1 to 10000, got '0'",
            "--tls-resume                 | --ca, --tls-version, --tls-ciphers and --tls-resume need an amqps:// URI",
            "--tls-resume=yes             | --tls-resume takes no value",
    })
    void rejectsBadCommandLines(String commandLine, String expectedMessageStart) {
        String[] args = commandLine.strip().split(" +");
        UsageException e = assertThrows(UsageException.class, () -> HandshakeOptions.parse(args));
        assertTrue(e.getMessage().startsWith(expectedMessageStart.strip()), e.getMessage());
    }
}
