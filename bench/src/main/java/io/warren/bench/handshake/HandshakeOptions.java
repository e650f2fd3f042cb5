package io.warren.bench.handshake;

import io.warren.bench.cli.UsageException;
import io.warren.bench.tls.TlsOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
              --uri URI             broker, amqp:// or amqps:// (default amqp://guest:guest@localhost:5672)
            """ + TlsOptions.USAGE + """
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

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    public HandshakeOptions {
        if (label == null) {
            label = displayUri(uri);
        }
    }

    public static HandshakeOptions parse(String... args) throws UsageException {
        String uri = "amqp://guest:guest@localhost:5672";
        TlsOptions tls = TlsOptions.DEFAULT;
        int clients = 8;
        Duration warmup = Duration.ofSeconds(5);
        Duration duration = Duration.ofSeconds(20);
        String label = null;
        boolean json = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String inline = null;
            int eq = option.indexOf('=');
            if (option.startsWith("--") && eq > 0) {
                inline = option.substring(eq + 1);
                option = option.substring(0, eq);
            }
            switch (option) {
                case "--json", "--help", "-h", "--tls-resume" -> {
                    if (inline != null) {
                        throw new UsageException(option + " takes no value");
                    }
                    switch (option) {
                        case "--json" -> json = true;
                        case "--tls-resume" -> tls = tls.withResume(true);
                        default -> help = true;
                    }
                    continue;
                }
                case "--uri", "--clients", "--duration", "--warmup", "--label" -> { }
                default -> {
                    if (!TlsOptions.isOption(option)) {
                        throw new UsageException("unknown option " + option);
                    }
                }
            }
            String value;
            if (inline != null) {
                value = inline;
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(option + " needs a value");
            }
            switch (option) {
                case "--uri" -> uri = value;
                case "--clients" -> clients = whole(option, value);
                case "--duration" -> duration = duration(option, value);
                case "--warmup" -> warmup = duration(option, value);
                case "--label" -> {
                    if (value.isBlank()) {
                        throw new UsageException("--label must not be blank");
                    }
                    label = value;
                }
                default -> tls = tls.accept(option, value);
            }
        }
        if (duration.isZero()) {
            throw new UsageException("--duration must be longer than 0");
        }
        URI parsed = uri(uri);
        tls.checkScheme(parsed);
        return new HandshakeOptions(parsed, tls, clients, warmup, duration, label, json, help);
    }

    /** The URI as it may be printed: the password removed, the user kept. */
    public String displayUri() {
        return displayUri(uri);
    }

    private static String displayUri(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) {
            return uri.toString();
        }
        String user = userInfo.substring(0, userInfo.indexOf(':'));
        return uri.toString().replace("//" + userInfo + "@", "//" + user + "@");
    }

    private static URI uri(String text) throws UsageException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("--uri is not a URI: " + e.getMessage());
        }
        if (!"amqp".equalsIgnoreCase(uri.getScheme()) && !"amqps".equalsIgnoreCase(uri.getScheme())) {
            throw new UsageException("--uri must start with amqp:// or amqps://, got '" + text + "'");
        }
        if (uri.getHost() == null) {
            throw new UsageException("--uri has no host: '" + text + "'");
        }
        return uri;
    }

    private static int whole(String option, String text) throws UsageException {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= 10_000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new UsageException(option + " wants a whole number from 1 to 10000, got '" + text + "'");
    }

    private static Duration duration(String option, String text) throws UsageException {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new UsageException(option + " wants a duration such as 20s, 500ms or 2m, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
