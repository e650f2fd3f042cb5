package io.warren.bench;

import com.rabbitmq.client.ConnectionFactory;
import io.warren.bench.cli.BenchOptions;
import io.warren.bench.cli.OptionsParser;
import io.warren.bench.cli.UsageException;
import io.warren.bench.management.ManagementOptions;
import io.warren.bench.management.ManagementResult;
import io.warren.bench.management.ManagementResultJson;
import io.warren.bench.management.ManagementRun;
import io.warren.bench.management.ManagementTextReport;
import io.warren.bench.report.ResultJson;
import io.warren.bench.report.ScenarioResult;
import io.warren.bench.report.TextReport;
import io.warren.bench.run.ScenarioFailedException;
import io.warren.bench.run.ScenarioRunner;
import io.warren.bench.scenario.ScenarioSpec;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;

/**
 * The load tool's entry point. Results go to stdout (a table, or JSON lines with {@code --json});
 * progress and errors go to stderr. Exit status: 0 when every scenario ran, 1 when one failed,
 * 2 for a bad command line.
 */
public final class BenchMain {
    static final int OK = 0;
    static final int SCENARIO_FAILED = 1;
    static final int USAGE = 2;

    private BenchMain() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.length > 0 && args[0].equals("backlog")) {
            return runBacklog(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("management")) {
            return runManagement(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        BenchOptions options;
        ConnectionFactory factory;
        try {
            options = OptionsParser.parse(args);
            factory = connectionFactory(options);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.print(OptionsParser.USAGE);
            return USAGE;
        }
        if (options.help()) {
            out.print(OptionsParser.USAGE);
            return OK;
        }
        if (options.list()) {
            options.scenarios().forEach(s -> out.println(s.number() + "\t" + s.name() + "\t" + s.description()));
            return OK;
        }
        return runScenarios(options, factory, out, err);
    }

    private static int runScenarios(BenchOptions options, ConnectionFactory factory, PrintStream out,
                                    PrintStream err) throws InterruptedException {
        ScenarioRunner runner = new ScenarioRunner(factory, options.warmup(), options.duration(), options.label(),
                options.displayUri(), err);
        if (!options.json()) {
            out.printf("broker %s, warmup %ss, measurement %ss, %s, %s%n", options.displayUri(),
                    options.warmup().toMillis() / 1000.0, options.duration().toMillis() / 1000.0,
                    options.persistent() ? "persistent" : "transient",
                    options.confirmWindow() > 0 ? "confirm window " + options.confirmWindow() : "no confirms");
            out.println(TextReport.header());
        }
        int status = OK;
        for (ScenarioSpec spec : options.scenariosToRun()) {
            try {
                ScenarioResult result = runner.run(spec);
                out.println(options.json() ? ResultJson.write(result) : TextReport.row(result));
            } catch (ScenarioFailedException e) {
                err.println(spec.name() + " failed: " + e.getMessage());
                status = SCENARIO_FAILED;
            }
            out.flush();
        }
        return status;
    }

    private static int runBacklog(String[] args, PrintStream out, PrintStream err) {
        try {
            new io.warren.bench.run.BacklogRun(io.warren.bench.backlog.BacklogOptions.parse(args), out).run();
            return OK;
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.print(io.warren.bench.backlog.BacklogOptions.USAGE);
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SCENARIO_FAILED;
        } catch (Exception e) {
            err.println("backlog failed: " + e);
            return SCENARIO_FAILED;
        }
    }

    private static int runManagement(String[] args, PrintStream out, PrintStream err) {
        ManagementOptions options;
        ConnectionFactory factory;
        try {
            options = ManagementOptions.parse(args);
            factory = connectionFactory(options.amqpUri());
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.print(ManagementOptions.USAGE);
            return USAGE;
        }
        if (options.help()) {
            out.print(ManagementOptions.USAGE);
            return OK;
        }
        try {
            ManagementResult result = new ManagementRun(options, factory, err).run();
            out.print(options.json() ? ManagementResultJson.write(result) + System.lineSeparator()
                    : ManagementTextReport.render(result));
            out.flush();
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SCENARIO_FAILED;
        } catch (Exception e) {
            err.println("management failed: " + e);
            return SCENARIO_FAILED;
        }
    }

    private static ConnectionFactory connectionFactory(BenchOptions options) throws UsageException {
        return connectionFactory(options.uri());
    }

    private static ConnectionFactory connectionFactory(java.net.URI uri) throws UsageException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (URISyntaxException | GeneralSecurityException e) {
            throw new UsageException("--uri cannot be used: " + e.getMessage());
        }
        // A benchmark that silently reconnects would report the recovery, not the broker.
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        return factory;
    }
}
