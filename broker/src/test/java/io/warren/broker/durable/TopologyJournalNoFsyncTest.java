package io.warren.broker.durable;

import io.warren.broker.durable.TopologyRecord.QueueDeclared;
import io.warren.queue.store.StorageHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal of a node with {@code warren.fsync = none}: written, read back, never fsynced. */
class TopologyJournalNoFsyncTest {
    @TempDir
    Path dir;

    @Test
    void appendsCompleteWithoutAnFsyncAndAreReadBackAtTheNextOpen() throws Exception {
        try (TopologyJournal j = TopologyJournal.open(dir, new StorageHealth(), false, false)) {
            for (int i = 0; i < 5; i++) {
                j.append(List.of(new QueueDeclared("/", "q" + i, false, Map.of()))).get(10, TimeUnit.SECONDS);
            }
            assertEquals(0, j.fsyncs());
        }
        try (TopologyJournal j = TopologyJournal.open(dir, new StorageHealth(), false, true)) {
            assertEquals(List.of("q0", "q1", "q2", "q3", "q4"), List.copyOf(j.recovered().vhosts().get("/").queues.keySet()));
            j.append(List.of(new QueueDeclared("/", "q5", false, Map.of()))).get(10, TimeUnit.SECONDS);
            assertTrue(j.fsyncs() > 0, "with fsync on, an append costs one");
        }
    }
}
