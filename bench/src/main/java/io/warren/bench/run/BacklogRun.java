package io.warren.bench.run;

import io.warren.bench.backlog.BacklogOptions;
import io.warren.bench.backlog.BrokerProcess;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

import java.io.PrintStream;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The backlog scenario of issue 3: publish many persistent messages with confirms to a durable
 * queue nobody consumes, reporting each step's publish rate (a broker that slows as the backlog
 * grows shows it here), then drain the queue with one consumer at full speed.
 */
public final class BacklogRun {
    private final BacklogOptions options;
    private final PrintStream out;

    public BacklogRun(BacklogOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(options.uri());
        f.setAutomaticRecoveryEnabled(false);
        String queue = "warren-bench.backlog." + UUID.randomUUID().toString().substring(0, 8);
        out.printf("backlog: %,d persistent messages of %d bytes, confirm window %d, queue %s%n",
                options.messages(), options.bodySize(), options.confirm(), queue);
        out.println("step        published  msg/s      heap-after-gc MiB  rss MiB  disk MiB");
        try (Connection pubConn = f.newConnection(); Connection subConn = f.newConnection()) {
            Channel pub = pubConn.createChannel();
            pub.queueDeclare(queue, true, false, false, null);
            publish(pub, queue);
            drain(subConn.createChannel(), queue);
            pub.queueDelete(queue);
        }
    }

    private void publish(Channel ch, String queue) throws Exception {
        ch.confirmSelect();
        LongAdder nacked = new LongAdder();
        ConfirmWindow window = new ConfirmWindow(options.confirm(), nacked);
        ch.addConfirmListener(window);
        RunControl control = new RunControl();
        byte[] body = new byte[options.bodySize()];
        long stepStart = System.nanoTime();
        for (long i = 1; i <= options.messages(); i++) {
            window.reserve(ch.getNextPublishSeqNo(), control);
            ch.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
            if (i % options.step() == 0 || i == options.messages()) {
                ch.waitForConfirmsOrDie(60_000);
                long now = System.nanoTime();
                long inStep = i % options.step() == 0 ? options.step() : i % options.step();
                if (nacked.sum() > 0) {
                    throw new IllegalStateException("the broker nacked " + nacked.sum() + " messages");
                }
                report(i, inStep * 1e9 / (now - stepStart));
                stepStart = System.nanoTime();
            }
        }
    }

    private void report(long published, double rate) {
        long pid = options.brokerPid();
        out.printf("%-10s  %,11d  %,9.0f  %17s  %7s  %8s%n", "publish", published, rate,
                mib(pid > 0 ? BrokerProcess.heapAfterGcBytes(pid) : -1), mib(pid > 0 ? BrokerProcess.rssBytes(pid) : -1),
                mib(BrokerProcess.diskBytes(options.dataDir())));
        out.flush();
    }

    private void drain(Channel ch, String queue) throws Exception {
        long total = ch.queueDeclarePassive(queue).getMessageCount();
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        ch.basicQos(500);
        long start = System.nanoTime();
        ch.basicConsume(queue, false, (tag, d) -> {
            long n = received.incrementAndGet();
            if (n % 100 == 0 || n == total) {
                ch.basicAck(d.getEnvelope().getDeliveryTag(), true);
            }
            if (n == total) {
                done.countDown();
            }
        }, tag -> { });
        if (!done.await(1, TimeUnit.HOURS)) {
            throw new IllegalStateException("drain did not finish");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("%-10s  %,11d  %,9.0f%n", "drain", total, total / seconds);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%,.0f", bytes / 1048576.0);
    }
}
