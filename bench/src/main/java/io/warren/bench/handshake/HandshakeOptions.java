package io.warren.bench.handshake;

import io.warren.bench.cli.Arguments;
import io.warren.bench.cli.BrokerRunOptions;
import io.warren.bench.cli.OptionValues;
import io.warren.bench.cli.UsageException;
import io.warren.bench.tls.TlsOptions;

import java.net.URI;
import java.time.Duration;

/**
 * Options of the handshake-rate run ({@code warren-bench handshakes ...}).
 *
 * @param uri      the broker's AMQP URI, credentials included; amqp:// or amqps://
 * @param tls      how to speak TLS to an amqps:// URI
 * @param clients  threads, each opening and closing one connection after the other
 * @param warmup   handshakes before measuring, not counted; may be zero
 * @param duration the measurement window
 * @param label    names the broker in results; null means the URI without password
 * @param json     one JSON line on stdout instead of a text table
 * @param help     print usage and exit
 */
public record HandshakeOptions(URI uri, TlsOptions tls, int clients, Duration warmup, Duration duration,
                               String label, boolean json, boolean help) {
    public static final String USAGE = """
            usage: warren-bench handshakes [options]
              --uri URI             broker, amqp:// or amqps:// (default %s)
            """.formatted(BrokerRunOptions.DEFAULT_URI) + TlsOptions.USAGE + """
              --tls-resume          amqps: let connections resume earlier TLS sessions (default: every
                                    handshake is a full one, as when each client connects once)
              --clients N           threads, each opening and closing connections in turn (default 8)
              --duration D          measurement window, e.g. 20s, 500ms, 2m (default 20s)
              --warmup D            handshakes before measuring, not counted (default 5s; 0 for none)
              --label NAME          names the broker in results (default: the URI without password)
              --json                one JSON line on stdout instead of a table
              --help                print this and exit
            Each client opens a connection (TCP connect, TLS handshake for amqps://, AMQP
            handshake up to connection.open-ok), closes it (connection.close, close-ok) and opens
            the next, for the duration. Reports completed open-and-close cycles per second, the
            latency of the opens and of the closes, and refused or failed attempts.
            """;

    public HandshakeOptions {
        if (label == null) {
            label = OptionValues.withoutPassword(uri);
        }
    }

    public static HandshakeOptions parse(String... args) throws UsageException {
        BrokerRunOptions broker = new BrokerRunOptions();
        int clients = 8;
        Arguments in = new Arguments(args);
        while (in.hasNext()) {
            String option = in.nextOption();
            switch (option) {
                case "--clients" -> clients = OptionValues.between(option, in.value(), 1, 10_000);
                case "--tls-resume" -> {
                    in.flag();
                    broker.resumeTlsSessions();
                }
                default -> broker.read(option, in);
            }
        }
        URI uri = broker.uri();
        return new HandshakeOptions(uri, broker.tls(), clients, broker.warmup(), broker.duration(), broker.label(),
                broker.json(), broker.help());
    }

    /** The URI as it may be printed: the password removed, the user kept. */
    public String displayUri() {
        return OptionValues.withoutPassword(uri);
    }
}
