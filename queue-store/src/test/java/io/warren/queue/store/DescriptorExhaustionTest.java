package io.warren.queue.store;

import io.warren.queue.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * File descriptors run out for real, in a child JVM started under {@code ulimit -n}: the store
 * cannot open its next segment, the append is told onFailed, the fault is reported and logged at
 * ERROR, and once descriptors are free again the store writes the kept record and later appends
 * by itself; recovery then finds every record and no damage.
 */
class DescriptorExhaustionTest {
    @TempDir
    Path dir;

    @Test
    void theStoreSurvivesRunningOutOfFileDescriptorsAndResumes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", "ulimit -n 256 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"",
                java, System.getProperty("java.class.path"), Child.class.getName(), dir.toString());
        Path out = dir.resolve("child.out");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process child = pb.start();
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child finished");
        } finally {
            child.destroyForcibly();
        }
        String output = Files.readString(out);
        assertTrue(output.contains("exhausted: Too many open files"), output);
        assertTrue(output.contains("while exhausted: failed"), output);
        assertTrue(output.contains("fault: Too many open files"), output);
        assertTrue(output.contains("Cannot write the message store"), "logged at ERROR:\n" + output);
        assertTrue(output.contains("freed: writable, healthy"), output);
        assertTrue(output.contains("after: durable"), output);
        assertTrue(output.contains("recovered 3, damage []"), output);
    }

    /** Runs in the child JVM. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]).resolve("store");
            StorageHealth health = new StorageHealth();
            MessageStore store = MessageStore.open(dir, StoreSettings.defaults().withSegmentSize(64 * 1024), health);
            QueueLog log = store.openQueue("/", "q");
            System.out.println("before: " + append(log, 0));
            List<FileInputStream> hog = new ArrayList<>();
            try {
                while (true) {
                    hog.add(new FileInputStream("/dev/null"));
                }
            } catch (IOException e) {
                System.out.println("exhausted: " + (e.getMessage().contains("Too many open files")
                        ? "Too many open files" : e.getMessage()));
            }
            // Bigger than what is left of the segment: the store must open a new file.
            System.out.println("while exhausted: " + append(log, 1));
            StorageHealth.Fault fault = health.fault("message store");
            System.out.println("fault: " + (fault == null ? "none" : fault.reason()));
            for (int i = 0; i < 50; i++) {
                hog.remove(hog.size() - 1).close();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!log.writable() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            System.out.println("freed: " + (log.writable() ? "writable" : "not writable") + ", "
                    + (health.healthy() ? "healthy" : "unhealthy"));
            System.out.println("after: " + append(log, 2));
            store.close();
            for (FileInputStream in : hog) {
                in.close();
            }
            try (MessageStore again = MessageStore.open(dir, StoreSettings.defaults())) {
                QueueLog reopened = again.openQueue("/", "q");
                System.out.println("recovered " + reopened.messageCount() + ", damage " + reopened.recovery().corruption());
            }
            System.exit(0);
        }

        private static String append(QueueLog log, int n) throws Exception {
            CompletableFuture<String> told = new CompletableFuture<>();
            log.append(new Message("", "q", new byte[0], new byte[40_000], true), n,
                    () -> told.complete("durable"), () -> told.complete("failed"));
            try {
                return told.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                return "no answer";
            }
        }
    }
}
