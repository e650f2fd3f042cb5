package io.warren.bench.handshake;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.bench.report.LatencySummary;
import io.warren.bench.tls.Connector;
import org.HdrHistogram.Recorder;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opens and closes connections from a number of threads for a warmup and a measurement window
 * and counts the completed cycles. A cycle belongs to the window it ends in; its open and close
 * latencies are recorded with it. Prints one progress line per second.
 */
public final class HandshakeRun {
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A failed attempt is retried after this pause, so a refusing broker is not hammered. */
    private static final long FAILURE_PAUSE_MILLIS = 100;

    private final HandshakeOptions options;
    private final Connector connector;
    private final String session;
    private final PrintStream progress;

    private final Recorder open = new Recorder(3);
    private final Recorder close = new Recorder(3);
    private final LongAdder cycles = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicReference<String> firstFailure = new AtomicReference<>("");
    private volatile boolean running = true;

    /**
     * @param connector connects to the broker under test
     * @param session   what a connection's TLS negotiates, for the result; empty for plain AMQP
     */
    public HandshakeRun(HandshakeOptions options, Connector connector, String session, PrintStream progress) {
        this.options = options;
        this.connector = connector;
        this.session = session;
        this.progress = progress;
    }

    public HandshakeResult run() throws InterruptedException {
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            Thread client = new Thread(this::openAndCloseUntilStopped, "handshake-client-" + i);
            client.setDaemon(true);
            clients.add(client);
        }
        clients.forEach(Thread::start);
        try {
            phase("warmup", options.warmup());
            open.reset();
            close.reset();
            long startCycles = cycles.sum();
            long startFailures = failures.sum();
            long start = System.nanoTime();
            phase("measure", options.duration());
            // Back to back, so the latency window and the counted window end together.
            long end = System.nanoTime();
            long counted = cycles.sum() - startCycles;
            long failed = failures.sum() - startFailures;
            LatencySummary openLatency = LatencySummary.ofMicros(open.getIntervalHistogram());
            LatencySummary closeLatency = LatencySummary.ofMicros(close.getIntervalHistogram());
            double seconds = (end - start) / 1e9;
            return new HandshakeResult(options.label(), options.displayUri(), session, options.tls().resume(),
                    options.clients(), seconds, counted, failed, counted / seconds, openLatency, closeLatency,
                    firstFailure.get());
        } finally {
            running = false;
            for (Thread client : clients) {
                client.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    private void phase(String name, Duration length) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        long lastCycles = cycles.sum();
        long lastFailures = failures.sum();
        long last = System.nanoTime();
        long remaining;
        while ((remaining = end - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(TICK_NANOS, remaining));
            long now = System.nanoTime();
            long nowCycles = cycles.sum();
            long nowFailures = failures.sum();
            progress.printf(Locale.ROOT, "handshakes %-7s %4.0fs  %8.0f /s  failed %d%n", name,
                    (length.toNanos() - Math.max(0, end - now)) / 1e9,
                    (nowCycles - lastCycles) / ((now - last) / 1e9), nowFailures - lastFailures);
            lastCycles = nowCycles;
            lastFailures = nowFailures;
            last = now;
        }
    }

    private void openAndCloseUntilStopped() {
        ConnectionFactory factory = connector.factory();
        while (running) {
            long started = System.nanoTime();
            Connection connection = null;
            try {
                connection = factory.newConnection("warren-bench handshakes");
                long opened = System.nanoTime();
                connection.close();
                long closed = System.nanoTime();
                open.recordValue(TimeUnit.NANOSECONDS.toMicros(opened - started));
                close.recordValue(TimeUnit.NANOSECONDS.toMicros(closed - opened));
                cycles.increment();
            } catch (Exception e) {
                failures.increment();
                if (firstFailure.compareAndSet("", String.valueOf(e))) {
                    progress.println("handshakes: an attempt failed: " + e);
                }
                if (connection != null) {
                    connection.abort();
                }
                try {
                    Thread.sleep(FAILURE_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
