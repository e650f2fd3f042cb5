package io.warren.bench.management;

import io.warren.bench.cli.UsageException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Options of the management-scale run ({@code warren-bench management ...}).
 *
 * @param amqpUri     the broker's AMQP URI, credentials included; its path names the vhost
 * @param httpUri     the management API's base URI, e.g. {@code http://guest:guest@localhost:15672}
 * @param queues      queues to declare
 * @param connections idle AMQP connections to open, each with one channel
 * @param requests    timed GETs per query
 * @param warmup      untimed GETs per query before the timed ones
 * @param concurrency GETs in flight at once (1: strictly sequential)
 * @param settle      how long to wait for the broker's totals to show what was created
 * @param label       names the broker in results; null means the management URI without password
 * @param json        one JSON line on stdout instead of a text table
 * @param brokerPid   the broker's process, for RSS (and a JVM's heap after GC); 0: not reported
 * @param help        print usage and exit
 */
public record ManagementOptions(URI amqpUri, URI httpUri, int queues, int connections, int requests, int warmup,
                                int concurrency, Duration settle, String label, boolean json, long brokerPid,
                                boolean help) {
    public static final String USAGE = """
            usage: warren-bench management [options]
              --uri URI           AMQP URI, vhost in its path (default amqp://guest:guest@localhost:5672)
              --http URL          management API, credentials in it (default http://guest:guest@localhost:15672)
              --queues N          queues to declare (default 10000)
              --connections N     idle connections, one channel each (default 1000)
              --requests N        timed GETs per query (default 200)
              --warmup N          untimed GETs per query first (default 20; 0 for none)
              --concurrency N     GETs in flight at once (default 1: sequential)
              --settle D          wait at most this long for the broker's totals, e.g. 120s (default 180s)
              --broker-pid PID    report the broker's RSS, and a JVM broker's heap after GC
              --label NAME        names the broker in results (default: the management URL without password)
              --json              one JSON line on stdout instead of a table
              --help              print this and exit
            Declares the queues (every 10th with messages, every 100th also with a consumer holding
            unacknowledged ones) and opens the connections, waits until /api/overview counts them,
            then times GETs of the management API's common queries, one of each in turn, and reports
            per query the latency percentiles and the response size. Everything it created is
            removed at the end, also after a failure or Ctrl-C.
            """;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    public ManagementOptions {
        if (label == null) {
            label = displayHttp(httpUri);
        }
    }

    public static ManagementOptions parse(String... args) throws UsageException {
        String amqp = "amqp://guest:guest@localhost:5672";
        String http = "http://guest:guest@localhost:15672";
        int queues = 10_000;
        int connections = 1_000;
        int requests = 200;
        int warmup = 20;
        int concurrency = 1;
        Duration settle = Duration.ofSeconds(180);
        String label = null;
        boolean json = false;
        long pid = 0;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String inline = null;
            int eq = option.indexOf('=');
            if (option.startsWith("--") && eq > 0) {
                inline = option.substring(eq + 1);
                option = option.substring(0, eq);
            }
            if (option.equals("--json") || option.equals("--help") || option.equals("-h")) {
                if (inline != null) {
                    throw new UsageException(option + " takes no value");
                }
                json |= option.equals("--json");
                help |= !option.equals("--json");
                continue;
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
                case "--uri" -> amqp = value;
                case "--http" -> http = value;
                case "--queues" -> queues = whole(option, value, 1);
                case "--connections" -> connections = whole(option, value, 0);
                case "--requests" -> requests = whole(option, value, 1);
                case "--warmup" -> warmup = whole(option, value, 0);
                case "--concurrency" -> concurrency = whole(option, value, 1);
                case "--settle" -> settle = duration(option, value);
                case "--broker-pid" -> pid = whole(option, value, 1);
                case "--label" -> {
                    if (value.isBlank()) {
                        throw new UsageException("--label must not be blank");
                    }
                    label = value;
                }
                default -> throw new UsageException("unknown option " + option);
            }
        }
        return new ManagementOptions(uri("--uri", amqp, "amqp", "amqps"), uri("--http", http, "http", "https"),
                queues, connections, requests, warmup, concurrency, settle, label, json, pid, help);
    }

    /** The vhost the AMQP URI names: its path without the leading slash, decoded; "/" when empty. */
    public String vhost() {
        String path = amqpUri.getRawPath();
        if (path == null || path.length() <= 1) {
            return "/";
        }
        return URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
    }

    /** The management URI as it may be printed: the password removed, the user kept. */
    public String displayHttp() {
        return displayHttp(httpUri);
    }

    private static String displayHttp(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return uri.toString();
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        return uri.toString().replace("//" + userInfo + "@", "//" + user + "@");
    }

    private static int whole(String option, String text, int least) throws UsageException {
        try {
            int value = Integer.parseInt(text);
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new UsageException(option + " wants a whole number of at least " + least + ", got '" + text + "'");
    }

    private static Duration duration(String option, String text) throws UsageException {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new UsageException(option + " wants a duration such as 120s, 500ms or 3m, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static URI uri(String option, String text, String... schemes) throws UsageException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException(option + " is not a URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(schemes[0]) && !scheme.equals(schemes[1])) {
            throw new UsageException(option + " must start with " + schemes[0] + ":// or " + schemes[1] + "://, got '"
                    + text + "'");
        }
        if (uri.getHost() == null) {
            throw new UsageException(option + " has no host: '" + text + "'");
        }
        return uri;
    }
}
