package io.warren.bench.cli;

import io.warren.bench.scenario.ScenarioSpec;
import io.warren.bench.scenario.Scenarios;
import io.warren.bench.tls.TlsOptions;

import java.net.URI;
import java.util.List;

/** Turns the command line into {@link BenchOptions}. Stateless. */
public final class OptionsParser {
    public static final String USAGE = """
            usage: java -jar warren-bench.jar [options]
              --uri URI             broker to load, amqp:// or amqps:// (default %s)
            """.formatted(BrokerRunOptions.DEFAULT_URI) + TlsOptions.USAGE + """
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

    private OptionsParser() {}

    public static BenchOptions parse(String... args) throws UsageException {
        BrokerRunOptions broker = new BrokerRunOptions();
        String scenarios = "all";
        boolean persistent = false;
        int confirm = 0;
        boolean list = false;
        Arguments in = new Arguments(args);
        while (in.hasNext()) {
            String option = in.nextOption();
            switch (option) {
                case "--scenario" -> scenarios = in.value();
                case "--persistent" -> persistent = in.flag();
                case "--confirm" -> confirm = OptionValues.atLeast(option, in.value(), 1);
                case "--list" -> list = in.flag();
                default -> broker.read(option, in);
            }
        }
        URI uri = broker.uri();
        return new BenchOptions(uri, broker.tls(), select(scenarios), persistent, confirm, broker.warmup(),
                broker.duration(), broker.json(), broker.label(), list, broker.help());
    }

    private static List<ScenarioSpec> select(String selection) throws UsageException {
        try {
            return Scenarios.select(selection);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
