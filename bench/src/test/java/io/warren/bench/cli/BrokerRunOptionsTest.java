package io.warren.bench.cli;

import io.warren.bench.handshake.HandshakeOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options the load run and the handshake run share are refused alike by both. */
class BrokerRunOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--bogus                      | unknown option --bogus",
            "--uri                        | --uri needs a value",
            "--uri http://localhost       | --uri must start with amqp:// or amqps://",
            "--uri amqp:///vhost           | --uri has no host",
            "--uri amqp://bad^host         | --uri is not a URI",
            "--duration 0s                | --duration must be longer than 0",
            "--warmup 5 s                 | unknown option s",
            "--json=yes                   | --json takes no value",
            "--help=yes                   | --help takes no value",
            "--label=                     | --label must not be blank",
            "--ca /no/such/file.pem       | --ca cannot read '/no/such/file.pem'",
            "--tls-version 1.1            | --tls-version is 1.2, 1.3 or any, got '1.1'",
            "--tls-version 1.2            | --ca, --tls-version, --tls-ciphers and --tls-resume need an amqps:// URI, got amqp://",
            "--tls-ciphers TLS_NOPE       | --tls-ciphers: this JDK has no cipher suite 'TLS_NOPE'",
            "--tls-ciphers ,              | --tls-ciphers wants cipher suite names separated by commas",
    })
    void bothRunsRefuseTheSameCommandLines(String commandLine, String expectedMessageStart) {
        String[] args = commandLine.strip().split(" +");
        String expected = expectedMessageStart.strip();
        String load = assertThrows(UsageException.class, () -> OptionsParser.parse(args)).getMessage();
        String handshakes = assertThrows(UsageException.class, () -> HandshakeOptions.parse(args)).getMessage();
        assertTrue(load.startsWith(expected), load);
        assertTrue(handshakes.startsWith(expected), handshakes);
    }
}
