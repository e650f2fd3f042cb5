package io.warren.queue.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.warren.queue.store.StoreFixtures.VHOST;
import static io.warren.queue.store.StoreFixtures.await;
import static io.warren.queue.store.StoreFixtures.message;
import static io.warren.queue.store.StoreFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole files of a queue's log deleted by something other than the store, and the files a crash
 * leaves while the store creates or drops a segment: the segment manifest tells the two apart.
 * A deleted segment is reported with what it cost; a deleted ack file brings its segment's
 * messages back redelivered; a crash's traces are no damage and report nothing.
 */
class DeletedFilesTest {
    // About three 310-byte records per segment: segments 1..4 for 12 messages.
    private static final StoreSettings SMALL = StoreSettings.defaults().withSegmentSize(1024);
    private static final int MESSAGES = 12;

    @TempDir
    Path dir;

    private final List<SegmentPosition> positions = new ArrayList<>();
    private Path queueDir;

    /** 12 messages; 0 acked, 1 delivered (both in segment 1), closed cleanly. */
    private void fill() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL)) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (int i = 0; i < MESSAGES; i++) {
                positions.add(log.append(message(i, 250), i, null));
            }
            log.markDelivered(positions.get(0));
            log.ack(positions.get(0));
            log.markDelivered(positions.get(1));
            await(log.flush());
        }
        queueDir = StoreFixtures.queueDir(dir);
        assertEquals(4, positions.get(MESSAGES - 1).segment(), "four segments");
        assertEquals(Set.of(1, 2, 3, 4), SegmentManifest.read(queueDir).live);
    }

    private Set<Long> inSegment(int segment) {
        Set<Long> out = new TreeSet<>();
        for (int i = 0; i < positions.size(); i++) {
            if (positions.get(i).segment() == segment) {
                out.add((long) i);
            }
        }
        return out;
    }

    /** Reopens the store: what it recovered, by queue sequence, with the redelivered flag. */
    private record Reopened(Map<Long, Boolean> messages, RecoveryReport report) {
    }

    private Reopened reopen() throws Exception {
        try (MessageStore store = MessageStore.open(dir, SMALL)) {
            QueueLog log = store.openQueue(VHOST, "q");
            Map<Long, Boolean> got = new TreeMap<>();
            for (StoredMessage m : readAll(log)) {
                got.put(m.queueSequence(), m.redelivered());
            }
            return new Reopened(got, log.recovery());
        }
    }

    private static Set<Long> range(long from, long to) {
        Set<Long> out = new TreeSet<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    private Set<String> files() throws IOException {
        try (Stream<Path> files = Files.list(queueDir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everySegmentHasItsAckFileFromItsCreationAndAnUndamagedLogReportsNothing() throws Exception {
        fill();
        for (int segment = 1; segment <= 4; segment++) {
            byte[] acks = Files.readAllBytes(QueueDirectory.acks(queueDir, segment));
            assertTrue(acks.length >= AckFile.HEADER);
            assertEquals(AckFile.VERSION, ByteBuffer.wrap(acks).getInt(4));
        }
        Reopened r = reopen();
        assertEquals(range(1, MESSAGES), r.messages().keySet());
        assertEquals(List.of(), r.report().corruption());
    }

    @Test
    void aDeletedMiddleSegmentIsReportedWithExactlyWhatItHeld() throws Exception {
        fill();
        Path segment = QueueDirectory.segment(queueDir, 2);
        Files.delete(segment);
        Reopened r = reopen();
        Set<Long> expected = range(1, MESSAGES);
        expected.removeAll(inSegment(2));
        assertEquals(expected, r.messages().keySet());
        CorruptionReport report = r.report().corruption().get(0);
        assertEquals(segment, report.file());
        assertEquals(inSegment(2).size(), report.droppedRecords(), "its neighbours bound it exactly");
        assertEquals("segment file missing", report.reason());
        assertTrue(Files.exists(report.copy()), "the ack file is kept aside");
        assertFalse(Files.exists(QueueDirectory.acks(queueDir, 2)));
        assertEquals(List.of(), reopen().report().corruption(), "reported once");
    }

    @Test
    void aDeletedNewestSegmentIsReported() throws Exception {
        fill();
        Path segment = QueueDirectory.segment(queueDir, 4);
        Files.delete(segment);
        Reopened r = reopen();
        Set<Long> expected = range(1, MESSAGES);
        expected.removeAll(inSegment(4));
        assertEquals(expected, r.messages().keySet());
        CorruptionReport report = r.report().corruption().get(0);
        assertEquals(segment, report.file());
        assertEquals(-1, report.droppedRecords(), "nothing after it bounds how many");
        assertEquals((long) inSegment(3).stream().mapToLong(Long::longValue).max().orElseThrow(),
                report.sequenceBefore());
    }

    @Test
    void aDeletedSegmentAndItsAckFileAreReported() throws Exception {
        fill();
        Files.delete(QueueDirectory.segment(queueDir, 3));
        Files.delete(QueueDirectory.acks(queueDir, 3));
        Reopened r = reopen();
        Set<Long> expected = range(1, MESSAGES);
        expected.removeAll(inSegment(3));
        assertEquals(expected, r.messages().keySet());
        CorruptionReport report = r.report().corruption().get(0);
        assertEquals(QueueDirectory.segment(queueDir, 3), report.file());
        assertEquals("segment file and ack file missing", report.reason());
        assertEquals(-1, report.droppedRecords(), "without its ack file, how many were acked is unknown");
        assertEquals(inSegment(3).size(), report.sequenceAfter() - report.sequenceBefore() - 1, "but bounded");
    }

    @Test
    void aDeletedAckFileBringsItsSegmentBackRedeliveredAckedMessagesToo() throws Exception {
        fill();
        Path acks = QueueDirectory.acks(queueDir, 1);
        Files.delete(acks);
        Reopened r = reopen();
        Set<Long> expected = range(0, MESSAGES);
        assertEquals(expected, r.messages().keySet(), "the acked message 0 comes back: nothing is dropped");
        for (Map.Entry<Long, Boolean> m : r.messages().entrySet()) {
            assertEquals(inSegment(1).contains(m.getKey()), m.getValue(), "redelivered: message " + m.getKey());
        }
        CorruptionReport report = r.report().corruption().get(0);
        assertEquals(acks, report.file());
        assertEquals("ack file missing", report.reason());
        assertEquals(0, report.droppedRecords());
        assertTrue(Files.exists(acks), "written anew");
        Reopened again = reopen();
        assertEquals(List.of(), again.report().corruption(), "reported once");
        assertEquals(r.messages(), again.messages(), "still redelivered after the next clean restart");
    }

    @Test
    void aSegmentDroppedOnceEveryMessageWasAckedIsNoDamage() throws Exception {
        fill();
        try (MessageStore store = MessageStore.open(dir, SMALL)) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (StoredMessage m : readAll(log)) {
                if (m.position().segment() <= 2) {
                    log.ack(m.position());
                }
            }
            await(log.flush());
        }
        assertFalse(Files.exists(QueueDirectory.segment(queueDir, 1)));
        assertFalse(Files.exists(QueueDirectory.acks(queueDir, 2)));
        assertEquals(Set.of(3, 4), SegmentManifest.read(queueDir).live);
        Reopened r = reopen();
        assertEquals(List.of(), r.report().corruption());
        Set<Long> expected = new TreeSet<>(inSegment(3));
        expected.addAll(inSegment(4));
        assertEquals(expected, r.messages().keySet());
    }

    // ---- what a crash leaves ----

    private void writeManifest(Set<Integer> live, int next) throws IOException {
        SegmentManifest m = new SegmentManifest();
        m.live.addAll(live);
        m.next = next;
        m.write(queueDir, true, SegmentWriter.Opener.DEFAULT);
    }

    @Test
    void aCreationTheCrashInterruptedBeforeTheManifestListedItIsNoDamage() throws Exception {
        fill();
        Files.delete(queueDir.resolve("clean-shutdown"));
        // Segment 4's files exist (records written, perhaps not confirmed); the manifest never listed it.
        writeManifest(Set.of(1, 2, 3), 4);
        // And a segment 5 whose ack file was created, but not yet its segment file.
        Files.write(QueueDirectory.acks(queueDir, 5), AckFile.header().array());
        Reopened r = reopen();
        assertEquals(List.of(), r.report().corruption());
        assertEquals(range(1, MESSAGES), r.messages().keySet(), "its records come back, as after any crash");
        assertFalse(Files.exists(QueueDirectory.acks(queueDir, 5)));
        assertEquals(Set.of(1, 2, 3, 4), SegmentManifest.read(queueDir).live);
    }

    @Test
    void aSegmentFileWithoutItsAckFileBeforeTheManifestListedItIsNoDamage() throws Exception {
        fill();
        Files.delete(queueDir.resolve("clean-shutdown"));
        writeManifest(Set.of(1, 2, 3), 4);
        Files.delete(QueueDirectory.acks(queueDir, 4));
        Reopened r = reopen();
        assertEquals(List.of(), r.report().corruption());
        assertEquals(range(1, MESSAGES), r.messages().keySet());
        assertTrue(Files.exists(QueueDirectory.acks(queueDir, 4)), "its ack file is created");
    }

    @Test
    void aDropTheCrashInterruptedAfterTheManifestIsFinishedSilently() throws Exception {
        fill();
        // The store took segment 2 out of the manifest (all acked), and the crash came before
        // both its files were deleted; segment 3 lost only its ack file so far.
        Files.delete(queueDir.resolve("clean-shutdown"));
        writeManifest(Set.of(1, 4), 5);
        Files.delete(QueueDirectory.acks(queueDir, 3));
        Reopened r = reopen();
        assertEquals(List.of(), r.report().corruption());
        Set<Long> expected = range(1, MESSAGES);
        expected.removeAll(inSegment(2));
        expected.removeAll(inSegment(3));
        assertEquals(expected, r.messages().keySet());
        assertEquals(Set.of("acks.0000000001", "acks.0000000004", "msgs.0000000001", "msgs.0000000004",
                QueueDirectory.NAME_FILE, SegmentManifest.FILE, "clean-shutdown"), files());
    }

    @Test
    void segmentNumbersAreNeverReused() throws Exception {
        fill();
        try (MessageStore store = MessageStore.open(dir, SMALL)) {
            await(store.openQueue(VHOST, "q").purge());
        }
        assertEquals(Set.of(), SegmentManifest.read(queueDir).live);
        try (MessageStore store = MessageStore.open(dir, SMALL)) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertTrue(log.append(message(100, 10), 100, null).segment() > 4);
            await(log.flush());
        }
    }

    // ---- older directories and the manifest itself ----

    @Test
    void aDirectoryFromBeforeManifestsIsTakenAsItIsAndSilently() throws Exception {
        fill();
        Files.delete(SegmentManifest.file(queueDir));
        // Ack files were created only with a first mark, and of version 2.
        for (int segment = 2; segment <= 4; segment++) {
            Files.delete(QueueDirectory.acks(queueDir, segment));
        }
        Path acks = QueueDirectory.acks(queueDir, 1);
        try (FileChannel channel = FileChannel.open(acks, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, AckFile.VERSION_UNPAIRED), 4);
        }
        Reopened r = reopen();
        assertEquals(List.of(), r.report().corruption());
        assertEquals(range(1, MESSAGES), r.messages().keySet());
        assertEquals(Set.of(1L), r.messages().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.toSet()), "its marks still count");
        assertEquals(Set.of(1, 2, 3, 4), SegmentManifest.read(queueDir).live, "upgraded");
        for (int segment = 1; segment <= 4; segment++) {
            assertTrue(Files.exists(QueueDirectory.acks(queueDir, segment)));
        }
        Files.delete(QueueDirectory.segment(queueDir, 3));
        assertEquals("segment file missing", reopen().report().corruption().get(0).reason(),
                "from now on a deleted segment is seen");
    }

    @Test
    void aDeletedManifestIsReportedAndWrittenAnew() throws Exception {
        fill();
        Files.delete(SegmentManifest.file(queueDir));
        Reopened r = reopen();
        assertEquals(range(1, MESSAGES), r.messages().keySet());
        CorruptionReport report = r.report().corruption().get(0);
        assertEquals(SegmentManifest.file(queueDir), report.file());
        assertEquals("segment manifest missing", report.reason());
        assertEquals(Set.of(1, 2, 3, 4), SegmentManifest.read(queueDir).live);
    }

    @Test
    void aDamagedManifestIsCopiedAsideReportedAndWrittenAnew() throws Exception {
        fill();
        Path manifest = SegmentManifest.file(queueDir);
        byte[] bytes = Files.readAllBytes(manifest);
        bytes[17] ^= 0x40;
        Files.write(manifest, bytes);
        Reopened r = reopen();
        assertEquals(range(1, MESSAGES), r.messages().keySet());
        CorruptionReport report = r.report().corruption().get(0);
        assertEquals(manifest, report.file());
        assertTrue(report.reason().contains("checksum"), report.reason());
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(report.copy())));
    }

    @Test
    void anAckFileHeaderAloneWithADamagedVersionCostsNothing() throws Exception {
        fill();
        Path acks = QueueDirectory.acks(queueDir, 3);
        assertEquals(AckFile.HEADER, Files.size(acks));
        Files.write(acks, ByteBuffer.allocate(8).putInt(AckFile.MAGIC).putInt(AckFile.VERSION ^ 0x10).array());
        Reopened r = reopen();
        assertEquals(range(1, MESSAGES), r.messages().keySet());
        assertEquals(acks, r.report().corruption().get(0).file());
    }

    // ---- a creation that fails ----

    /** Opens files for real, but the manifest's temporary file fails while {@code failures} is above zero. */
    private static final class ManifestFails implements SegmentWriter.Opener {
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public FileChannel open(Path path, OpenOption... options) throws IOException {
            if (path.getFileName().toString().equals(SegmentManifest.FILE + ".tmp")
                    && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("No space left on device");
            }
            return FileChannel.open(path, options);
        }
    }

    @Test
    void aCreationWhoseManifestCannotBeWrittenFailsItsAppendsAndIsRetried() throws Exception {
        ManifestFails opener = new ManifestFails();
        Path crash = Files.createTempDirectory(dir, "crash");
        try (MessageStore store = MessageStore.open(dir.resolve("store"), SMALL, new StorageHealth(), opener)) {
            QueueLog log = store.openQueue(VHOST, "q");
            opener.failures.set(1_000_000);
            java.util.concurrent.CompletableFuture<Boolean> first = new java.util.concurrent.CompletableFuture<>();
            log.append(message(0, 250), 0, () -> first.complete(true), () -> first.complete(false));
            assertFalse(first.get(30, java.util.concurrent.TimeUnit.SECONDS), "the append is failed, not confirmed");
            // What a crash now leaves: the two files of a segment the manifest does not list.
            StoreFixtures.crashCopy(dir.resolve("store"), crash);
            opener.failures.set(0);
            await(log.flush());
            java.util.concurrent.CompletableFuture<Boolean> second = new java.util.concurrent.CompletableFuture<>();
            log.append(message(1, 250), 1, () -> second.complete(true), () -> second.complete(false));
            assertTrue(second.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        try (MessageStore store = MessageStore.open(crash, SMALL)) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertTrue(log.recovery().corruption().stream().allMatch(CorruptionReport::tornTail),
                    "an interrupted creation is no damage (an empty segment file is a torn tail)");
        }
        try (MessageStore store = MessageStore.open(dir.resolve("store"), SMALL)) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertEquals(List.of(), log.recovery().corruption());
            assertEquals(List.of(0L, 1L), readAll(log).stream().map(StoredMessage::queueSequence).toList(),
                    "written once the manifest could be");
        }
    }
}
