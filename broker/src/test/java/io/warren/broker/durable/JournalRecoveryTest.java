package io.warren.broker.durable;

import io.warren.broker.durable.TopologyRecord.NodeInitialised;
import io.warren.broker.durable.TopologyRecord.QueueDeclared;
import io.warren.broker.durable.TopologyRecord.UserPut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where recovery refuses, and where it must not hand the node back its default user. */
class JournalRecoveryTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(TopologyJournal.FILE_NAME);
    }

    private String refusal() {
        return assertThrows(JournalRecovery.Unrecoverable.class, () -> TopologyJournal.open(dir)).getMessage();
    }

    @Test
    void aNonEmptyJournalWithNoValidRecordIsRefusedAndLeftAsItWas() throws Exception {
        byte[] garbage = "this is not a journal at all, just some bytes".getBytes();
        Files.write(file(), garbage);
        String why = refusal();
        assertTrue(why.contains(file().toAbsolutePath().toString()) && why.contains("no valid record"), why);
        assertArrayEquals(garbage, Files.readAllBytes(file()), "nothing was rewritten");
        TopologyJournal.open(dir.resolve("elsewhere")).close(); // and the lock was given back
        Files.delete(file());
        TopologyJournal.open(dir).close();
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws Exception {
        ByteBuffer header = ByteBuffer.allocate(24).put(JournalFormat.FILE_MAGIC).putInt(3).putLong(0);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 20);
        header.putInt((int) crc.getValue());
        Files.write(file(), header.array());
        String why = refusal();
        assertTrue(why.contains("format version 3"), why);
    }

    @Test
    void aRecordThatChecksumsButIsOfAnUnknownTypeIsRefused() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24 + 19 + 19);
        b.put(JournalFormat.fileHeader(1));
        JournalFormat.writeFrame(b, 1, new byte[] {(byte) 99});
        JournalFormat.writeFrame(b, 1, new byte[] {JournalFormat.END_OF_WRITE});
        Files.write(file(), b.array());
        String why = refusal();
        assertTrue(why.contains("byte offset 24") && why.contains("unknown topology record type 99"), why);
    }

    @Test
    void aDamagedNodeInitialisedRecordNeverBringsBackTheDefaultUser() throws Exception {
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            j.append(List.of(new UserPut("admin", "rabbit_password_hashing_sha256", "x", List.of("administrator"), "{}"),
                    new NodeInitialised())).get(10, TimeUnit.SECONDS);
        }
        // The snapshot at open put NodeInitialised first: damage it, and also the user after it.
        byte[] bytes = Files.readAllBytes(file());
        bytes[JournalFormat.FILE_HEADER + JournalFormat.FRAME_HEADER] ^= 0x01;
        Files.write(file(), bytes);
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            assertEquals(1, j.recovery().damages().size());
            assertTrue(j.recovered().initialised(), "the journal held something: the node was set up");
            assertTrue(j.recovered().users().containsKey("admin"));
            assertTrue(Files.exists(j.recovery().copy()));
        }
    }

    @Test
    void aLostUserDeletionRefusesToStartUnlessToldToAndAQueueLossDoesNot() throws Exception {
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            j.append(List.of(new NodeInitialised(),
                    new UserPut("guest", "rabbit_password_hashing_sha256", "x", List.of("administrator"), "{}"),
                    new QueueDeclared("/", "q", false, Map.of()))).get(10, TimeUnit.SECONDS);
        }
        try (TopologyJournal j = TopologyJournal.open(dir)) { // now the snapshot; then two appends
            j.append(List.of(new TopologyRecord.UserDeleted("guest"))).get(10, TimeUnit.SECONDS);
            j.append(List.of(new QueueDeclared("/", "later", false, Map.of()))).get(10, TimeUnit.SECONDS);
        }
        byte[] clean = Files.readAllBytes(file());
        byte[] lostDeletion = clean.clone();
        int marker = JournalFormat.FRAME_HEADER + 1;
        int laterFrame = marker + JournalFormat.FRAME_HEADER
                + JournalScanPropertiesTest.payload(new QueueDeclared("/", "later", false, Map.of())).length;
        int deletion = clean.length - laterFrame - marker - 2; // inside the UserDeleted record
        lostDeletion[deletion] ^= 0x40;
        Files.write(file(), lostDeletion);
        String why = refusal();
        assertTrue(why.contains("took access away") && why.contains("a user's deletion")
                && why.contains(JournalRecovery.ACCESS_DAMAGE_SETTING + " = start"), why);
        assertArrayEquals(lostDeletion, Files.readAllBytes(file()), "nothing was rewritten");
        try (TopologyJournal j = TopologyJournal.open(dir, new io.warren.queue.store.StorageHealth(), true)) {
            assertTrue(j.recovered().users().containsKey("guest"), "told to start: what can be read");
            assertEquals(List.of("q", "later"), List.copyOf(j.recovered().vhosts().get("/").queues.keySet()));
        }

        Files.write(file(), clean);
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            j.append(List.of(new QueueDeclared("/", "last", false, Map.of()))).get(10, TimeUnit.SECONDS);
        }
        byte[] lostQueue = Files.readAllBytes(file());
        lostQueue[lostQueue.length - marker - 2] ^= 0x40; // inside "last"
        Files.write(file(), lostQueue);
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            assertEquals(List.of("q", "later"), List.copyOf(j.recovered().vhosts().get("/").queues.keySet()));
            assertTrue(!j.recovered().users().containsKey("guest"));
        }
    }

    @Test
    void aJournalOfTheFormatBeforeIsReadAndRewrittenInTheCurrentOne() throws Exception {
        byte[] p = JournalScanPropertiesTest.payload(new QueueDeclared("/", "old", false, Map.of()));
        CRC32C crc = new CRC32C();
        crc.update(p);
        Files.write(file(), ByteBuffer.allocate(8 + p.length).putInt(p.length).putInt((int) crc.getValue()).put(p).array());
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            assertEquals(List.of("old"), List.copyOf(j.recovered().vhosts().get("/").queues.keySet()));
            assertFalse(j.recovered().initialised(), "a version 1 journal without users is from before users were journaled");
        }
        assertTrue(JournalFormat.startsWithMagic(Files.readAllBytes(file())));
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            assertEquals(List.of("old"), List.copyOf(j.recovered().vhosts().get("/").queues.keySet()));
        }
    }

    @Test
    void aDamagedFileHeaderCostsNoRecord() throws Exception {
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            j.append(List.of(new QueueDeclared("/", "q", false, Map.of()))).get(10, TimeUnit.SECONDS);
        }
        byte[] bytes = Files.readAllBytes(file());
        bytes[2] ^= 0x20;
        Files.write(file(), bytes);
        try (TopologyJournal j = TopologyJournal.open(dir)) {
            assertEquals(List.of("q"), List.copyOf(j.recovered().vhosts().get("/").queues.keySet()));
            assertEquals(0, j.recovery().damages().get(0).recordsLost());
        }
    }
}
