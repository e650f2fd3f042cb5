package io.warren.bench.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.bench.backlog.BrokerProcess;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The management-scale run: create the fixture, wait until the broker's overview counts it,
 * time the queries, take the broker's memory figures, remove the fixture. A shutdown hook
 * removes the fixture when the JVM is stopped (Ctrl-C) part way. Used from one thread.
 */
public final class ManagementRun {
    private static final long POLL_MILLIS = 1_000;

    private final ManagementOptions options;
    private final ConnectionFactory factory;
    private final PrintStream progress;

    /**
     * @param factory  connects to the broker under test; not modified
     * @param progress where progress lines go (stderr)
     */
    public ManagementRun(ManagementOptions options, ConnectionFactory factory, PrintStream progress) {
        this.options = options;
        this.factory = factory;
        this.progress = progress;
    }

    public ManagementResult run() throws Exception {
        ManagementClient client = new ManagementClient(options.httpUri());
        // Fail on a wrong URL or password before creating ten thousand queues.
        client.get("/api/overview");
        long pid = options.brokerPid();
        long rssBefore = pid > 0 ? BrokerProcess.rssBytes(pid) : -1;
        String prefix = "warren-bench.mgmt." + UUID.randomUUID().toString().substring(0, 8) + ".";
        ScaleFixture fixture = new ScaleFixture(factory, prefix, options.queues(), options.connections(), progress);
        Thread cleanup = new Thread(fixture::close, "management-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (fixture) {
            progress.printf(Locale.ROOT, "management: creating %,d queues and %,d connections named %s*%n",
                    options.queues(), options.connections(), prefix);
            fixture.create();
            awaitTotals(client, fixture);
            List<ManagementQuery> queries = ManagementQuery.catalogue(fixture.queuePrefix(), options.queues(),
                    options.vhost(), fixture.queueName(0));
            progress.printf(Locale.ROOT, "management: %d queries, %d warm-up and %d timed GETs each%n",
                    queries.size(), options.warmup(), options.requests());
            List<QueryResult> results;
            try {
                results = new QueryTimer(client, options.concurrency()).time(queries, options.warmup(),
                        options.requests());
            } catch (IOException e) {
                if (fixture.closing()) {
                    // Stopped (Ctrl-C): the queues went away under the requests; that is no failure to report.
                    throw new InterruptedException("stopped");
                }
                throw e;
            }
            long rss = pid > 0 ? BrokerProcess.rssBytes(pid) : -1;
            long heap = pid > 0 ? BrokerProcess.heapAfterGcBytes(pid) : -1;
            return new ManagementResult(options.label(), options.displayHttp(), options.queues(),
                    options.connections(), options.concurrency(), rssBefore, rss, heap, results);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs, and close() is idempotent.
            }
        }
    }

    /**
     * Waits until /api/overview counts at least the fixture's queues, connections and messages;
     * RabbitMQ's statistics trail the broker by a few seconds.
     */
    private void awaitTotals(ManagementClient client, ScaleFixture fixture) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + options.settle().toNanos();
        int connections = options.connections() + ScaleFixture.WORKERS;
        long messages = fixture.totalMessages();
        while (true) {
            JsonNode overview = client.getJson("/api/overview");
            JsonNode objects = overview.path("object_totals");
            long seenQueues = objects.path("queues").asLong();
            long seenConnections = objects.path("connections").asLong();
            long seenMessages = overview.path("queue_totals").path("messages").asLong();
            if (seenQueues >= options.queues() && seenConnections >= connections && seenMessages >= messages) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(String.format(Locale.ROOT,
                        "after %ss the overview counts %d queues, %d connections and %d messages; expected at "
                                + "least %d, %d and %d", options.settle().toSeconds(), seenQueues, seenConnections,
                        seenMessages, options.queues(), connections, messages));
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }
}
