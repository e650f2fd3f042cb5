package io.warren.bench.management;

import io.warren.bench.cli.Arguments;
import io.warren.bench.cli.OptionValues;
import io.warren.bench.cli.UsageException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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

    public ManagementOptions {
        if (label == null) {
            label = OptionValues.withoutPassword(httpUri);
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
        Arguments in = new Arguments(args);
        while (in.hasNext()) {
            String option = in.nextOption();
            switch (option) {
                case "--uri" -> amqp = in.value();
                case "--http" -> http = in.value();
                case "--queues" -> queues = OptionValues.atLeast(option, in.value(), 1);
                case "--connections" -> connections = OptionValues.atLeast(option, in.value(), 0);
                case "--requests" -> requests = OptionValues.atLeast(option, in.value(), 1);
                case "--warmup" -> warmup = OptionValues.atLeast(option, in.value(), 0);
                case "--concurrency" -> concurrency = OptionValues.atLeast(option, in.value(), 1);
                case "--settle" -> settle = OptionValues.duration(option, in.value());
                case "--broker-pid" -> pid = OptionValues.atLeast(option, in.value(), 1);
                case "--label" -> label = OptionValues.label(in.value());
                case "--json" -> json = in.flag();
                case "--help", "-h" -> help = in.flag();
                default -> throw new UsageException("unknown option " + option);
            }
        }
        return new ManagementOptions(OptionValues.uri("--uri", amqp, "amqp", "amqps"),
                OptionValues.uri("--http", http, "http", "https"), queues, connections, requests, warmup, concurrency,
                settle, label, json, pid, help);
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
        return OptionValues.withoutPassword(httpUri);
    }
}
