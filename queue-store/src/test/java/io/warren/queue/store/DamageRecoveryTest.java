package io.warren.queue.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.warren.queue.store.StoreFixtures.VHOST;
import static io.warren.queue.store.StoreFixtures.assertSameMessage;
import static io.warren.queue.store.StoreFixtures.await;
import static io.warren.queue.store.StoreFixtures.message;
import static io.warren.queue.store.StoreFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damage inside a queue's files costs only what it hit, is reported, and leaves a copy. */
class DamageRecoveryTest {
    @TempDir
    Path dir;

    private final List<SegmentPosition> positions = new ArrayList<>();

    /** 20 messages of ~300 bytes in one segment; with acks of 0..4 and delivery marks on 5..9. */
    private Path oneSegment(boolean withMarks) throws Exception {
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (int i = 0; i < 20; i++) {
                positions.add(log.append(message(i, 250), i, null));
            }
            if (withMarks) {
                for (int i = 0; i < 5; i++) {
                    log.ack(positions.get(i));
                }
                for (int i = 5; i < 10; i++) {
                    log.markDelivered(positions.get(i));
                }
            }
            await(log.flush());
        }
        return StoreFixtures.queueDir(dir);
    }

    private static void write(Path file, long at, byte[] bytes) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), at);
        }
    }

    private static List<Long> sequences(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::queueSequence).toList();
    }

    private static List<Long> range(long from, long to, long... except) {
        Set<Long> skip = java.util.Arrays.stream(except).boxed().collect(Collectors.toSet());
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            if (!skip.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void aFlippedByteInTheNewestSegmentCostsOneRecordAndKeepsTheRecordsAfterIt() throws Exception {
        Path queueDir = oneSegment(false);
        Path segment = QueueDirectory.segment(queueDir, 1);
        long size = Files.size(segment);
        SegmentPosition victim = positions.get(7);
        write(segment, victim.offset() + 100, new byte[] {0x7F});
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            List<StoredMessage> got = readAll(log);
            assertEquals(range(0, 20, 7), sequences(got));
            for (StoredMessage m : got) {
                assertSameMessage(message((int) m.queueSequence(), 250), m.message());
            }
            CorruptionReport report = log.recovery().corruption().get(0);
            assertFalse(report.tornTail(), "valid records follow: damage, not a torn tail");
            assertEquals(victim.offset(), report.offset());
            assertEquals(1, report.droppedRecords());
            assertEquals(6, report.sequenceBefore());
            assertEquals(8, report.sequenceAfter());
            assertTrue(Files.exists(report.copy()));
            assertEquals(size, Files.size(segment), "the segment is not cut");
            assertEquals(19, log.messageCount());
        }
    }

    @Test
    void aZeroedRangeAcrossRecordsCostsOnlyTheRecordsItTouches() throws Exception {
        Path queueDir = oneSegment(false);
        Path segment = QueueDirectory.segment(queueDir, 1);
        long from = positions.get(3).offset() + 50;
        long to = positions.get(6).offset() + 10;
        write(segment, from, new byte[(int) (to - from)]);
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertEquals(range(0, 20, 3, 4, 5, 6), sequences(readAll(log)));
            CorruptionReport report = log.recovery().corruption().get(0);
            assertEquals(positions.get(3).offset(), report.offset());
            assertEquals(positions.get(7).offset() - positions.get(3).offset(), report.droppedBytes());
            assertEquals(2, report.sequenceBefore());
            assertEquals(7, report.sequenceAfter());
        }
    }

    @Test
    void zerosAndIncompleteRecordsAtTheEndOfTheNewestSegmentAreATornTail() throws Exception {
        Path queueDir = oneSegment(false);
        Path segment = QueueDirectory.segment(queueDir, 1);
        long cut = positions.get(19).offset();
        write(segment, cut, new byte[positions.get(19).length()]);
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertEquals(range(0, 19), sequences(readAll(log)));
            CorruptionReport report = log.recovery().corruption().get(0);
            assertTrue(report.tornTail());
            assertNull(report.copy(), "a crash's trace needs no copy");
            assertEquals(cut, Files.size(segment), "the torn tail is cut");
            assertFalse(Files.exists(dir.resolve("damaged")));
        }
    }

    @Test
    void aDamagedLastRecordOfAnOlderSegmentIsDamageNotATornTail() throws Exception {
        StoreSettings small = StoreSettings.defaults().withSegmentSize(1024);
        try (MessageStore store = MessageStore.open(dir, small)) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (int i = 0; i < 9; i++) {
                positions.add(log.append(message(i, 250), i, null));
            }
        }
        Path segment = QueueDirectory.segment(StoreFixtures.queueDir(dir), positions.get(5).segment());
        write(segment, positions.get(5).offset() + 30, new byte[] {1, 2, 3});
        try (MessageStore store = MessageStore.open(dir, small)) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertEquals(range(0, 9, 5), sequences(readAll(log)));
            CorruptionReport report = log.recovery().corruption().get(0);
            assertFalse(report.tornTail());
            assertEquals(4, report.sequenceBefore());
            assertEquals(6, report.sequenceAfter(), "the next segment's first record bounds the loss");
            assertEquals(1, report.droppedRecords());
            assertTrue(Files.exists(report.copy()));
        }
    }

    @Test
    void aDamagedAckEntryDropsNothingAndItsSegmentComesBackRedelivered() throws Exception {
        Path queueDir = oneSegment(true);
        Path acks = QueueDirectory.acks(queueDir, 1);
        byte[] before = Files.readAllBytes(acks);
        assertEquals(AckFile.HEADER + 10 * AckFile.ENTRY, before.length);
        // The third ack entry (record 2): its offset changes, its checksum no longer matches.
        write(acks, AckFile.HEADER + 2 * AckFile.ENTRY + 3, new byte[] {(byte) 0xEE});
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            List<StoredMessage> got = readAll(log);
            assertEquals(range(0, 20, 0, 1, 3, 4), sequences(got), "only the sound acks count");
            assertTrue(got.stream().allMatch(StoredMessage::redelivered), "any of them may have been acked");
            CorruptionReport report = log.recovery().corruption().get(0);
            assertEquals(acks, report.file());
            assertEquals(0, report.droppedRecords());
            byte[] copy = Files.readAllBytes(report.copy());
            assertEquals(before.length, copy.length);
            assertEquals(AckFile.HEADER + 2 * AckFile.ENTRY + 3, java.util.Arrays.mismatch(before, copy),
                    "the copy is the damaged file");
            assertEquals(AckFile.HEADER + (4 + 16) * AckFile.ENTRY, Files.size(acks),
                    "written anew: the sound acks, and every unacked record marked delivered");
        }
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertEquals(List.of(), log.recovery().corruption(), "the damage is reported once");
            assertEquals(16, readAll(log).size());
        }
    }

    @Test
    void ackFilesOfVersionOneAreReadAndRewritten() throws Exception {
        Path queueDir = oneSegment(false);
        Path acks = QueueDirectory.acks(queueDir, 1);
        ByteBuffer legacy = ByteBuffer.allocate(4 * 5);
        legacy.putInt(1).putInt(3).putInt(-5).putInt(-6).putInt(2);
        Files.write(acks, legacy.array());
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            List<StoredMessage> got = readAll(log);
            assertEquals(range(0, 20, 0, 1, 2), sequences(got));
            assertEquals(Set.of(4L, 5L), got.stream().filter(StoredMessage::redelivered)
                    .map(StoredMessage::queueSequence).collect(Collectors.toSet()));
            assertEquals(List.of(), log.recovery().corruption());
            assertEquals(AckFile.MAGIC, ByteBuffer.wrap(Files.readAllBytes(acks)).getInt(0), "migrated");
            log.ack(got.get(0).position());
            await(log.flush());
        }
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            assertEquals(range(4, 20), sequences(readAll(store.openQueue(VHOST, "q"))));
        }
    }

    @Test
    void aTornAckEntryIsCutWithoutCopy() throws Exception {
        Path queueDir = oneSegment(true);
        Path acks = QueueDirectory.acks(queueDir, 1);
        Files.write(acks, new byte[] {0, 0, 0}, StandardOpenOption.APPEND);
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertEquals(15, readAll(log).size());
            assertEquals(List.of(), log.recovery().corruption());
            assertEquals(AckFile.HEADER + 10 * AckFile.ENTRY, Files.size(acks));
        }
    }

    @Test
    void aDamagedQueueNameIsWrittenAnewByWhoeverOpensTheQueueByName() throws Exception {
        Path queueDir = oneSegment(false);
        Path name = queueDir.resolve(QueueDirectory.NAME_FILE);
        write(name, 4, new byte[] {'X'});
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            assertEquals(List.of(), store.storedQueues(), "unidentified, and no exception");
            QueueLog log = store.openQueue(VHOST, "q");
            assertEquals(20, readAll(log).size());
            assertTrue(Files.exists(dir.resolve("damaged").resolve(queueDir.getFileName().toString())
                    .resolve(QueueDirectory.NAME_FILE)), "the damaged name file is copied aside");
        }
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            assertEquals(List.of(new QueueId(VHOST, "q")), store.storedQueues());
        }
    }

    @Test
    void aQueueNameWrittenBeforeChecksumsIsRead() throws Exception {
        Path queueDir = oneSegment(false);
        java.io.ByteArrayOutputStream old = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(old)) {
            out.writeUTF(VHOST);
            out.writeUTF("q");
        }
        Files.write(queueDir.resolve(QueueDirectory.NAME_FILE), old.toByteArray());
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            assertEquals(List.of(new QueueId(VHOST, "q")), store.storedQueues());
            assertEquals(20, readAll(store.openQueue(VHOST, "q")).size());
            assertFalse(Files.exists(dir.resolve("damaged")), "nothing to set aside");
        }
    }

    @Test
    void aMissingQueueNameIsWrittenAnew() throws Exception {
        Path queueDir = oneSegment(false);
        Files.delete(queueDir.resolve(QueueDirectory.NAME_FILE));
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            assertEquals(List.of(), store.storedQueues());
            assertEquals(20, readAll(store.openQueue(VHOST, "q")).size());
            assertEquals(new QueueId(VHOST, "q"), QueueDirectory.readName(queueDir));
        }
    }

    @Test
    void aSegmentOfANewerFormatStopsRecovery() throws Exception {
        Path queueDir = oneSegment(false);
        Path segment = QueueDirectory.segment(queueDir, 1);
        write(segment, 4, new byte[] {0, 0, 0, 9});
        // Records that do not read as this version's: the header is not merely damaged.
        write(segment, RecordFormat.SEGMENT_HEADER + 20, new byte[] {0x11});
        Set<String> files = Files.list(queueDir).map(p -> p.getFileName().toString())
                .filter(name -> !name.equals("clean-shutdown")).collect(Collectors.toSet());
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            UnknownFormatException e = assertThrows(UnknownFormatException.class, () -> store.openQueue(VHOST, "q"));
            assertEquals(segment, e.file());
            assertTrue(e.getMessage().contains("version 9"), e.getMessage());
        }
        assertEquals(Set.of("msgs.0000000001", "acks.0000000001", SegmentManifest.FILE, QueueDirectory.NAME_FILE), files);
        assertEquals(files, Files.list(queueDir).map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
                "nothing is changed");
    }

    @Test
    void aDamagedSegmentHeaderCostsNoRecord() throws Exception {
        Path queueDir = oneSegment(false);
        write(QueueDirectory.segment(queueDir, 1), 0, new byte[] {0, 0, 0, 0});
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertEquals(range(0, 20), sequences(readAll(log)));
            assertEquals(0, log.recovery().corruption().get(0).droppedRecords());
        }
    }

    @Test
    void aCursorFromAPositionSkipsDamageItReaches() throws Exception {
        Path queueDir = oneSegment(false);
        write(QueueDirectory.segment(queueDir, 1), positions.get(12).offset() + 9, new byte[] {1});
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            List<StoredMessage> all = readAll(log);
            try (MessageCursor cursor = log.cursor(all.get(10).position())) {
                List<Long> read = new ArrayList<>();
                for (List<StoredMessage> b; !(b = cursor.next(3, Long.MAX_VALUE)).isEmpty(); ) {
                    read.addAll(sequences(b));
                }
                assertEquals(range(10, 20, 12), read);
            }
            for (StoredMessage m : all.subList(12, 15)) {
                log.ack(m.position());
            }
            await(log.flush());
        }
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            assertEquals(range(0, 20, 12, 13, 14, 15), sequences(readAll(store.openQueue(VHOST, "q"))),
                    "acks name records by offset, which holds past the damage");
        }
    }
}
