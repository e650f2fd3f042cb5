package io.warren.queue.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.warren.queue.store.StoreFixtures.VHOST;
import static io.warren.queue.store.StoreFixtures.await;
import static io.warren.queue.store.StoreFixtures.message;
import static io.warren.queue.store.StoreFixtures.readAll;
import static io.warren.queue.store.StoreFixtures.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentLifecycleTest {
    private static final StoreSettings FOUR_KIB = StoreSettings.defaults().withSegmentSize(4096);

    @TempDir
    Path dir;

    @Test
    void rollsOverAtTheConfiguredSizeAndDeletesSegmentsOnceFullyAcked() throws Exception {
        try (MessageStore store = MessageStore.open(dir, FOUR_KIB)) {
            QueueLog log = store.openQueue(VHOST, "q");
            List<SegmentPosition> positions = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                positions.add(log.append(message(i, 1000), i, null));
            }
            await(log.flush());
            Path queueDir = StoreFixtures.queueDir(dir);
            List<Path> segments = segmentFiles(queueDir);
            assertEquals(4, segments.size(), "three ~1 KiB records per 4 KiB segment");
            for (Path segment : segments) {
                assertTrue(Files.size(segment) <= 4096, segment + " within the segment size");
            }

            for (int i = 0; i < 5; i++) {
                log.ack(positions.get(i));
            }
            await(log.flush());
            assertEquals(3, segmentFiles(queueDir).size(), "first segment fully acked and deleted");
            assertFalse(Files.exists(QueueDirectory.acks(queueDir, positions.get(0).segment())));
            assertTrue(Files.exists(QueueDirectory.acks(queueDir, positions.get(4).segment())),
                    "partly acked segment keeps its acks");

            for (int i = 5; i < 10; i++) {
                log.ack(positions.get(i));
            }
            await(log.flush());
            assertEquals(1, segmentFiles(queueDir).size(), "only the segment still written to is kept");
            assertEquals(0, log.messageCount());
        }
    }

    @Test
    void oversizedMessageGetsASegmentOfItsOwn() throws Exception {
        try (MessageStore store = MessageStore.open(dir, FOUR_KIB)) {
            QueueLog log = store.openQueue(VHOST, "q");
            SegmentPosition small = log.append(message(1, 10), 1, null);
            SegmentPosition big = log.append(message(2, 10_000), 2, null);
            SegmentPosition after = log.append(message(3, 10), 3, null);
            assertEquals(small.segment() + 1, big.segment());
            assertEquals(big.segment() + 1, after.segment());
            await(log.flush());
            List<StoredMessage> got = readAll(log);
            assertEquals(3, got.size());
            StoreFixtures.assertSameMessage(message(2, 10_000), got.get(1).message());
        }
    }

    @Test
    void recoveryReadsOnlyWhatIsStillLiveNotHistory() throws Exception {
        int segmentSize = 64 * 1024;
        StoreSettings settings = StoreSettings.defaults().withSegmentSize(segmentSize);
        try (MessageStore store = MessageStore.open(dir, settings)) {
            QueueLog log = store.openQueue(VHOST, "q");
            List<SegmentPosition> positions = new ArrayList<>(100_000);
            for (int i = 0; i < 100_000; i++) {
                positions.add(log.append(message(i, 60), i, null));
                if (i >= 10 && i % 1000 == 0) {
                    for (int a = i - 1000; a < i; a++) {
                        if (a >= 0) {
                            log.ack(positions.get(a));
                        }
                    }
                }
            }
            for (int a = 99_000; a < 99_990; a++) {
                log.ack(positions.get(a));
            }
            assertEquals(10, log.messageCount());
            assertTrue(positions.get(99_999).segment() > 100, "history spans many segments");
        }
        try (MessageStore store = MessageStore.open(dir, settings)) {
            QueueLog log = store.openQueue(VHOST, "q");
            RecoveryReport report = log.recovery();
            assertEquals(10, report.messages());
            assertEquals(1, report.segments());
            assertTrue(report.bytesScanned() <= segmentSize + 4 * 1024,
                    "scanned " + report.bytesScanned() + " bytes for one live segment");
            assertEquals(List.of(99_990L, 99_991L, 99_992L, 99_993L, 99_994L, 99_995L, 99_996L, 99_997L,
                    99_998L, 99_999L), readAll(log).stream().map(StoredMessage::queueSequence).toList());
        }
    }

    @Test
    void purgeRemovesEverySegmentAndTheLogGoesOn() throws Exception {
        try (MessageStore store = MessageStore.open(dir, FOUR_KIB)) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (int i = 0; i < 10; i++) {
                log.append(message(i, 1000), i, null);
            }
            await(log.purge());
            Path queueDir = StoreFixtures.queueDir(dir);
            assertEquals(List.of(), segmentFiles(queueDir));
            assertEquals(0, log.messageCount());
            log.append(message(42, 10), 42, null);
        }
        try (MessageStore store = MessageStore.open(dir, FOUR_KIB)) {
            List<StoredMessage> got = readAll(store.openQueue(VHOST, "q"));
            assertEquals(List.of(42L), got.stream().map(StoredMessage::queueSequence).toList());
        }
    }

    @Test
    void deleteRemovesTheQueueDirectory() throws Exception {
        try (MessageStore store = MessageStore.open(dir, FOUR_KIB)) {
            QueueLog log = store.openQueue(VHOST, "q");
            store.openQueue(VHOST, "other").append(message(1, 1), 1, null);
            for (int i = 0; i < 10; i++) {
                log.append(message(i, 1000), i, null);
            }
            Path queueDir = QueueDirectory.of(dir.resolve("queues"), new QueueId(VHOST, "q"));
            assertTrue(Files.isDirectory(queueDir));
            await(store.deleteQueue(VHOST, "q"));
            assertFalse(Files.exists(queueDir));
            assertEquals(List.of(new QueueId(VHOST, "other")), store.storedQueues());
            QueueLog reopened = store.openQueue(VHOST, "q");
            assertEquals(0, reopened.recovery().messages());
        }
    }
}
