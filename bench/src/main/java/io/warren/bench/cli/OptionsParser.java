package io.warren.bench.cli;

import io.warren.bench.scenario.ScenarioSpec;
import io.warren.bench.scenario.Scenarios;
import io.warren.bench.tls.TlsOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the command line into {@link BenchOptions}. Stateless. */
public final class OptionsParser {
    public static final String DEFAULT_URI = "amqp://guest:guest@localhost:5672";
    public static final String USAGE = """
            usage: java -jar warren-bench.jar [options]
              --uri URI             broker to load, amqp:// or amqps:// (default %s)
            """.formatted(DEFAULT_URI) + TlsOptions.USAGE + """
              --scenario LIST       all, or names/numbers separated by commas (default all)
              --duration D          measurement window, e.g. 20s, 500ms, 2m (default 20s)
              --warmup D            load before measuring, not counted (default 5s; 0 for none)
              --persistent          delivery-mode 2 and durable queues
              --confirm N           publisher confirms, at most N unconfirmed per producer
              --json                one JSON object per scenario on stdout instead of a table
              --label NAME          names the broker in results (default: the URI without password)
              --list                print the selected scenarios and exit
              --help                print this and exit
            """;

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private OptionsParser() {}

    public static BenchOptions parse(String... args) throws UsageException {
        String uri = DEFAULT_URI;
        String scenarios = "all";
        Duration warmup = Duration.ofSeconds(5);
        Duration duration = Duration.ofSeconds(20);
        boolean json = false;
        boolean persistent = false;
        int confirm = 0;
        String label = null;
        TlsOptions tls = TlsOptions.DEFAULT;
        boolean list = false;
        boolean help = false;
        Arguments in = new Arguments(args);
        while (in.hasNext()) {
            String option = in.nextOption();
            switch (option) {
                case "--uri" -> uri = in.value();
                case "--scenario" -> scenarios = in.value();
                case "--duration" -> duration = parseDuration(option, in.value());
                case "--warmup" -> warmup = parseDuration(option, in.value());
                case "--json" -> json = in.flag();
                case "--persistent" -> persistent = in.flag();
                case "--confirm" -> confirm = parsePositiveInt(option, in.value());
                case "--label" -> label = parseLabel(in.value());
                case "--list" -> list = in.flag();
                case "--help", "-h" -> help = in.flag();
                default -> {
                    if (!TlsOptions.isOption(option)) {
                        throw new UsageException("unknown option " + option);
                    }
                    tls = tls.accept(option, in.value());
                }
            }
        }
        if (duration.isZero()) {
            throw new UsageException("--duration must be longer than 0");
        }
        URI parsedUri = parseUri(uri);
        tls.checkScheme(parsedUri);
        return new BenchOptions(parsedUri, tls, select(scenarios), persistent, confirm, warmup, duration, json,
                label, list, help);
    }

    /** Reads {@code 20s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    static Duration parseDuration(String option, String text) throws UsageException {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new UsageException(option + " wants a duration such as 20s, 500ms or 2m, got '" + text + "'");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " is too large: '" + text + "'");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static int parsePositiveInt(String option, String text) throws UsageException {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new UsageException(option + " wants a whole number of at least 1, got '" + text + "'");
    }

    private static String parseLabel(String text) throws UsageException {
        if (text.isBlank()) {
            throw new UsageException("--label must not be blank");
        }
        return text;
    }

    private static URI parseUri(String text) throws UsageException {
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

    private static List<ScenarioSpec> select(String selection) throws UsageException {
        try {
            return Scenarios.select(selection);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The argument cursor; understands both {@code --name value} and {@code --name=value}. */
    private static final class Arguments {
        private final String[] args;
        private int next;
        private String inlineValue;
        private String option;

        Arguments(String[] args) {
            this.args = args;
        }

        boolean hasNext() {
            return next < args.length;
        }

        String nextOption() {
            String arg = args[next++];
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                option = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            } else {
                option = arg;
                inlineValue = null;
            }
            return option;
        }

        String value() throws UsageException {
            if (inlineValue != null) {
                return inlineValue;
            }
            if (!hasNext()) {
                throw new UsageException(option + " needs a value");
            }
            return args[next++];
        }

        boolean flag() throws UsageException {
            if (inlineValue != null) {
                throw new UsageException(option + " takes no value");
            }
            return true;
        }
    }
}
