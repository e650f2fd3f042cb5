package io.warren.queue.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.warren.queue.store.StoreFixtures.VHOST;
import static io.warren.queue.store.StoreFixtures.assertSameMessage;
import static io.warren.queue.store.StoreFixtures.await;
import static io.warren.queue.store.StoreFixtures.message;
import static io.warren.queue.store.StoreFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Writes that fail for real: a full tmpfs (mounted here when running as root), an fsync that
 * reports an I/O error, and an Error thrown where the store opens a file (as when file
 * descriptors run out and a class cannot be initialised). Each time: every append is answered
 * (onFailed at once or onDurable), the store resumes by itself, and the files hold every record
 * once, in order, with nothing partial for recovery to find.
 */
class WriteFailureTest {
    private static final int BODY = 4000;

    @TempDir
    Path dir;
    private Path mounted;

    /** What each append was told; a message is never told both. */
    private final Set<Integer> durable = ConcurrentHashMap.newKeySet();
    private final Set<Integer> failed = ConcurrentHashMap.newKeySet();
    private final Set<Integer> toldTwice = ConcurrentHashMap.newKeySet();

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }

    @Test
    void aFullDiskFailsAppendsAtOnceAndTheStoreResumesWhenSpaceIsBack() throws Exception {
        Path mount = dir.resolve("small");
        Files.createDirectories(mount);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString()),
                "needs root and a tmpfs mount");
        mounted = mount;
        Path storeDir = mount.resolve("store");
        StorageHealth health = new StorageHealth();
        int appended = 0;
        try (MessageStore store = MessageStore.open(storeDir, StoreSettings.defaults().withSegmentSize(256 * 1024),
                health)) {
            QueueLog log = store.openQueue(VHOST, "q");
            Path filler = mount.resolve("filler");
            fill(filler, Files.getFileStore(mount).getUsableSpace() - 300 * 1024);
            while (failed.isEmpty() && appended < 1000) {
                for (int i = 0; i < 10; i++, appended++) {
                    append(log, appended);
                }
                awaitAnswers(appended);
            }
            assertFalse(failed.isEmpty(), "the disk filled up");
            assertFalse(log.writable());
            StorageHealth.Fault fault = health.fault(CommitLoop.SUBJECT);
            assertNotNull(fault, "the fault is reported");
            assertTrue(fault.file().startsWith(storeDir.toString()), fault.file());
            assertTrue(fault.reason().contains("No space left on device"), fault.reason());
            // While the disk is full every later append is answered too, and promptly.
            int before = failed.size();
            for (int i = 0; i < 20; i++, appended++) {
                append(log, appended);
            }
            awaitAnswers(appended);
            assertTrue(failed.size() >= before + 20, "appends to a full disk fail");

            Files.delete(filler);
            waitFor(log::writable, "the store writes again once space is back");
            assertNull(health.fault(CommitLoop.SUBJECT), "the fault is cleared");
            int resumedFrom = appended;
            for (int i = 0; i < 20; i++, appended++) {
                append(log, appended);
            }
            awaitAnswers(appended);
            for (int i = resumedFrom; i < appended; i++) {
                assertTrue(durable.contains(i), "append " + i + " after the disk recovered is durable");
            }
            await(log.flush());
        }
        assertEquals(Set.of(), toldTwice);
        assertEveryRecordOnceInOrder(storeDir, appended);
    }

    @Test
    void aFailedFsyncFailsTheRoundAndWritesItAgainOnceSyncsWork() throws Exception {
        FaultyFiles files = new FaultyFiles();
        StorageHealth health = new StorageHealth();
        int appended = 0;
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults().withSegmentSize(64 * 1024), health,
                files)) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (; appended < 30; appended++) {
                append(log, appended);
            }
            awaitAnswers(appended);
            assertEquals(30, durable.size());

            files.forceFailure = () -> new IOException("Input/output error");
            for (int i = 0; i < 30; i++, appended++) {
                append(log, appended);
            }
            awaitAnswers(appended);
            assertEquals(30, failed.size(), "no append whose fsync failed is called durable");
            assertFalse(log.writable());
            assertEquals("Input/output error", health.fault(CommitLoop.SUBJECT).reason());

            files.forceFailure = null;
            waitFor(log::writable, "the store retries on its own");
            assertNull(health.fault(CommitLoop.SUBJECT));
            for (int i = 0; i < 10; i++, appended++) {
                append(log, appended);
            }
            awaitAnswers(appended);
            assertEquals(40, durable.size());
        }
        assertEquals(Set.of(), toldTwice);
        assertEveryRecordOnceInOrder(dir, appended);
    }

    @Test
    void anErrorWhereTheStoreOpensAFileDoesNotEndItsThread() throws Exception {
        FaultyFiles files = new FaultyFiles();
        StorageHealth health = new StorageHealth();
        int appended = 0;
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults().withSegmentSize(16 * 1024), health,
                files)) {
            QueueLog log = store.openQueue(VHOST, "q");
            files.openFailure = () -> new NoClassDefFoundError("Could not initialize class sun.util.calendar.ZoneInfoFile");
            for (; appended < 3; appended++) {
                append(log, appended);
            }
            awaitAnswers(appended);
            assertEquals(3, failed.size());
            assertTrue(health.fault(CommitLoop.SUBJECT).reason().contains("NoClassDefFoundError"));

            files.openFailure = () -> new OutOfMemoryError("simulated");
            for (int i = 0; i < 3; i++, appended++) {
                append(log, appended);
            }
            awaitAnswers(appended);
            assertEquals(6, failed.size());

            files.openFailure = null;
            waitFor(log::writable, "the store retries on its own");
            // Enough to fill a few 16 KiB segments, so that new files are opened again.
            for (int i = 0; i < 20; i++, appended++) {
                append(log, appended);
            }
            awaitAnswers(appended);
            assertEquals(20, durable.size());
            assertNull(health.fault(CommitLoop.SUBJECT));
            assertTrue(store.running());
        }
        assertEveryRecordOnceInOrder(dir, appended);
    }

    @Test
    void aCallbackThatThrowsAnErrorDoesNotStopTheStore() throws Exception {
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            log.append(message(0, 10), 0, () -> {
                throw new OutOfMemoryError("simulated");
            });
            log.append(message(1, 10), 1, () -> {
                throw new ExceptionInInitializerError("simulated");
            });
            for (int i = 2; i < 10; i++) {
                append(log, i);
            }
            awaitAnswers(8);
            assertEquals(8, durable.size());
            assertTrue(store.running());
            assertTrue(log.writable());
        }
    }

    @Test
    void anIdleLogHoldsNoBatchBuffers() throws Exception {
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog fresh = store.openQueue(VHOST, "fresh");
            assertEquals(0, fresh.heldBatchBytes(), "a log that never wrote holds no arrays");
            QueueLog used = store.openQueue(VHOST, "used");
            List<SegmentPosition> positions = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                positions.add(used.append(message(i, 1000), i, null));
            }
            await(used.flush());
            for (SegmentPosition p : positions) {
                used.ack(p);
            }
            await(used.flush());
            assertTrue(used.heldBatchBytes() > 0, "a busy log keeps its buffers between rounds");
            // The store thread takes them back once the log has been idle for a few seconds.
            waitFor(() -> used.heldBatchBytes() == 0, "an idle log gives its batch arrays back");
        }
    }

    private void append(QueueLog log, int n) {
        log.append(message(n, BODY), n, () -> answered(durable, n), () -> answered(failed, n));
    }

    private void answered(Set<Integer> outcome, int n) {
        if (durable.contains(n) || failed.contains(n)) {
            toldTwice.add(n);
        }
        outcome.add(n);
    }

    private void awaitAnswers(int appended) throws InterruptedException {
        waitFor(() -> durable.size() + failed.size() >= appended, "every append is answered");
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(10);
        }
    }

    /** Every append reached the disk once the store could write, nacked ones too, and nothing else. */
    private static void assertEveryRecordOnceInOrder(Path storeDir, int appended) throws IOException {
        try (MessageStore store = MessageStore.open(storeDir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            assertEquals(List.of(), log.recovery().corruption(), "no partial or damaged record");
            List<StoredMessage> all = readAll(log);
            assertEquals(appended, all.size());
            for (int i = 0; i < appended; i++) {
                assertEquals(i, all.get(i).queueSequence());
                assertSameMessage(message(i, BODY), all.get(i).message());
            }
        }
    }

    private static void fill(Path file, long bytes) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long left = bytes; left > 0; left -= chunk.capacity()) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), left));
                channel.write(chunk);
            }
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
