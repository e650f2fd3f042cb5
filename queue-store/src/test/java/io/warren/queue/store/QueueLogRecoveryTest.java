package io.warren.queue.store;

import io.warren.queue.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static io.warren.queue.store.StoreFixtures.VHOST;
import static io.warren.queue.store.StoreFixtures.assertSameMessage;
import static io.warren.queue.store.StoreFixtures.await;
import static io.warren.queue.store.StoreFixtures.message;
import static io.warren.queue.store.StoreFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueLogRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void recoversEveryFieldByteForByteAfterCleanShutdown() throws Exception {
        List<Message> sent = new ArrayList<>();
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "orders");
            for (int i = 0; i < 200; i++) {
                Message m = i == 7 ? new Message("", "", new byte[0], new byte[0], true) : message(i, i * 13);
                sent.add(m);
                log.append(m, 1000 + i, null);
            }
        }
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "orders");
            assertTrue(log.recovery().cleanShutdown());
            assertEquals(200, log.recovery().messages());
            assertEquals(List.of(), log.recovery().corruption());
            List<StoredMessage> got = readAll(log);
            assertEquals(200, got.size());
            for (int i = 0; i < 200; i++) {
                assertSameMessage(sent.get(i), got.get(i).message());
                assertEquals(1000 + i, got.get(i).queueSequence());
                assertFalse(got.get(i).redelivered(), "never delivered, so not redelivered");
            }
        }
    }

    @Test
    void ackedMessagesAreNotRecovered() throws Exception {
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            List<SegmentPosition> positions = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                positions.add(log.append(message(i, 10), i, null));
            }
            for (int i = 0; i < 50; i += 2) {
                log.ack(positions.get(i));
            }
            assertEquals(25, log.messageCount());
        }
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            List<Long> sequences = readAll(log).stream().map(StoredMessage::queueSequence).toList();
            List<Long> odd = new ArrayList<>();
            for (long i = 1; i < 50; i += 2) {
                odd.add(i);
            }
            assertEquals(odd, sequences);
            assertEquals(25, log.recovery().messages());
        }
    }

    @Test
    void deliveredMarksSurviveCleanShutdownAndOthersComeBackNotRedelivered() throws Exception {
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (int i = 0; i < 10; i++) {
                SegmentPosition p = log.append(message(i, 5), i, null);
                if (i < 3) {
                    log.markDelivered(p);
                }
            }
        }
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            List<Boolean> redelivered = readAll(store.openQueue(VHOST, "q")).stream()
                    .map(StoredMessage::redelivered).toList();
            assertEquals(List.of(true, true, true, false, false, false, false, false, false, false), redelivered);
        }
    }

    @Test
    void afterACrashEveryRecoveredMessageIsRedelivered() throws Exception {
        Path crashed;
        try (MessageStore store = MessageStore.open(dir.resolve("live"), StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (int i = 0; i < 5; i++) {
                log.append(message(i, 5), i, null);
            }
            await(log.flush());
            crashed = StoreFixtures.crashCopy(dir.resolve("live"), dir.resolve("crashed"));
        }
        try (MessageStore store = MessageStore.open(crashed, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertFalse(log.recovery().cleanShutdown());
            List<StoredMessage> got = readAll(log);
            assertEquals(5, got.size());
            assertTrue(got.stream().allMatch(StoredMessage::redelivered));
        }
    }

    @Test
    void tornTailIsCutAtEveryByteOfTheLastRecordAndNothingElseIsLost() throws Exception {
        Path live = dir.resolve("live");
        Path segment;
        SegmentPosition last;
        try (MessageStore store = MessageStore.open(live, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (int i = 0; i < 4; i++) {
                log.append(message(i, 40), i, null);
            }
            last = log.append(message(4, 40), 4, null);
            await(log.flush());
            segment = StoreFixtures.segmentFiles(StoreFixtures.queueDir(live)).get(0);
        }
        Path queueDirName = StoreFixtures.queueDir(live).getFileName();
        for (int cut = 0; cut < last.length(); cut++) {
            Path copy = StoreFixtures.crashCopy(live, dir.resolve("cut-" + cut));
            Files.deleteIfExists(copy.resolve("queues").resolve(queueDirName).resolve("clean-shutdown"));
            Path torn = copy.resolve("queues").resolve(queueDirName).resolve(segment.getFileName());
            try (FileChannel channel = FileChannel.open(torn, StandardOpenOption.WRITE)) {
                channel.truncate(last.offset() + cut);
            }
            try (MessageStore store = MessageStore.open(copy, StoreSettings.defaults())) {
                QueueLog log = store.openQueue(VHOST, "q");
                List<StoredMessage> got = readAll(log);
                assertEquals(4, got.size(), "cut at byte " + cut);
                for (int i = 0; i < 4; i++) {
                    assertSameMessage(message(i, 40), got.get(i).message());
                }
                assertEquals(last.offset(), Files.size(torn), "torn bytes are cut off the file");
                assertEquals(cut == 0 ? 0 : 1, log.recovery().corruption().size());
                if (cut > 0) {
                    assertTrue(log.recovery().corruption().get(0).tornTail());
                }
                log.append(message(9, 40), 9, null);
            }
            try (MessageStore store = MessageStore.open(copy, StoreSettings.defaults())) {
                List<StoredMessage> got = readAll(store.openQueue(VHOST, "q"));
                assertEquals(5, got.size(), "appends after the cut recover too");
                assertSameMessage(message(9, 40), got.get(4).message());
            }
        }
    }

    @Test
    void garbageAtTheTailIsNeverDelivered() throws Exception {
        Path live = dir.resolve("live");
        try (MessageStore store = MessageStore.open(live, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            log.append(message(1, 100), 1, null);
            await(log.flush());
        }
        Path segment = StoreFixtures.segmentFiles(StoreFixtures.queueDir(live)).get(0);
        byte[] garbage = new byte[300];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 7 + 3);
        }
        garbage[0] = 0;
        garbage[1] = 0;
        garbage[2] = 0;
        garbage[3] = 100;
        Files.write(segment, garbage, StandardOpenOption.APPEND);
        try (MessageStore store = MessageStore.open(live, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertEquals(1, readAll(log).size());
            assertEquals("checksum mismatch", log.recovery().corruption().get(0).reason());
        }
    }

    @Test
    void corruptRecordInAMiddleSegmentIsReportedAndLaterSegmentsRecovered() throws Exception {
        StoreSettings small = StoreSettings.defaults().withSegmentSize(1024);
        List<SegmentPosition> positions = new ArrayList<>();
        try (MessageStore store = MessageStore.open(dir, small)) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (int i = 0; i < 9; i++) {
                positions.add(log.append(message(i, 250), i, null));
            }
        }
        assertEquals(3, positions.stream().map(SegmentPosition::segment).distinct().count(),
                "three records of ~300 bytes per 1 KiB segment");
        SegmentPosition victim = positions.get(4);
        Path queueDir = StoreFixtures.queueDir(dir);
        Path middle = QueueDirectory.segment(queueDir, victim.segment());
        try (FileChannel channel = FileChannel.open(middle, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0x55}), victim.offset() + 40);
        }
        try (MessageStore store = MessageStore.open(dir, small)) {
            QueueLog log = store.openQueue(VHOST, "q");
            List<Long> sequences = readAll(log).stream().map(StoredMessage::queueSequence).toList();
            assertEquals(List.of(0L, 1L, 2L, 3L, 5L, 6L, 7L, 8L), sequences, "only the damaged record is lost");
            List<CorruptionReport> reports = log.recovery().corruption();
            assertEquals(1, reports.size());
            CorruptionReport report = reports.get(0);
            assertEquals(victim.segment(), report.segment());
            assertEquals(middle, report.file());
            assertEquals(victim.offset(), report.offset());
            assertFalse(report.tornTail());
            assertEquals(victim.length(), report.droppedBytes());
            assertEquals(1, report.droppedRecords());
            assertEquals(3, report.sequenceBefore());
            assertEquals(5, report.sequenceAfter());
            assertEquals(-1, Files.mismatch(report.copy(), middle), "the damaged file is copied aside as it was");
        }
    }

    @Test
    void queueNamesAreKeptAndAnyNameIsSafe() throws Exception {
        String odd = "../../etc/passwd\u0000 ünï/cødé";
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            store.openQueue("vh/1", odd).append(message(1, 1), 1, null);
            store.openQueue("vh/1", "plain");
        }
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            assertEquals(java.util.Set.of(new QueueId("vh/1", odd), new QueueId("vh/1", "plain")),
                    java.util.Set.copyOf(store.storedQueues()));
            assertEquals(1, store.openQueue("vh/1", odd).messageCount());
        }
        try (var entries = Files.list(dir.resolve("queues"))) {
            assertEquals(2, entries.count(), "every queue directory stays inside the store");
        }
    }
}
