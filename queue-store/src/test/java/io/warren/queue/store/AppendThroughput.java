package io.warren.queue.store;

import io.warren.queue.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A rough measure of persistent appends with group commit, as a publisher with confirms would
 * drive them: at most {@code inFlight} unconfirmed messages. Run by hand:
 * {@code java -cp target/classes:target/test-classes io.warren.queue.store.AppendThroughput [messages] [bodySize] [inFlight] [PER_BATCH|NONE]}.
 */
public final class AppendThroughput {
    private AppendThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int bodySize = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        FsyncPolicy policy = args.length > 3 ? FsyncPolicy.valueOf(args[3]) : FsyncPolicy.PER_BATCH;
        Path dir = Files.createTempDirectory("warren-store-bench");
        Message message = new Message("amq.direct", "bench", new byte[] {(byte) 0x90, 0, 2}, new byte[bodySize], true);
        Semaphore window = new Semaphore(inFlight);
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults().withFsyncPolicy(policy))) {
            QueueLog log = store.openQueue("/", "bench");
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                window.acquire();
                log.append(message, i, window::release);
            }
            if (!window.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("confirms missing");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d x %d B, %d in flight, fsync %s: %.0f msg/s, %.1f MB/s, %d fsyncs, %d rounds%n",
                    messages, bodySize, inFlight, policy, messages / seconds,
                    messages * (double) bodySize / seconds / 1e6, store.fsyncCount(), store.commitCount());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
