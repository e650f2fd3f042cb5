package io.warren.broker.durable;

import io.warren.amqp.types.LongStr;
import io.warren.broker.durable.TopologyRecord.QueueDeclared;
import io.warren.queue.store.StorageHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A write that fails is an error for the appends it carried, never a partial record, and never the end of the thread. */
class TopologyJournalWriteFailureTest {
    @TempDir
    Path dir;

    private static QueueDeclared queue(String name) {
        return new QueueDeclared("/", name, false, Map.of());
    }

    /** Bigger than the slack a full tmpfs may leave in the journal's last page. */
    private static QueueDeclared big(String name) {
        return new QueueDeclared("/", name, false, Map.of("x-note", LongStr.of("n".repeat(64 * 1024))));
    }

    private static List<String> queuesIn(Path file) throws Exception {
        JournalScan scan = JournalScan.read(Files.readAllBytes(file), p -> true);
        assertFalse(scan.damaged(), "no damage in " + file);
        assertNull(scan.tail(), "no partial record at the end of " + file);
        return scan.records().stream()
                .map(f -> ((QueueDeclared) JournalRecovery.decode(f.payload())).name()).toList();
    }

    @Test
    void aFullDiskFailsTheAppendsLeavesNoPartialRecordAndTheJournalResumesOnItsOwn() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir, "512k")) {
            StorageHealth health = new StorageHealth();
            Path data = disk.root.resolve("data");
            try (TopologyJournal j = TopologyJournal.open(data, health)) {
                j.append(List.of(queue("before"))).get(10, TimeUnit.SECONDS);
                disk.fill();

                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> j.append(List.of(big("refused"))).get(10, TimeUnit.SECONDS));
                assertInstanceOf(JournalWriteException.class, e.getCause());
                assertTrue(e.getCause().getMessage().contains(j.file().toAbsolutePath().toString()), e.getMessage());
                assertTrue(e.getCause().getMessage().contains("No space left on device"), e.getMessage());
                StorageHealth.Fault fault = health.fault(TopologyJournal.HEALTH_SUBJECT);
                assertNotNull(fault, "reported to the storage health");
                assertEquals(j.file().toAbsolutePath().toString(), fault.file());
                assertEquals(List.of("before"), queuesIn(j.file()), "the failed write left nothing behind");

                assertThrows(ExecutionException.class, () -> j.append(List.of()).get(10, TimeUnit.SECONDS),
                        "a barrier fails while a refused record is not on disk");
                assertThrows(ExecutionException.class, () -> j.append(List.of(queue("also refused")))
                        .get(10, TimeUnit.SECONDS));

                disk.free();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (health.fault(TopologyJournal.HEALTH_SUBJECT) != null && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertNull(health.fault(TopologyJournal.HEALTH_SUBJECT), "the retry wrote on its own and cleared the fault");
                assertEquals(List.of("before", "refused", "also refused"), queuesIn(j.file()),
                        "refused records are written, in order, once the disk takes writes: the file holds what memory holds");
                j.append(List.of(queue("after"))).get(10, TimeUnit.SECONDS);
            }
            try (TopologyJournal j = TopologyJournal.open(data, health)) {
                assertEquals(List.of("before", "refused", "also refused", "after"),
                        List.copyOf(j.recovered().vhosts().get("/").queues.keySet()));
                assertTrue(j.recovery().damages().isEmpty());
                assertEquals(0, j.recovery().tornBytes());
            }
        }
    }

    @Test
    void anErrorOnTheJournalThreadFailsItsAppendsAndTheThreadServesTheNextOnes() throws Exception {
        StorageHealth health = new StorageHealth();
        Map<String, Object> poisoned = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Object>> entrySet() {
                throw new OutOfMemoryError("simulated");
            }
        };
        try (TopologyJournal j = TopologyJournal.open(dir, health)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> j.append(List.of(new QueueDeclared("/", "p", false, poisoned))).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("simulated"), e.getCause().getMessage());
            assertNotNull(health.fault(TopologyJournal.HEALTH_SUBJECT));
            j.append(List.of(queue("after"))).get(10, TimeUnit.SECONDS);
            assertNull(health.fault(TopologyJournal.HEALTH_SUBJECT), "a good write clears the fault");
        }
        try (TopologyJournal j = TopologyJournal.open(dir, health)) {
            assertEquals(Set.of("after"), j.recovered().vhosts().get("/").queues.keySet());
        }
    }

    @Test
    void appendsAfterCloseFailInsteadOfHanging() {
        TopologyJournal j = TopologyJournal.open(dir);
        j.close();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> j.append(List.of(queue("late"))).get(10, TimeUnit.SECONDS));
        assertInstanceOf(JournalWriteException.class, e.getCause());
    }
}
