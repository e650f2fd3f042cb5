package io.warren.bench.heap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Heap a broker holds per empty queue: the live heap of the broker's JVM (a full GC, then a class
 * histogram of what is reachable, read with {@code jcmd PID GC.class_histogram}) before and after
 * declaring N empty queues, divided by N. The queues are deleted afterwards.
 *
 * <pre>
 * java -cp bench/target/warren-bench.jar io.warren.bench.heap.QueueHeap \
 *     --uri amqp://guest:guest@localhost:5673 --pid PID [--queues 10000] [--transient]
 * </pre>
 *
 * The broker must run on this machine, under a JVM that jcmd can attach to (same user).
 */
public final class QueueHeap {
    private QueueHeap() {
    }

    public static void main(String[] args) throws Exception {
        String uri = "amqp://guest:guest@localhost:5673";
        long pid = -1;
        int queues = 10_000;
        boolean durable = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--uri" -> uri = args[++i];
                case "--pid" -> pid = Long.parseLong(args[++i]);
                case "--queues" -> queues = Integer.parseInt(args[++i]);
                case "--transient" -> durable = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (pid < 0) {
            throw new IllegalArgumentException("--pid of the broker is required");
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        String prefix = "heap-" + ProcessHandle.current().pid() + "-";
        try (Connection conn = factory.newConnection("queue-heap")) {
            Channel ch = conn.createChannel();
            ch.confirmSelect();
            long before = liveHeap(pid);
            for (int i = 0; i < queues; i++) {
                ch.queueDeclare(prefix + i, durable, false, false, null);
            }
            long after = liveHeap(pid);
            System.out.printf("%d %s queues: live heap %.1f MB before, %.1f MB after, %.1f KB per queue%n",
                    queues, durable ? "durable" : "transient", before / 1e6, after / 1e6,
                    (after - before) / 1024.0 / queues);
            for (int i = 0; i < queues; i++) {
                ch.queueDelete(prefix + i);
            }
        }
    }

    /** Bytes reachable after a full GC, from the total line of a class histogram. */
    static long liveHeap(long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        long total = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String t = line.trim();
                if (t.startsWith("Total")) {
                    String[] f = t.split("\\s+");
                    total = Long.parseLong(f[f.length - 1]);
                }
            }
        }
        if (p.waitFor() != 0 || total < 0) {
            throw new IOException("jcmd " + pid + " GC.class_histogram gave no total");
        }
        return total;
    }
}
