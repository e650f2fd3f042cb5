package io.warren.bench.cli;

import io.warren.bench.scenario.ScenarioSpec;
import io.warren.bench.tls.TlsOptions;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A parsed command line.
 *
 * @param uri           the broker's AMQP URI, credentials included
 * @param tls           how to speak TLS to an {@code amqps://} URI
 * @param scenarios     what was selected, in order, as the catalogue defines them
 * @param persistent    {@code --persistent}: run every scenario with persistent messages
 * @param confirmWindow {@code --confirm}: run every scenario with this confirm window; 0 leaves them as defined
 * @param warmup        load before measuring, not counted; may be zero
 * @param duration      the measurement window
 * @param json          one JSON object per scenario on stdout instead of a text table
 * @param label         names the broker in results (compare.sh tells its two brokers apart by it);
 *                      null means the display URI
 * @param list          print the selected scenarios and exit
 * @param help          print usage and exit
 */
public record BenchOptions(
        URI uri,
        TlsOptions tls,
        List<ScenarioSpec> scenarios,
        boolean persistent,
        int confirmWindow,
        Duration warmup,
        Duration duration,
        boolean json,
        String label,
        boolean list,
        boolean help) {

    public BenchOptions {
        scenarios = List.copyOf(scenarios);
        if (label == null) {
            label = OptionValues.withoutPassword(uri);
        }
    }

    /** The selected scenarios with {@code --persistent} and {@code --confirm} applied. */
    public List<ScenarioSpec> scenariosToRun() {
        return scenarios.stream()
                .map(s -> persistent ? s.withPersistent(true) : s)
                .map(s -> confirmWindow > 0 ? s.withConfirmWindow(confirmWindow) : s)
                .toList();
    }

    /** The URI as it may be printed: the password removed, the user kept. */
    public String displayUri() {
        return OptionValues.withoutPassword(uri);
    }
}
