package io.warren.broker.durable;

import io.warren.amqp.types.LongStr;
import io.warren.broker.durable.TopologyRecord.Bound;
import io.warren.broker.durable.TopologyRecord.ExchangeDeclared;
import io.warren.broker.durable.TopologyRecord.ExchangeDeleted;
import io.warren.broker.durable.TopologyRecord.QueueDeclared;
import io.warren.broker.durable.TopologyRecord.QueueDeleted;
import io.warren.exchange.Binding;
import io.warren.exchange.DestinationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyJournalTest {
    private static final int MARKER = JournalFormat.FRAME_HEADER + 1;

    @TempDir
    Path dir;

    private static Map<String, Object> args() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x-message-ttl", 1000);
        a.put("x-max-length", 5L);
        a.put("x-dead-letter-exchange", LongStr.of("dlx"));
        return a;
    }

    private void appendAndWait(TopologyJournal j, List<TopologyRecord> records) throws Exception {
        j.append(records).get(10, TimeUnit.SECONDS);
    }

    @Test
    void replayRebuildsTheLiveStateWithArgumentTypesIntact() throws Exception {
        Binding keep = new Binding("x", DestinationKind.QUEUE, "q", "k", Map.of("h", 1));
        Binding gone = new Binding("x", DestinationKind.QUEUE, "q2", "k", Map.of());
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            appendAndWait(j, List.of(
                    new ExchangeDeclared("/", "x", "topic", false, false, Map.of("alternate-exchange", LongStr.of("ae"))),
                    new ExchangeDeclared("/", "y", "fanout", true, false, Map.of()),
                    new QueueDeclared("/", "q", false, args()),
                    new QueueDeclared("/", "q2", true, Map.of()),
                    new Bound("/", keep), new Bound("/", gone),
                    new QueueDeleted("/", "q2"),
                    new ExchangeDeleted("/", "y")));
        }
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            DurableTopology.Vhost v = j.recovered().vhosts().get("/");
            assertEquals(Set.of("x"), v.exchanges.keySet());
            assertEquals(List.of("q"), List.copyOf(v.queues.keySet()));
            assertEquals(args(), v.queues.get("q").arguments(), "Integer stays Integer, Long stays Long");
            assertEquals(Integer.class, v.queues.get("q").arguments().get("x-message-ttl").getClass());
            assertEquals(Set.of(keep), v.bindings, "bindings of deleted queues go with them");
            assertEquals("ae", v.exchanges.get("x").arguments().get("alternate-exchange").toString());
        }
    }

    @Test
    void aTornTailIsCutAtEveryOffsetAndEverythingBeforeItSurvives() throws Exception {
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            appendAndWait(j, List.of(new QueueDeclared("/", "first", false, Map.of())));
        }
        Path file = dir.resolve(TopologyJournal.FILE_NAME);
        long compacted;
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            compacted = Files.size(file); // the snapshot opening wrote: everything up to "first"
            appendAndWait(j, List.of(new QueueDeclared("/", "second", false, args())));
        }
        byte[] whole = Files.readAllBytes(file);
        int secondEnd = whole.length - MARKER; // the write ends with its end-of-write marker
        for (int cut = (int) compacted; cut < whole.length; cut++) {
            Files.write(file, java.util.Arrays.copyOf(whole, cut));
            JournalRecovery r = JournalRecovery.read(file, false);
            List<String> expected = cut >= secondEnd ? List.of("first", "second") : List.of("first");
            assertEquals(expected, List.copyOf(r.state().vhosts().get("/").queues.keySet()), "cut at " + cut);
            assertTrue(r.damages().isEmpty(), "a cut end is a torn tail, not damage: cut at " + cut);
            assertEquals(cut == secondEnd || cut == compacted ? 0 : cut < secondEnd ? cut - compacted : cut - secondEnd,
                    r.tornBytes(), "cut at " + cut);
            assertNull(r.copy());
        }
        Files.write(file, whole);
        assertEquals(List.of("first", "second"),
                List.copyOf(JournalRecovery.read(file, false).state().vhosts().get("/").queues.keySet()));
    }

    @Test
    void damageInTheLastRecordIsToldFromATornTailByTheMarkerAfterIt() throws Exception {
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            appendAndWait(j, List.of(new QueueDeclared("/", "a", false, Map.of())));
            appendAndWait(j, List.of(new QueueDeclared("/", "b", false, Map.of())));
            appendAndWait(j, List.of(new QueueDeclared("/", "c", false, Map.of())));
        }
        Path file = dir.resolve(TopologyJournal.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        byte[] original = bytes.clone();
        bytes[bytes.length - MARKER - 3] ^= 0x55; // inside c's payload
        Files.write(file, bytes);
        JournalRecovery r = JournalRecovery.read(file, false);
        assertEquals(List.of("a", "b"), List.copyOf(r.state().vhosts().get("/").queues.keySet()));
        assertEquals(1, r.damages().size());
        assertEquals(1, r.damages().get(0).recordsLost());
        assertArrayEquals(bytes, Files.readAllBytes(r.copy()), "the damaged file is kept aside as it was");

        // The same flip in b, in the middle of the file: only b is lost, c is kept.
        int bAt = indexOf(original, new byte[] {1, '/', 1, 'b'}, JournalFormat.FILE_HEADER) + 3;
        original[bAt] ^= 0x55;
        Files.write(file, original);
        r = JournalRecovery.read(file, false);
        assertEquals(List.of("a", "c"), List.copyOf(r.state().vhosts().get("/").queues.keySet()));
        assertEquals(1, r.damages().get(0).recordsLost());
    }

    private static int indexOf(byte[] in, byte[] what, int from) {
        for (int i = from; i <= in.length - what.length; i++) {
            if (java.util.Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void concurrentAppendsShareFsyncsAndEachCallbackRunsOnceAfterItsData() throws Exception {
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            int n = 2000;
            CountDownLatch done = new CountDownLatch(n);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * (n / 4);
                Thread th = new Thread(() -> {
                    for (int i = 0; i < n / 4; i++) {
                        j.append(List.of(new QueueDeclared("/", "q" + (base + i), false, Map.of()))).thenRun(done::countDown);
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertTrue(j.fsyncs() < n / 4, "group commit: " + j.fsyncs() + " fsyncs for " + n + " appends");
        }
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            assertEquals(2000, j.recovered().vhosts().get("/").queues.size());
        }
    }

    @Test
    void openingCompactsTheJournalToTheLiveState() throws Exception {
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            for (int i = 0; i < 200; i++) {
                appendAndWait(j, List.of(new QueueDeclared("/", "tmp" + i, false, args()), new QueueDeleted("/", "tmp" + i)));
            }
        }
        Path file = dir.resolve(TopologyJournal.FILE_NAME);
        long before = Files.size(file);
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            assertTrue(j.recovered().vhosts().get("/").queues.isEmpty());
        }
        assertTrue(Files.size(file) < before / 10, "history is gone after compaction: " + Files.size(file) + " bytes");
    }

    @Test
    void aSecondJournalOnTheSameDirectoryIsRefused() {
        try (TopologyJournal first = TopologyJournal.open(dir)) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> TopologyJournal.open(dir));
            assertTrue(e.getMessage().contains("in use by another Warren process"), e.getMessage());
        }
        TopologyJournal.open(dir).close();
    }
}
