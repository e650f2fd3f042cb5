package io.warren.bench;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.bench.backlog.BacklogOptions;
import io.warren.bench.cli.BenchOptions;
import io.warren.bench.cli.OptionsParser;
import io.warren.bench.cli.UsageException;
import io.warren.bench.handshake.HandshakeOptions;
import io.warren.bench.handshake.HandshakeResult;
import io.warren.bench.handshake.HandshakeResultJson;
import io.warren.bench.handshake.HandshakeRun;
import io.warren.bench.handshake.HandshakeTextReport;
import io.warren.bench.management.ManagementOptions;
import io.warren.bench.management.ManagementResult;
import io.warren.bench.management.ManagementResultJson;
import io.warren.bench.management.ManagementRun;
import io.warren.bench.management.ManagementTextReport;
import io.warren.bench.report.ResultJson;
import io.warren.bench.report.ScenarioResult;
import io.warren.bench.report.TextReport;
import io.warren.bench.run.BacklogRun;
import io.warren.bench.run.ScenarioFailedException;
import io.warren.bench.run.ScenarioRunner;
import io.warren.bench.scenario.ScenarioSpec;
import io.warren.bench.tls.Connector;
import io.warren.bench.tls.TlsOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The load tool's entry point. Results go to stdout (a table, or JSON lines with {@code --json});
 * progress and errors go to stderr. Exit status: 0 when every scenario ran, 1 when one failed,
 * 2 for a bad command line.
 */
public final class BenchMain {
    static final int OK = 0;
    static final int SCENARIO_FAILED = 1;
    static final int USAGE = 2;

    private static final Set<String> COMMANDS = Set.of("backlog", "handshakes", "management");

    private BenchMain() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        String command = args.length > 0 && COMMANDS.contains(args[0]) ? args[0] : "";
        String[] rest = command.isEmpty() ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "backlog" -> runBacklog(rest, out, err);
                case "handshakes" -> runHandshakes(rest, out, err);
                case "management" -> runManagement(rest, out, err);
                default -> runScenarios(rest, out, err);
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.print(switch (command) {
                case "backlog" -> BacklogOptions.USAGE;
                case "handshakes" -> HandshakeOptions.USAGE;
                case "management" -> ManagementOptions.USAGE;
                default -> OptionsParser.USAGE;
            });
            return USAGE;
        }
    }

    private static int runScenarios(String[] args, PrintStream out, PrintStream err)
            throws UsageException, InterruptedException {
        BenchOptions options = OptionsParser.parse(args);
        Connector connector = Connector.create(options.uri(), options.tls());
        if (options.help()) {
            out.print(OptionsParser.USAGE);
            return OK;
        }
        if (options.list()) {
            options.scenarios().forEach(s -> out.println(s.number() + "\t" + s.name() + "\t" + s.description()));
            return OK;
        }
        String session = connect(connector, options.displayUri(), err);
        if (session == null) {
            return SCENARIO_FAILED;
        }
        ScenarioRunner runner = new ScenarioRunner(connector.factory(), options.warmup(), options.duration(),
                options.label(), options.displayUri(), session, err);
        if (!options.json()) {
            out.printf("broker %s%s, warmup %ss, measurement %ss, %s, %s%n", options.displayUri(),
                    session.isEmpty() ? "" : " (" + session + ")",
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

    /**
     * Probes the broker (see {@link #probe}) and says on stderr what its TLS negotiated; null,
     * after saying why, when it cannot connect.
     */
    private static String connect(Connector connector, String displayUri, PrintStream err) {
        String session;
        try {
            session = probe(connector);
        } catch (IOException | TimeoutException e) {
            err.println("cannot connect to " + displayUri + ": " + e);
            return null;
        }
        if (!session.isEmpty()) {
            err.println("TLS: " + session + ", " + connector.trustDescription());
        }
        return session;
    }

    /**
     * For TLS, opens and closes one connection, so that a certificate that is refused stops the
     * run before it starts, and returns what its TLS negotiated; empty for plain AMQP.
     */
    public static String probe(Connector connector) throws IOException, TimeoutException {
        if (!connector.factory().isSSL()) {
            return "";
        }
        try (Connection ignored = connector.factory().newConnection("warren-bench probe")) {
            return connector.lastSession();
        }
    }

    private static int runBacklog(String[] args, PrintStream out, PrintStream err) throws UsageException {
        BacklogOptions options = BacklogOptions.parse(args);
        try {
            new BacklogRun(options, out).run();
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SCENARIO_FAILED;
        } catch (Exception e) {
            err.println("backlog failed: " + e);
            return SCENARIO_FAILED;
        }
    }

    private static int runHandshakes(String[] args, PrintStream out, PrintStream err)
            throws UsageException, InterruptedException {
        HandshakeOptions options = HandshakeOptions.parse(args);
        Connector connector = Connector.create(options.uri(), options.tls());
        if (options.help()) {
            out.print(HandshakeOptions.USAGE);
            return OK;
        }
        String session = connect(connector, options.displayUri(), err);
        if (session == null) {
            return SCENARIO_FAILED;
        }
        HandshakeResult result = new HandshakeRun(options, connector, session, err).run();
        out.print(options.json() ? HandshakeResultJson.write(result) + System.lineSeparator()
                : HandshakeTextReport.render(result));
        out.flush();
        if (result.failed() > 0) {
            err.println("handshakes: " + result.failed() + " attempts failed in the window; first: "
                    + result.firstFailure());
            return SCENARIO_FAILED;
        }
        return OK;
    }

    private static int runManagement(String[] args, PrintStream out, PrintStream err) throws UsageException {
        ManagementOptions options = ManagementOptions.parse(args);
        ConnectionFactory factory = Connector.create(options.amqpUri(), TlsOptions.DEFAULT).factory();
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
}
