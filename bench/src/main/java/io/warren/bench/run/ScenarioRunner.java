package io.warren.bench.run;

import com.rabbitmq.client.ConnectionFactory;
import io.warren.bench.report.LatencySummary;
import io.warren.bench.report.ScenarioResult;
import io.warren.bench.scenario.ScenarioSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs scenarios one at a time against one broker: set up, warm up, measure, tear down. Prints
 * one progress line per second to the progress stream. Used from a single thread.
 */
public final class ScenarioRunner {
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ConnectionFactory factory;
    private final Duration warmup;
    private final Duration measurement;
    private final String label;
    private final String broker;
    private final String tls;
    private final PrintStream progress;

    /**
     * @param factory     connects to the broker under test; not modified
     * @param label       copied into each result to say which broker it was
     * @param broker      the broker URI as it may be shown (without a password)
     * @param tls         what the factory's connections negotiate, copied into each result; empty for plain AMQP
     */
    public ScenarioRunner(ConnectionFactory factory, Duration warmup, Duration measurement, String label,
                          String broker, String tls, PrintStream progress) {
        this.factory = factory;
        this.warmup = warmup;
        this.measurement = measurement;
        this.label = label;
        this.broker = broker;
        this.tls = tls;
        this.progress = progress;
    }

    public ScenarioResult run(ScenarioSpec spec) throws ScenarioFailedException, InterruptedException {
        RunningScenario run;
        try {
            run = RunningScenario.start(spec, factory, progress);
        } catch (IOException | TimeoutException e) {
            throw new ScenarioFailedException("cannot set up " + spec.name() + " on " + broker + ": " + e, e);
        }
        try (run) {
            runPhase(spec, "warmup", warmup, run);
            run.latency().reset();
            TrafficSnapshot start = run.counters().snapshot();
            runPhase(spec, "measure", measurement, run);
            // Back to back, so the latency window and the counted window end together.
            TrafficSnapshot end = run.counters().snapshot();
            LatencySummary latency = run.latency().summarizeWindow();
            run.control().throwIfFailed();
            return result(spec, start, end, latency);
        }
    }

    /** Waits out one phase, printing rates each second. */
    private void runPhase(ScenarioSpec spec, String phase, Duration length, RunningScenario run)
            throws ScenarioFailedException, InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        TrafficSnapshot last = run.counters().snapshot();
        long remaining;
        while ((remaining = end - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(TICK_NANOS, remaining));
            run.control().throwIfFailed();
            TrafficSnapshot now = run.counters().snapshot();
            progress.printf(Locale.ROOT, "%s %-7s %4.0fs  sent %9.0f msg/s  received %9.0f msg/s%n",
                    spec.name(), phase, (length.toNanos() - Math.max(0, end - now.nanoTime())) / 1e9,
                    now.sentPerSecondSince(last), now.receivedPerSecondSince(last));
            last = now;
        }
    }

    private ScenarioResult result(ScenarioSpec spec, TrafficSnapshot start, TrafficSnapshot end,
                                  LatencySummary latency) {
        return new ScenarioResult(spec.name(), spec.number(), label, broker, spec.persistent(),
                spec.confirmWindow(), end.seconds(start), end.sent() - start.sent(),
                end.received() - start.received(), end.nacked() - start.nacked(),
                end.sentPerSecondSince(start), end.receivedPerSecondSince(start), latency, tls);
    }
}
