package io.warren.bench.management;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the management-scale run measures against: queues spread over a few working
 * connections (every 10th holding messages, every 100th also with a consumer that keeps its
 * deliveries unacknowledged) and many idle connections with one channel each. Every name starts
 * with a prefix unique to the run.
 *
 * <p>Threads: {@link #create} is called once by the run's thread; {@link #close} may be called
 * from any thread, also a shutdown hook while {@code create} is still running, and more than once.
 * Once closing has begun, {@code create} stops and everything created so far is removed.
 */
final class ScaleFixture implements AutoCloseable {
    /** Working connections; the queues are declared and deleted over all of them at once. */
    static final int WORKERS = 4;
    private static final int OPENERS = 8;
    private static final int CONSUMER_PREFETCH = 5;
    private static final byte[] BODY = new byte[64];

    static {
        // Closing a thousand NIO connections at once makes the client log a harmless "Socket is
        // closed" warning with a stack trace for many of them; an explicit setting wins.
        String nioLog = "org.slf4j.simpleLogger.log.com.rabbitmq.client.impl.nio";
        if (System.getProperty(nioLog) == null) {
            System.setProperty(nioLog, "error");
        }
    }

    private final ConnectionFactory factory;
    private final ConnectionFactory idleFactory;
    private final String prefix;
    private final int queues;
    private final int idleConnections;
    private final PrintStream progress;
    private final List<Connection> workers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closing;
    private boolean closed;

    /**
     * @param factory connects to the broker; the idle connections use a copy in NIO mode so that
     *                a thousand of them do not need a thousand reader threads here
     */
    ScaleFixture(ConnectionFactory factory, String prefix, int queues, int idleConnections, PrintStream progress) {
        this.factory = factory;
        this.idleFactory = factory.clone();
        this.idleFactory.useNio();
        this.prefix = prefix;
        this.queues = queues;
        this.idleConnections = idleConnections;
        this.progress = progress;
    }

    /** Whether {@link #close} has begun: what fails from then on fails because of it. */
    boolean closing() {
        return closing;
    }

    /** The name of queue {@code i}; they sort by number. */
    String queueName(int i) {
        return String.format(Locale.ROOT, "%sq%05d", prefix, i);
    }

    /** The common start of every queue's name. */
    String queuePrefix() {
        return prefix + "q";
    }

    static boolean holdsMessages(int i) {
        return i % 10 == 0;
    }

    static boolean hasConsumer(int i) {
        return i % 100 == 0;
    }

    /** Messages published to queue {@code i}: 1 to 50 for every 10th queue, so sorting by them means something. */
    static int messagesFor(int i) {
        return holdsMessages(i) ? 1 + (i / 10) % 50 : 0;
    }

    /** The total of {@link #messagesFor} over the fixture's queues. */
    long totalMessages() {
        long total = 0;
        for (int i = 0; i < queues; i++) {
            total += messagesFor(i);
        }
        return total;
    }

    void create() throws IOException, TimeoutException, InterruptedException {
        for (int w = 0; w < WORKERS; w++) {
            synchronized (this) {
                if (closing) {
                    return;
                }
                workers.add(factory.newConnection(prefix + "worker-" + w));
            }
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(WORKERS, OPENERS));
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                Connection c = workers.get(w);
                int first = w;
                work.add(pool.submit(() -> declare(c, first)));
            }
            awaitAll(work);
            if (closing) {
                return;
            }
            progress.printf(Locale.ROOT, "management: declared %,d queues in %.1fs%n", queues, seconds(start));
            start = System.nanoTime();
            work.clear();
            for (int n = 0; n < idleConnections; n++) {
                String name = prefix + "idle-" + n;
                work.add(pool.submit(() -> openIdle(name)));
            }
            awaitAll(work);
            if (closing) {
                return;
            }
            progress.printf(Locale.ROOT, "management: opened %,d idle connections in %.1fs%n", idleConnections,
                    seconds(start));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Declares every WORKERS-th queue from {@code first}, fills and consumes from those that should be. */
    private Void declare(Connection c, int first) throws IOException, InterruptedException, TimeoutException {
        Channel ch = c.createChannel();
        Channel consumers = c.createChannel();
        consumers.basicQos(CONSUMER_PREFETCH);
        ch.confirmSelect();
        for (int i = first; i < queues && !closing; i += WORKERS) {
            String q = queueName(i);
            ch.queueDeclare(q, false, false, false, null);
            for (int m = 0; m < messagesFor(i); m++) {
                ch.basicPublish("", q, null, BODY);
            }
            if (hasConsumer(i)) {
                // Never acknowledged: the queue shows unacked messages and a consumer.
                consumers.basicConsume(q, false, new DefaultConsumer(consumers) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                               byte[] body) {
                    }
                });
            }
        }
        ch.waitForConfirmsOrDie(60_000);
        return null;
    }

    private Void openIdle(String name) throws IOException, TimeoutException {
        if (closing) {
            return null;
        }
        Connection c = idleFactory.newConnection(name);
        c.createChannel();
        idle.add(c);
        if (closing) {
            // close() may have passed the idle list already.
            closeQuietly(c);
        }
        return null;
    }

    private static void awaitAll(List<Future<?>> work) throws IOException, InterruptedException {
        for (Future<?> f : work) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("setting up failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Closes the idle connections, then deletes the queues over the working connections and closes those. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closing = true;
            closed = true;
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(OPENERS);
        try {
            List<Future<?>> work = new ArrayList<>();
            Connection c;
            while ((c = idle.poll()) != null) {
                Connection idleConnection = c;
                work.add(pool.submit(() -> closeQuietly(idleConnection)));
            }
            for (int w = 0; w < workers.size(); w++) {
                Connection worker = workers.get(w);
                int first = w;
                work.add(pool.submit(() -> deleteQueues(worker, first)));
            }
            for (Future<?> f : work) {
                f.get(10, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            progress.println("management: cleaning up failed, queues named " + prefix + "* may be left: " + e);
        } finally {
            pool.shutdownNow();
            workers.forEach(ScaleFixture::closeQuietly);
        }
        progress.printf(Locale.ROOT, "management: removed the queues and connections in %.1fs%n", seconds(start));
    }

    private Void deleteQueues(Connection c, int first) throws IOException, TimeoutException {
        // A fresh channel: the working ones may have been closed by an error. Deleting a queue
        // that was never declared is not an error in AMQP 0-9-1.
        try (Channel ch = c.createChannel()) {
            for (int i = first; i < queues; i += WORKERS) {
                ch.queueDelete(queueName(i));
            }
        }
        return null;
    }

    private static Void closeQuietly(Connection c) {
        try {
            c.close(10_000);
        } catch (IOException | RuntimeException e) {
            // Already closed, or the broker went away: nothing is left to remove.
        }
        return null;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
