package io.warren.tests.durable;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import io.warren.queue.store.StorageHealth;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damage to the files of a durable queue, one piece at a time, on a copy of one data directory:
 * a flipped byte, a zeroed range or a cut in the oldest, a middle and the newest segment, damaged
 * ack entries, a damaged or missing queue.name, an unreadable segment, a segment of a newer
 * format. After each, the broker restarts and the test drains both queues and asserts exactly
 * which messages are lost (only the damaged records'), which come back redelivered, what the log
 * says, that a copy of the damaged file was put aside, and that the other queue is untouched.
 * Warren-only.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StoreCorruptionTest {
    private static final int SEGMENT_SIZE = 4096;
    private static final int VICTIM_MESSAGES = 100;
    private static final int BYSTANDER_MESSAGES = 30;
    private static final int ACKED = 10;
    private static final int DELIVERED = 5;
    private static final Pattern INDEX = Pattern.compile("m-(\\d{5})-");

    @TempDir
    static Path pristine;
    @TempDir
    Path dataDir;

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private WarrenServer server;

    /** A record of a segment file, and which message it holds. */
    record Rec(Path file, long offset, int length, int index) {
    }

    @BeforeAll
    static void publish() throws Exception {
        WarrenServer s = WarrenServer.start(config(pristine));
        try (Connection c = connect(s)) {
            Channel ch = c.createChannel();
            ch.queueDeclare("victim", true, false, false, null);
            ch.queueDeclare("bystander", true, false, false, null);
            ch.confirmSelect();
            for (int i = 0; i < VICTIM_MESSAGES; i++) {
                ch.basicPublish("", "victim", MessageProperties.PERSISTENT_BASIC, body(i));
            }
            for (int i = 0; i < BYSTANDER_MESSAGES; i++) {
                ch.basicPublish("", "bystander", MessageProperties.PERSISTENT_BASIC, body(i));
            }
            ch.waitForConfirmsOrDie(10_000);
            for (int i = 0; i < ACKED; i++) {
                GetResponse r = ch.basicGet("victim", false);
                ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
            }
            for (int i = 0; i < DELIVERED; i++) {
                ch.basicGet("victim", false);
            }
        } finally {
            s.close();
        }
    }

    private static byte[] body(int i) {
        return (String.format("m-%05d-", i) + "x".repeat(180)).getBytes(StandardCharsets.US_ASCII);
    }

    private static io.warren.server.config.WarrenConfig config(Path dir) {
        return TestConfigs.ephemeralPorts().dataDir(dir).segmentSize(SEGMENT_SIZE).build();
    }

    private static Connection connect(WarrenServer s) throws Exception {
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setPort(s.amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    @BeforeEach
    void copyPristineAndCaptureTheLog() throws IOException {
        try (Stream<Path> files = Files.walk(pristine)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = dataDir.resolve(pristine.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        Logger.getLogger("io.warren.queue.store").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("io.warren.queue.store").removeHandler(capture);
        if (server != null) {
            server.close();
        }
    }

    // ---- the data directory ----

    private Path queueDir(String queue) throws IOException {
        try (Stream<Path> dirs = Files.list(dataDir.resolve("messages").resolve("queues"))) {
            return dirs.filter(d -> {
                try {
                    return new String(Files.readAllBytes(d.resolve("queue.name")), StandardCharsets.ISO_8859_1)
                            .contains(queue);
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
    }

    private List<Path> segments(String queue) throws IOException {
        try (Stream<Path> files = Files.list(queueDir(queue))) {
            return files.filter(f -> f.getFileName().toString().startsWith("msgs.")).sorted().toList();
        }
    }

    private static List<Rec> records(Path segment) throws IOException {
        byte[] b = Files.readAllBytes(segment);
        ByteBuffer in = ByteBuffer.wrap(b);
        List<Rec> out = new ArrayList<>();
        for (int at = 8; at + 8 <= b.length; ) {
            int length = 8 + in.getInt(at);
            Matcher m = INDEX.matcher(new String(b, at, length, StandardCharsets.ISO_8859_1));
            assertTrue(m.find());
            out.add(new Rec(segment, at, length, Integer.parseInt(m.group(1))));
            at += length;
        }
        return out;
    }

    private Path pick(String which) throws IOException {
        List<Path> all = segments("victim");
        assertTrue(all.size() >= 4, "the victim spans several segments: " + all.size());
        return switch (which) {
            case "oldest" -> all.get(0);
            case "middle" -> all.get(all.size() / 2);
            default -> all.get(all.size() - 1);
        };
    }

    private static void write(Path file, long at, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), at);
        }
    }

    private static void flip(Path file, long at) throws IOException {
        byte[] b = new byte[1];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.read(ByteBuffer.wrap(b), at);
            b[0] ^= 0x5A;
            channel.write(ByteBuffer.wrap(b), at);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private Path damagedCopy(Path file) {
        return dataDir.resolve("messages").resolve("damaged").resolve(file.getParent().getFileName().toString())
                .resolve(file.getFileName().toString());
    }

    // ---- restart and drain ----

    /** A drained message: its number and whether it came back flagged redelivered. */
    record Got(int index, boolean redelivered) {
    }

    private Connection restart() throws Exception {
        server = WarrenServer.start(config(dataDir));
        return connect(server);
    }

    private static List<Got> drain(Channel ch, String queue) throws IOException {
        List<Got> got = new ArrayList<>();
        for (GetResponse r; (r = ch.basicGet(queue, true)) != null; ) {
            Matcher m = INDEX.matcher(new String(r.getBody(), StandardCharsets.US_ASCII));
            assertTrue(m.find());
            got.add(new Got(Integer.parseInt(m.group(1)), r.getEnvelope().isRedeliver()));
        }
        return got;
    }

    /**
     * Restarts, drains both queues, and checks: the victim holds every unacked message but
     * {@code lost}, in order; the redelivered ones are those delivered before (or {@code redelivered});
     * the bystander is whole.
     */
    private void assertAfterRestart(Set<Integer> lost, Set<Integer> redelivered) throws Exception {
        try (Connection c = restart()) {
            Channel ch = c.createChannel();
            List<Got> victim = drain(ch, "victim");
            List<Integer> expected = new ArrayList<>();
            for (int i = ACKED; i < VICTIM_MESSAGES; i++) {
                if (!lost.contains(i)) {
                    expected.add(i);
                }
            }
            assertEquals(expected, victim.stream().map(Got::index).toList(), "victim: lost exactly " + lost);
            for (Got g : victim) {
                boolean wasDelivered = g.index() < ACKED + DELIVERED || redelivered.contains(g.index());
                assertEquals(wasDelivered, g.redelivered(), "redelivered flag of message " + g.index());
            }
            List<Got> bystander = drain(ch, "bystander");
            assertEquals(BYSTANDER_MESSAGES, bystander.size(), "the other queue is untouched");
            for (int i = 0; i < BYSTANDER_MESSAGES; i++) {
                assertEquals(new Got(i, false), bystander.get(i));
            }
        }
    }

    private LogRecord logged(Level level, String... parts) {
        for (LogRecord r : logged) {
            String text = new java.util.logging.SimpleFormatter().formatMessage(r);
            if (r.getLevel().intValue() == level.intValue() && Stream.of(parts).allMatch(text::contains)) {
                return r;
            }
        }
        throw new AssertionError("no " + level + " log naming " + List.of(parts) + " in " + logged.stream()
                .map(r -> r.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(r)).toList());
    }

    private static void figure(String kind, int lost) {
        System.out.println("DAMAGE-FIGURE " + kind + ": " + lost + " message(s) lost");
    }

    // ---- the cases ----

    @Test
    void undamagedFilesRecoverEverything() throws Exception {
        assertAfterRestart(Set.of(), Set.of());
        assertTrue(logged.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()), "no damage reported");
    }

    @ParameterizedTest(name = "{0} segment, {1} record, byte {2} of it")
    @CsvSource({
        "oldest, last, 1", "oldest, last, 100",
        "middle, first, 0", "middle, first, 5", "middle, middle, 60", "middle, last, 150",
        "newest, first, 3", "newest, middle, 120", "newest, last, 9", "newest, last, -1",
    })
    void aFlippedByteCostsTheOneRecordItHits(String segment, String record, int byteOfRecord) throws Exception {
        Path file = pick(segment);
        List<Rec> recs = records(file);
        Rec victim = switch (record) {
            case "first" -> recs.get(0);
            case "middle" -> recs.get(recs.size() / 2);
            default -> recs.get(recs.size() - 1);
        };
        long at = victim.offset() + (byteOfRecord < 0 ? victim.length() - 1 : byteOfRecord);
        flip(file, at);
        byte[] damaged = Files.readAllBytes(file);
        Set<Integer> lost = victim.index() >= ACKED ? Set.of(victim.index()) : Set.of();
        assertAfterRestart(lost, Set.of());
        logged(Level.SEVERE, file.toString(), "at offset " + victim.offset(), "1 record", "'victim'");
        assertTrue(java.util.Arrays.equals(damaged, Files.readAllBytes(damagedCopy(file))),
                "the damaged file is copied aside as it was");
        figure("flipped byte in the " + segment + " segment", lost.size());
    }

    @Test
    void aZeroedRangeCostsTheRecordsItTouches() throws Exception {
        Path file = pick("middle");
        List<Rec> recs = records(file);
        Rec first = recs.get(1);
        Rec last = recs.get(3);
        write(file, first.offset() + 50, new byte[(int) (last.offset() + 20 - first.offset() - 50)]);
        Set<Integer> lost = Set.of(first.index(), first.index() + 1, last.index());
        assertAfterRestart(lost, Set.of());
        logged(Level.SEVERE, file.toString(), "at offset " + first.offset(), "at most 3)",
                "queue sequences between " + (first.index() - 1) + " and " + (last.index() + 1));
        assertTrue(Files.exists(damagedCopy(file)));
        figure("zeroed range over 3 records", lost.size());
    }

    @Test
    void aCutNewestSegmentIsATornTail() throws Exception {
        Path file = pick("newest");
        List<Rec> recs = records(file);
        Rec last = recs.get(recs.size() - 1);
        truncate(file, last.offset() + last.length() / 2);
        assertAfterRestart(Set.of(last.index()), Set.of());
        logged(Level.INFO, "Cut the torn tail of " + file, "at offset " + last.offset());
        assertFalse(Files.exists(damagedCopy(file)), "a crash's trace needs no copy");
        assertTrue(logged.stream().noneMatch(r -> r.getLevel() == Level.SEVERE), "no ERROR for a torn tail");
        figure("newest segment cut inside its last record (torn tail)", 1);
    }

    @Test
    void aCutOlderSegmentIsDamage() throws Exception {
        Path file = pick("middle");
        List<Rec> recs = records(file);
        Rec cut = recs.get(recs.size() - 3);
        byte[] whole = Files.readAllBytes(file);
        truncate(file, cut.offset() + 30);
        Set<Integer> lost = new TreeSet<>();
        recs.subList(recs.size() - 3, recs.size()).forEach(r -> lost.add(r.index()));
        assertAfterRestart(lost, Set.of());
        logged(Level.SEVERE, file.toString(), "at offset " + cut.offset());
        assertEquals(cut.offset() + 30, Files.size(damagedCopy(file)));
        assertTrue(whole.length > cut.offset() + 30);
        figure("middle segment cut 3 records before its end", lost.size());
    }

    @Test
    void aDamagedAckEntryDropsNothing() throws Exception {
        Path acks = queueDir("victim").resolve("acks.0000000001");
        byte[] entries = Files.readAllBytes(acks);
        // A delivery mark and an ack for each acked message, a delivery mark for each delivered one.
        assertEquals(8 + 8 * (2 * ACKED + DELIVERED), entries.length, "a header, then one entry per mark");
        long offsetOf3 = records(pick("oldest")).stream().filter(r -> r.index() == 3).findFirst().orElseThrow().offset();
        int ackOf3 = -1;
        for (int at = 8; at < entries.length; at += 8) {
            if (ByteBuffer.wrap(entries).getInt(at) == offsetOf3) {
                ackOf3 = at;
            }
        }
        assertTrue(ackOf3 > 0, "the ack of message 3 is keyed by its record's offset");
        flip(acks, ackOf3 + 2);
        Set<Integer> sameSegment = new TreeSet<>();
        records(pick("oldest")).forEach(r -> sameSegment.add(r.index()));
        try (Connection c = restart()) {
            Channel ch = c.createChannel();
            List<Got> victim = drain(ch, "victim");
            assertEquals(3, victim.get(0).index(), "the message whose ack was damaged comes back, first");
            assertTrue(victim.get(0).redelivered());
            assertEquals(VICTIM_MESSAGES - ACKED + 1, victim.size(), "nothing is lost");
            for (Got g : victim) {
                assertEquals(sameSegment.contains(g.index()), g.redelivered(),
                        "every message of the segment comes back redelivered: " + g.index());
            }
        }
        logged(Level.SEVERE, acks.toString(), "1 entries fail their checksum");
        assertTrue(Files.exists(damagedCopy(acks)));
        figure("flipped byte in an ack entry", 0);
    }

    @Test
    void aDamagedQueueNameIsWrittenAnew() throws Exception {
        Path name = queueDir("victim").resolve("queue.name");
        flip(name, 5);
        assertAfterRestart(Set.of(), Set.of());
        logged(Level.SEVERE, name.toString(), "written anew for queue 'victim'");
        assertTrue(Files.exists(damagedCopy(name)));
        figure("flipped byte in queue.name", 0);
    }

    @Test
    void aMissingQueueNameIsWrittenAnew() throws Exception {
        Path name = queueDir("victim").resolve("queue.name");
        Files.delete(name);
        assertAfterRestart(Set.of(), Set.of());
        logged(Level.WARNING, name.toString(), "was missing");
        assertTrue(Files.exists(name));
        figure("deleted queue.name", 0);
    }

    @Test
    void aQueueWhoseSegmentCannotBeReadIsUnavailableWhileTheOthersServe() throws Exception {
        Path file = pick("middle");
        // A directory where the segment should be: opening it for reading fails, even as root.
        Files.delete(file);
        Files.createDirectory(file);
        try (Connection c = restart()) {
            Channel ch = c.createChannel();
            assertEquals(BYSTANDER_MESSAGES, drain(ch, "bystander").size(), "the other queue serves");
            String subject = "queue 'victim' in vhost '/'";
            StorageHealth.Fault fault = server.broker().storageHealth().fault(subject);
            assertNotNull(fault, "reported to the storage health");
            assertEquals(file.toString(), fault.file(), "the fault names the file that cannot be read");

            assertEquals(200, http("GET", "/api/queues/%2F/bystander").statusCode());
            HttpResponse<String> shown = http("GET", "/api/queues/%2F/victim");
            assertEquals(200, shown.statusCode());
            assertTrue(shown.body().contains("\"state\":\"crashed\""), shown.body());
            assertTrue(http("GET", "/api/queues").body().contains("\"state\":\"crashed\""));
            HttpResponse<String> storage = http("GET", "/api/health/checks/storage");
            assertTrue(storage.body().contains("queue 'victim' in vhost '/'"), storage.body());
            assertEquals(503, http("GET", "/api/health/checks/virtual-hosts").statusCode(), "its vhost is not healthy");
            assertTrue(http("GET", "/api/definitions").body().contains("\"name\":\"victim\""),
                    "it stays in the exported topology");

            IOException declare = assertThrows(IOException.class, () -> c.createChannel().queueDeclarePassive("victim"));
            assertTrue(declare.getCause().getMessage().contains(
                    "reply-code=404, reply-text=NOT_FOUND - queue 'victim' in vhost '/' has crashed and failed to restart"),
                    declare.getCause().getMessage());
            IOException redeclare = assertThrows(IOException.class,
                    () -> c.createChannel().queueDeclare("victim", true, false, false, null));
            assertTrue(redeclare.getCause().getMessage().contains("has crashed and failed to restart"));
            IOException consume = assertThrows(IOException.class,
                    () -> c.createChannel().basicConsume("victim", true, (tag, d) -> { }, tag -> { }));
            assertTrue(consume.getCause().getMessage().contains("has crashed and failed to restart"));

            Channel confirms = c.createChannel();
            confirms.confirmSelect();
            confirms.basicPublish("", "victim", MessageProperties.PERSISTENT_BASIC, body(1000));
            assertFalse(confirms.waitForConfirms(10_000), "a publish to it is not confirmed: nack");
            confirms.basicPublish("", "bystander", MessageProperties.PERSISTENT_BASIC, body(1001));
            assertTrue(confirms.waitForConfirms(10_000));

            c.createChannel().queueDelete("victim");
            assertEquals(null, server.broker().storageHealth().fault(subject), "deleting it clears the fault");
            AMQP.Queue.DeclareOk fresh = c.createChannel().queueDeclare("victim", true, false, false, null);
            assertEquals(0, fresh.getMessageCount(), "a new queue of that name starts empty");
        }
        try (Stream<Path> aside = Files.list(dataDir.resolve("messages").resolve("damaged"))) {
            assertTrue(aside.anyMatch(p -> p.getFileName().toString().startsWith(file.getParent().getFileName() + "-")),
                    "the unreadable queue's files are set aside, not destroyed");
        }
    }

    @Test
    void aSegmentOfANewerFormatStopsTheStartNamingTheFile() throws Exception {
        Path file = pick("oldest");
        write(file, 4, new byte[] {0, 0, 0, 7});
        flip(file, 8 + 20);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WarrenServer.start(config(dataDir)));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("format version 7"),
                e.getMessage());
    }

    @Test
    void aRealNodeLogsTheDamageAndRefusesANewerFormatWithExitStatusOne() throws Exception {
        Path log = Files.createTempFile("warren-corruption", ".log");
        try {
            logsAndRefuses(log);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private void logsAndRefuses(Path log) throws Exception {
        Path file = pick("middle");
        Rec hit = records(file).get(2);
        flip(file, hit.offset() + 40);
        try (WarrenProcess warren = WarrenProcess.start(dataDir, log); Connection c = warren.connect()) {
            assertEquals(VICTIM_MESSAGES - ACKED - 1, c.createChannel().queueDeclarePassive("victim").getMessageCount());
        }
        String text = Files.readString(log);
        assertTrue(text.contains("SEVERE: Damaged message store file " + file + " at offset " + hit.offset()
                + ": checksum mismatch. Skipped " + hit.length() + " bytes holding 1 record"), text);

        Path oldest = pick("oldest");
        write(oldest, 4, new byte[] {0, 0, 0, 7});
        flip(oldest, 8 + 20);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> WarrenProcess.start(dataDir, log));
        assertEquals("Warren exited with 1", refused.getMessage());
        text = Files.readString(log);
        assertTrue(text.contains("Warren cannot start: cannot start: " + oldest + " has format version 7"), text);
    }

    @Test
    void anOrphanAckFileIsReportedAsAMissingSegment() throws Exception {
        Path file = pick("oldest");
        Files.delete(file);
        Set<Integer> lost = new TreeSet<>();
        records(damagedOrPristine(file)).forEach(r -> {
            if (r.index() >= ACKED) {
                lost.add(r.index());
            }
        });
        assertAfterRestart(lost, Set.of());
        logged(Level.SEVERE, file.toString(), "is missing");
        figure("deleted oldest segment (its ack file remains)", lost.size());
    }

    private static Set<Integer> indexes(Path segment) throws IOException {
        Set<Integer> out = new TreeSet<>();
        records(segment).forEach(r -> out.add(r.index()));
        return out;
    }

    private static Path acksOf(Path segment) {
        return segment.resolveSibling(segment.getFileName().toString().replace("msgs.", "acks."));
    }

    @Test
    void aDeletedMiddleSegmentIsReportedWithTheMessagesItHeld() throws Exception {
        Path file = pick("middle");
        Set<Integer> lost = indexes(file);
        Files.delete(file);
        assertTrue(Files.exists(acksOf(file)), "every segment has its ack file, marks or not");
        assertAfterRestart(lost, Set.of());
        logged(Level.SEVERE, file.toString(), "is missing", "'victim'", "(" + lost.size() + " messages");
        assertTrue(Files.exists(damagedCopy(acksOf(file))), "its ack file is kept aside");
        figure("deleted middle segment (its ack file remains)", lost.size());
    }

    @Test
    void aDeletedNewestSegmentIsReported() throws Exception {
        Path file = pick("newest");
        Set<Integer> lost = indexes(file);
        Files.delete(file);
        assertAfterRestart(lost, Set.of());
        logged(Level.SEVERE, file.toString(), "is missing", "'victim'",
                "queue sequences after " + (lost.iterator().next() - 1));
        figure("deleted newest segment (its ack file remains)", lost.size());
    }

    @Test
    void aDeletedSegmentWithItsAckFileIsReported() throws Exception {
        Path file = pick("middle");
        Set<Integer> lost = indexes(file);
        Files.delete(file);
        Files.delete(acksOf(file));
        assertAfterRestart(lost, Set.of());
        int first = lost.iterator().next();
        int last = ((TreeSet<Integer>) lost).last();
        logged(Level.SEVERE, file.toString(), "is missing", acksOf(file).toString(), "'victim'",
                "queue sequences between " + (first - 1) + " and " + (last + 1));
        figure("deleted middle segment and its ack file", lost.size());
    }

    @Test
    void aDeletedAckFileBringsItsSegmentBackRedelivered() throws Exception {
        Path segment = pick("oldest");
        Path acks = acksOf(segment);
        Set<Integer> sameSegment = indexes(segment);
        assertTrue(sameSegment.containsAll(List.of(0, ACKED - 1, ACKED + DELIVERED - 1)),
                "the acked and delivered messages are in the oldest segment");
        Files.delete(acks);
        try (Connection c = restart()) {
            Channel ch = c.createChannel();
            List<Got> victim = drain(ch, "victim");
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < VICTIM_MESSAGES; i++) {
                all.add(i);
            }
            assertEquals(all, victim.stream().map(Got::index).toList(),
                    "nothing is lost; the acked messages of that segment come back too");
            for (Got g : victim) {
                assertEquals(sameSegment.contains(g.index()), g.redelivered(),
                        "every message of the segment, and only those, comes back redelivered: " + g.index());
            }
            assertEquals(BYSTANDER_MESSAGES, drain(ch, "bystander").size());
        }
        logged(Level.SEVERE, acks.toString(), "is missing", "all " + sameSegment.size() + " of them come back marked redelivered");
        figure("deleted ack file of a segment with " + ACKED + " acked and " + DELIVERED + " delivered messages (all "
                + sameSegment.size() + " of its messages come back redelivered, the acked ones too)", 0);
    }

    private Path damagedOrPristine(Path file) {
        return pristine.resolve(dataDir.relativize(file).toString());
    }

    private HttpResponse<String> http(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.managementPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes()))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
