package io.warren.bench.cli;

import io.warren.bench.scenario.ScenarioSpec;
import io.warren.bench.scenario.Scenarios;
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

class OptionsParserTest {

    @Test
    void defaultsRunEveryScenarioAgainstLocalRabbitMq() throws UsageException {
        BenchOptions options = OptionsParser.parse();

        assertEquals(URI.create("amqp://guest:guest@localhost:5672"), options.uri());
        assertEquals(Scenarios.ALL, options.scenarios());
        assertEquals(Duration.ofSeconds(20), options.duration());
        assertEquals(Duration.ofSeconds(5), options.warmup());
        assertFalse(options.json());
        assertFalse(options.persistent());
        assertEquals(0, options.confirmWindow());
        assertEquals("amqp://guest@localhost:5672", options.label());
    }

    @Test
    void readsEveryOption() throws UsageException {
        BenchOptions options = OptionsParser.parse("--uri", "amqp://u:p@broker:5673/vh", "--scenario", "fanout10",
                "--duration", "7s", "--warmup", "500ms", "--json", "--persistent", "--confirm", "64",
                "--label", "warren");

        assertEquals(URI.create("amqp://u:p@broker:5673/vh"), options.uri());
        assertEquals(List.of("fanout10"), options.scenarios().stream().map(ScenarioSpec::name).toList());
        assertEquals(Duration.ofSeconds(7), options.duration());
        assertEquals(Duration.ofMillis(500), options.warmup());
        assertTrue(options.json());
        assertTrue(options.persistent());
        assertEquals(64, options.confirmWindow());
        assertEquals("warren", options.label());
    }

    @Test
    void readsTheTlsOptionsForAnAmqpsUri(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "");

        BenchOptions options = OptionsParser.parse("--uri", "amqps://u:p@broker:5671", "--ca", ca.toString(),
                "--tls-version=1.2");

        assertEquals(new TlsOptions(ca, TlsOptions.TlsVersion.TLS12, List.of(), false), options.tls());
        assertEquals(TlsOptions.DEFAULT, OptionsParser.parse("--uri", "amqps://broker").tls());
        assertEquals(TlsOptions.TlsVersion.TLS13,
                OptionsParser.parse("--uri", "amqps://broker", "--tls-version", "TLSv1.3").tls().version());
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), OptionsParser.parse(
                "--uri", "amqps://broker", "--tls-ciphers", "TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
                .tls().ciphers());
    }

    @Test
    void acceptsNameEqualsValue() throws UsageException {
        BenchOptions options = OptionsParser.parse("--scenario=2", "--duration=1m", "--confirm=5");

        assertEquals("p1c1-1k-ack", options.scenarios().get(0).name());
        assertEquals(Duration.ofMinutes(1), options.duration());
        assertEquals(5, options.confirmWindow());
    }

    @Test
    void persistentAndConfirmApplyToEveryScenarioRun() throws UsageException {
        BenchOptions options = OptionsParser.parse("--scenario", "1,3", "--persistent", "--confirm", "10");

        List<ScenarioSpec> run = options.scenariosToRun();

        assertEquals(2, run.size());
        assertTrue(run.stream().allMatch(ScenarioSpec::persistent));
        assertTrue(run.stream().allMatch(s -> s.confirmWindow() == 10));
        assertFalse(options.scenarios().get(0).persistent(), "the catalogue entry itself is untouched");
    }

    @Test
    void withoutTheFlagsScenariosRunAsDefined() throws UsageException {
        BenchOptions options = OptionsParser.parse("--scenario", "all");

        assertEquals(Scenarios.ALL, options.scenariosToRun());
    }

    @Test
    void labelDefaultsToTheUriWithoutItsPassword() throws UsageException {
        BenchOptions options = OptionsParser.parse("--uri", "amqp://admin:s3cret@10.0.0.5:5672/%2Fprod");

        assertEquals("amqp://admin@10.0.0.5:5672/%2Fprod", options.label());
        assertEquals("amqp://admin@10.0.0.5:5672/%2Fprod", options.displayUri());
        assertFalse(options.displayUri().contains("s3cret"));
    }

    @Test
    void displayUriKeepsAUriWithoutCredentials() throws UsageException {
        assertEquals("amqp://localhost", OptionsParser.parse("--uri", "amqp://localhost").displayUri());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--scenario nope              | unknown scenario 'nope'; known: all, 1|p1c1-small",
            "--scenario 9                 | unknown scenario '9'",
            "--confirm 0                  | --confirm wants a whole number of at least 1, got '0'",
            "--confirm many               | --confirm wants a whole number of at least 1, got 'many'",
            "--tls-resume                 | unknown option --tls-resume",
    })
    void rejectsBadCommandLines(String commandLine, String expectedMessageStart) {
        String[] args = commandLine.strip().split(" +");
        UsageException e = assertThrows(UsageException.class, () -> OptionsParser.parse(args));
        assertTrue(e.getMessage().startsWith(expectedMessageStart.strip()), e.getMessage());
    }
}
