package io.warren.bench.backlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Figures about the broker's process and data taken from outside it: RSS from /proc, the JVM
 * heap in use after a full GC through {@code jcmd} (Warren only; -1 for other brokers or when
 * jcmd is missing), and the bytes under the data directory.
 */
public final class BrokerProcess {
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private BrokerProcess() {}

    public static long rssBytes(long pid) {
        try {
            Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Forces a full GC in the broker, then reads the heap in use: what the backlog itself costs.
     * Only for a JVM: jcmd would wait on any other process (RabbitMQ's Erlang VM) to attach.
     */
    public static long heapAfterGcBytes(long pid) {
        if (!isJvm(pid)) {
            return -1;
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            run(jcmd, Long.toString(pid), "GC.run");
            String info = run(jcmd, Long.toString(pid), "GC.heap_info");
            Matcher m = HEAP_USED.matcher(info);
            // The first "used" figure of GC.heap_info is the whole heap's.
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static boolean isJvm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).contains("java");
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command with a time limit; its output goes through a file so waiting cannot block on a pipe. */
    private static String run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("warren-bench", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    public static long diskBytes(Path dir) {
        if (dir == null) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }
}
