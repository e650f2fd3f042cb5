package io.warren.tests.durable;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Warren running as a separate operating-system process on a given data directory, started from
 * this JVM's class path, so that a test can kill it with SIGKILL and start it again.
 */
final class WarrenProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private WarrenProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static WarrenProcess start(Path dataDir, Path log) throws IOException, InterruptedException {
        return start(dataDir, log, List.of(), null);
    }

    /**
     * @param launcher a command that runs the JVM, such as {@code prlimit --nofile=512:512}; empty for none
     * @param config   a rabbitmq.conf-style file for {@code WARREN_CONFIG}, or null
     */
    static WarrenProcess start(Path dataDir, Path log, List<String> launcher, Path config)
            throws IOException, InterruptedException {
        return start(dataDir, log, launcher, config, List.of("-Xmx256m"));
    }

    /** @param jvmOptions options for the broker's JVM, such as {@code -Xmx128m} */
    static WarrenProcess start(Path dataDir, Path log, List<String> launcher, Path config, List<String> jvmOptions)
            throws IOException, InterruptedException {
        int port = freePort();
        int prometheusPort = freePort();
        List<String> command = new java.util.ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.warren.server.Main"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("WARREN_AMQP_PORT", Integer.toString(port));
        pb.environment().put("WARREN_MANAGEMENT_PORT", Integer.toString(freePort()));
        pb.environment().put("WARREN_PROMETHEUS_PORT", Integer.toString(prometheusPort));
        pb.environment().put("WARREN_DATA_DIR", dataDir.toString());
        if (config == null) {
            pb.environment().remove("WARREN_CONFIG");
        } else {
            pb.environment().put("WARREN_CONFIG", config.toString());
        }
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        WarrenProcess w = new WarrenProcess(pb.start(), port);
        // The Prometheus endpoint starts last: once it listens, the whole node is up.
        w.awaitListening(port);
        w.awaitListening(prometheusPort);
        return w;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Warren exited with " + process.exitValue());
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("Warren did not start listening on " + port);
    }

    int port() {
        return port;
    }

    /** The broker JVM's process id (prlimit execs it, so it is the same process). */
    long pid() {
        return process.pid();
    }

    Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(port);
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    /** SIGTERM: the broker shuts down cleanly, as a service stop does. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
