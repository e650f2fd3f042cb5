package io.warren.bench.run;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.bench.scenario.AckMode;
import io.warren.bench.scenario.ScenarioSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live parts of one scenario run: its topology, consumer and producer connections (one per
 * consumer and one per producer, as PerfTest does) and producer threads. Created, read and
 * closed by the runner thread; producers and consumer callbacks touch only the shared counters,
 * recorder and control.
 */
final class RunningScenario implements AutoCloseable {
    private static final int CLOSE_TIMEOUT_MILLIS = 5_000;

    private final ScenarioSpec spec;
    private final ConnectionFactory factory;
    private final PrintStream log;
    private final String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt());
    private final ExecutorService callbacks;
    private final TrafficCounters counters = new TrafficCounters();
    private final LatencyRecorder latency = new LatencyRecorder();
    private final RunControl control = new RunControl();
    private final List<Connection> consumerConnections = new ArrayList<>();
    private final List<Connection> producerConnections = new ArrayList<>();
    private final List<Thread> producerThreads = new ArrayList<>();
    private Connection admin;
    private BenchTopology topology;

    private RunningScenario(ScenarioSpec spec, ConnectionFactory factory, PrintStream log) {
        this.spec = spec;
        this.factory = factory;
        this.log = log;
        this.callbacks = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                daemonThreads("warren-bench-callbacks-"));
    }

    /** Declares the topology, attaches the consumers, then starts the producers. */
    static RunningScenario start(ScenarioSpec spec, ConnectionFactory factory, PrintStream log)
            throws IOException, TimeoutException {
        RunningScenario run = new RunningScenario(spec, factory, log);
        try {
            run.declareTopology();
            run.startConsumers();
            run.startProducers();
            return run;
        } catch (IOException | TimeoutException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    TrafficCounters counters() {
        return counters;
    }

    LatencyRecorder latency() {
        return latency;
    }

    RunControl control() {
        return control;
    }

    List<String> queues() {
        return topology.queues();
    }

    private void declareTopology() throws IOException, TimeoutException {
        admin = factory.newConnection(callbacks, connectionName("admin"));
        topology = BenchTopology.declare(admin.createChannel(), spec, runId);
    }

    private void startConsumers() throws IOException, TimeoutException {
        boolean manualAck = spec.ackMode() == AckMode.EACH;
        int n = 0;
        for (String queue : topology.queues()) {
            for (int i = 0; i < spec.consumersPerQueue(); i++) {
                Connection connection = factory.newConnection(callbacks, connectionName("consumer " + n++));
                consumerConnections.add(connection);
                Channel channel = connection.createChannel();
                if (manualAck && spec.prefetch() > 0) {
                    channel.basicQos(spec.prefetch());
                }
                channel.basicConsume(queue, !manualAck,
                        new DeliveryRecorder(channel, manualAck, counters, latency, control));
            }
        }
    }

    private void startProducers() throws IOException, TimeoutException {
        BacklogGate backlog = new BacklogGate(counters, spec.copiesPerMessage(),
                (long) spec.maxBacklogPerQueue() * spec.queues());
        for (int i = 0; i < spec.producers(); i++) {
            String id = "producer " + i;
            Connection connection = factory.newConnection(callbacks, connectionName(id));
            producerConnections.add(connection);
            connection.addBlockedListener(
                    reason -> log.println(spec.name() + ": broker blocked " + id + ": " + reason),
                    () -> log.println(spec.name() + ": broker unblocked " + id));
            Channel channel = connection.createChannel();
            ConfirmWindow confirms = null;
            if (spec.confirmWindow() > 0) {
                confirms = new ConfirmWindow(spec.confirmWindow(), counters.nacked());
                channel.confirmSelect();
                channel.addConfirmListener(confirms);
            }
            Producer producer = new Producer(id, channel, topology.exchange(), topology.routingKey(i),
                    spec.persistent(), spec.bodySize(), new Pacer(spec.ratePerProducer(), System.nanoTime()),
                    backlog, confirms, counters, control);
            Thread thread = new Thread(producer, "warren-bench-producer-" + i);
            thread.setDaemon(true);
            producerThreads.add(thread);
        }
        producerThreads.forEach(Thread::start);
    }

    /**
     * Stops the producers, deletes the topology and closes every connection. Problems on the way
     * are reported to the log and do not stop the rest of the teardown.
     */
    @Override
    public void close() {
        control.stop();
        joinProducers();
        if (producerThreads.stream().anyMatch(Thread::isAlive)) {
            // A producer still blocked in a socket write (the broker stopped reading) only
            // returns once its connection goes.
            producerConnections.forEach(c -> c.abort(CLOSE_TIMEOUT_MILLIS));
            joinProducers();
        }
        deleteTopology();
        closeAll(producerConnections);
        closeAll(consumerConnections);
        if (admin != null) {
            closeAll(List.of(admin));
        }
        callbacks.shutdown();
    }

    private void joinProducers() {
        try {
            for (Thread thread : producerThreads) {
                thread.join(CLOSE_TIMEOUT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deleteTopology() {
        if (topology == null) {
            return;
        }
        try (Channel channel = admin.createChannel()) {
            topology.delete(channel);
        } catch (IOException | TimeoutException | RuntimeException e) {
            log.println(spec.name() + ": could not delete " + topology.queues() + ": " + e);
        }
    }

    private void closeAll(List<Connection> connections) {
        for (Connection connection : connections) {
            if (connection.isOpen()) {
                try {
                    connection.close(CLOSE_TIMEOUT_MILLIS);
                } catch (IOException | RuntimeException e) {
                    connection.abort(CLOSE_TIMEOUT_MILLIS);
                }
            }
        }
    }

    private String connectionName(String role) {
        return "warren-bench " + spec.name() + " " + runId + " " + role;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
