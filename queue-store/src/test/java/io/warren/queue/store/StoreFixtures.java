package io.warren.queue.store;

import io.warren.queue.Message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Messages, crash simulation and file inspection shared by the store tests. */
final class StoreFixtures {
    static final String VHOST = "/";

    private StoreFixtures() {
    }

    /** A message whose every field depends on {@code n}, so a mix-up shows. */
    static Message message(int n, int bodySize) {
        byte[] properties = {(byte) 0x90, 0x00, 0x02, (byte) n, (byte) (n >> 8)};
        byte[] body = new byte[bodySize];
        for (int i = 0; i < bodySize; i++) {
            body[i] = (byte) (n * 31 + i);
        }
        return new Message("ex-" + (n % 3), "key.ü." + n, properties, body, true, 0, Message.NO_EXPIRATION,
                System.currentTimeMillis(), n % 5 == 0);
    }

    static void assertSameMessage(Message expected, Message actual) {
        assertEquals(expected.exchange(), actual.exchange());
        assertEquals(expected.routingKey(), actual.routingKey());
        assertArrayEquals(expected.properties(), actual.properties());
        assertArrayEquals(expected.body(), actual.body());
        assertEquals(expected.persistent(), actual.persistent());
        assertEquals(expected.publisherDeaths(), actual.publisherDeaths(), "publisherDeaths");
    }

    static List<StoredMessage> readAll(QueueLog log) {
        List<StoredMessage> all = new ArrayList<>();
        try (MessageCursor cursor = log.cursor()) {
            List<StoredMessage> batch;
            while (!(batch = cursor.next(100, Long.MAX_VALUE)).isEmpty()) {
                all.addAll(batch);
            }
        }
        return all;
    }

    static void await(java.util.concurrent.CompletableFuture<?> future) throws Exception {
        future.get(30, TimeUnit.SECONDS);
    }

    /**
     * Copies a running store's files as a crash would leave them: everything made durable so far
     * and no clean-shutdown marker.
     */
    static Path crashCopy(Path storeDir, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(storeDir)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(storeDir.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }

    static Path queueDir(Path storeDir) throws IOException {
        try (Stream<Path> dirs = Files.list(storeDir.resolve("queues"))) {
            return dirs.findFirst().orElseThrow();
        }
    }

    static List<Path> segmentFiles(Path queueDir) throws IOException {
        try (Stream<Path> files = Files.list(queueDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("msgs.")).sorted().toList();
        }
    }
}
