package io.warren.tests.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.broker.Broker;
import io.warren.broker.PasswordHash;
import io.warren.broker.User;
import io.warren.broker.VirtualHost;
import io.warren.broker.access.GlobalParameter;
import io.warren.broker.access.Permission;
import io.warren.broker.access.TopicPermission;
import io.warren.broker.access.VhostMetadata;
import io.warren.broker.definitions.DefinitionsExport;
import io.warren.broker.definitions.DefinitionsFormat;
import io.warren.broker.durable.JournalRecovery;
import io.warren.broker.durable.JournalScan;
import io.warren.dlx.policy.ApplyTo;
import io.warren.dlx.policy.Policy;
import io.warren.queue.MessageQueue;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The corruption suite of {@code topology.log}. A broker builds a journal holding every kind of
 * record (vhosts with metadata, users including a deleted guest, permissions, topic permissions,
 * policies, a global parameter, exchanges, queues with persistent messages, bindings), over two
 * runs so that it holds a snapshot and appends. Then, for every frame in it, the journal is
 * damaged (a flipped payload byte, a flipped length byte, a garbled span across the frame's
 * end, a cut inside and at the start of the frame) and a broker restarted on a copy of the data
 * directory. What it recovers must equal what a broker recovers from the same journal with
 * exactly the damaged frames taken out (the oracle), the damage must be reported with its offset
 * and the records it cost, the damaged file kept aside byte for byte, and the default user must
 * never come back. Warren-only: it damages files and restarts the broker.
 *
 * <p>The whole suite (every frame, every kind) runs with {@code -Dwarren.corruption.every=1};
 * by default every third frame is damaged, plus the first and the last two.
 */
class TopologyCorruptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FILE_HEADER = 24;
    private static final int FRAME_HEADER = 18;
    private static final int EVERY = Integer.getInteger("warren.corruption.every", 3);

    @TempDir
    static Path work;
    private static Path template;
    private static byte[] journal;
    private static List<int[]> frames; // {offset, end, 1 if an end-of-write marker, sequence number, record type}
    private static long snapshotRecords;
    private static final Map<Set<Integer>, Observed> ORACLE = new ConcurrentHashMap<>();
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** What a restarted broker holds, as a client and an operator could see it. */
    record Observed(JsonNode definitions, Map<String, Integer> messages, boolean initialised) {}

    record Outcome(Observed state, JournalRecovery recovery, String log, List<Path> copies) {}

    // ---- building the journal ----

    @BeforeAll
    static void build() throws Exception {
        template = work.resolve("template");
        WarrenServer server = start(template);
        try {
            firstRun(server);
        } finally {
            server.close();
        }
        server = start(template);
        try {
            secondRun(server);
        } finally {
            server.close();
        }
        journal = Files.readAllBytes(template.resolve("topology.log"));
        frames = parse(journal);
        assertTrue(frames.size() > 40, "a journal of many records: " + frames.size());
    }

    private static void firstRun(WarrenServer server) throws Exception {
        Broker b = server.broker();
        b.addVhost("v1", new VhostMetadata("orders", List.of("prod"), "classic", Map.of("max-queues", 50))).join();
        b.users().put(new User("root", PasswordHash.sha256("rootpw"), Set.of("administrator"))).join();
        b.users().put(new User("alice", PasswordHash.sha256("alicepw"), Set.of("monitoring"))).join();
        b.permissions().set(new Permission("root", "/", ".*", ".*", ".*")).join();
        b.permissions().set(new Permission("root", "v1", ".*", ".*", ".*")).join();
        b.permissions().set(new Permission("alice", "v1", "^a\\.", ".*", ".*")).join();
        b.permissions().setTopic(new TopicPermission("alice", "v1", "amq.topic", "^alice\\.", ".*")).join();
        b.parameters().setGlobal(new GlobalParameter("cluster_name", "corruption-suite")).join();
        b.vhosts().get("/").putPolicy(new Policy("/", "cap", "^q\\.", ApplyTo.QUEUES, 1,
                Map.of("max-length", 1000)), false).join();
        b.vhosts().get("v1").putPolicy(new Policy("v1", "opcap", ".*", ApplyTo.QUEUES, 0,
                Map.of("max-length", 5000)), true).join();
        try (Connection c = connect(server, "guest", "guest", "/")) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            ch.exchangeDeclare("x.topic", BuiltinExchangeType.TOPIC, true);
            ch.exchangeDeclare("x.fanout", BuiltinExchangeType.FANOUT, true);
            ch.exchangeBind("x.fanout", "x.topic", "audit.#");
            for (int i = 1; i <= 4; i++) {
                ch.queueDeclare("q." + i, true, false, false, Map.of("x-max-priority", i));
                ch.queueBind("q." + i, i % 2 == 0 ? "x.fanout" : "x.topic", "k." + i);
                publish(ch, "q." + i, i);
            }
            ch.waitForConfirmsOrDie(10_000);
        }
    }

    private static void secondRun(WarrenServer server) throws Exception {
        Broker b = server.broker();
        try (Connection c = connect(server, "guest", "guest", "/")) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            for (int i = 5; i <= 7; i++) {
                ch.queueDeclare("q." + i, true, false, false, null);
                ch.queueBind("q." + i, "x.topic", "k." + i);
                publish(ch, "q." + i, i);
            }
            ch.exchangeDeclare("x.gone", BuiltinExchangeType.DIRECT, true);
            ch.exchangeDelete("x.gone");
            ch.queueUnbind("q.1", "x.topic", "k.1");
            ch.waitForConfirmsOrDie(10_000);
        }
        b.users().put(new User("bob", PasswordHash.sha256("bobpw"), Set.of())).join();
        b.users().remove("bob").join();
        b.permissions().set(new Permission("alice", "v1", "^$", "^$", ".*")).join(); // narrowed
        b.users().remove("guest").join();
        b.vhosts().get("/").putPolicy(new Policy("/", "late", "^late\\.", ApplyTo.ALL, 2,
                Map.of("max-length", 7)), false).join();
    }

    private static void publish(Channel ch, String queue, int count) throws Exception {
        for (int m = 0; m < count; m++) {
            ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                    (queue + "#" + m).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Walks the frames of a version 2 journal: a header of magic, version, snapshot size and CRC;
     * frames of magic, length, sequence number, CRC and payload (whose first byte is the type).
     */
    private static List<int[]> parse(byte[] bytes) {
        assertEquals("WARRENTJ", new String(bytes, 0, 8, StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.wrap(bytes);
        snapshotRecords = b.getLong(12);
        List<int[]> out = new ArrayList<>();
        for (int pos = FILE_HEADER; pos < bytes.length; ) {
            int length = b.getInt(pos + 2);
            int end = pos + FRAME_HEADER + length;
            int type = bytes[pos + FRAME_HEADER];
            out.add(new int[] {pos, end, length == 1 && type == 0 ? 1 : 0, (int) b.getLong(pos + 6), type});
            pos = end;
        }
        return out;
    }

    /**
     * Whether losing these frames could give back access that was taken away: a topic
     * permission anywhere, or a change to users, permissions or vhosts after the snapshot.
     */
    private static boolean widensAccess(Set<Integer> lost) {
        return lost.stream().map(frames::get).anyMatch(f -> f[2] == 0 && (f[4] == 15
                || f[3] > snapshotRecords && Set.of(8, 11, 12, 13, 14).contains(f[4])));
    }

    // ---- running a broker on a damaged copy ----

    private static WarrenServer start(Path dataDir) {
        return start(dataDir, false);
    }

    private static WarrenServer start(Path dataDir, boolean startOnAccessDamage) {
        return WarrenServer.start(TestConfigs.ephemeralPorts().dataDir(dataDir).startOnAccessDamage(startOnAccessDamage)
                .build());
    }

    private static Connection connect(WarrenServer server, String user, String password, String vhost) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(server.amqpPort());
        f.setUsername(user);
        f.setPassword(password);
        f.setVirtualHost(vhost);
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    /** A copy of the template data directory whose journal is {@code bytes} (none when null). */
    private static Path copyWith(byte[] bytes) throws Exception {
        Path dir = work.resolve("run-" + RUNS.incrementAndGet());
        try (Stream<Path> all = Files.walk(template)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = dir.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (!p.getFileName().toString().equals(".lock")) {
                    Files.copy(p, to);
                }
            }
        }
        Path file = dir.resolve("topology.log");
        if (bytes == null) {
            Files.delete(file);
        } else {
            Files.write(file, bytes);
        }
        return dir;
    }

    private static Outcome run(byte[] bytes) throws Exception {
        return run(bytes, false);
    }

    private static Outcome run(byte[] bytes, boolean startOnAccessDamage) throws Exception {
        Path dir = copyWith(bytes);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        WarrenServer server;
        try {
            server = start(dir, startOnAccessDamage);
        } finally {
            System.setErr(original);
        }
        try {
            Broker b = server.broker();
            JsonNode definitions = JSON.readTree(new DefinitionsExport(b).exportAll(DefinitionsFormat.RABBITMQ_4));
            Map<String, Integer> messages = new TreeMap<>();
            for (VirtualHost v : b.vhosts().all()) {
                for (MessageQueue q : v.queues()) {
                    messages.put(v.name() + " " + q.name(), q.owner().submit(q::messageCount).get(10, TimeUnit.SECONDS));
                }
            }
            List<Path> copies;
            try (Stream<Path> files = Files.list(dir)) {
                copies = files.filter(p -> p.getFileName().toString().startsWith("topology.log.damaged-")).toList();
            }
            return new Outcome(new Observed(definitions, messages, b.initialised()), b.storage().journal().recovery(),
                    captured.toString(StandardCharsets.UTF_8), copies);
        } finally {
            server.close();
        }
    }

    /** The state a broker recovers from the template's journal with the frames {@code gone} taken out. */
    private static Observed oracle(Set<Integer> gone) {
        return ORACLE.computeIfAbsent(gone, g -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(journal, 0, FILE_HEADER);
            for (int i = 0; i < frames.size(); i++) {
                if (!g.contains(i)) {
                    out.write(journal, frames.get(i)[0], frames.get(i)[1] - frames.get(i)[0]);
                }
            }
            try {
                Outcome o = run(out.toByteArray());
                assertTrue(o.recovery().damages().isEmpty() && o.recovery().tornBytes() == 0, "the oracle is undamaged");
                return o.state();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static Set<Integer> range(int from, int to) {
        Set<Integer> s = new HashSet<>();
        IntStream.range(from, to).forEach(s::add);
        return s;
    }

    // ---- the cases ----

    static Stream<Arguments> frameIndexes() {
        // Built lazily by JUnit after @BeforeAll: the frames are known by then.
        int n = frames.size();
        return IntStream.range(0, n).filter(i -> i % EVERY == 0 || i == 1 || i >= n - 2).mapToObj(Arguments::of);
    }

    @ParameterizedTest(name = "flipped payload byte in frame {0}")
    @MethodSource("frameIndexes")
    @Timeout(120)
    void aFlippedPayloadByteCostsOnlyItsRecord(int k) throws Exception {
        int[] f = frames.get(k);
        byte[] bytes = journal.clone();
        int at = f[0] + FRAME_HEADER + (f[1] - f[0] - FRAME_HEADER) / 2;
        bytes[at] ^= 0x5A;
        assertDamageCosts("flipped payload byte", bytes, k, k + 1);
    }

    @ParameterizedTest(name = "flipped length byte in frame {0}")
    @MethodSource("frameIndexes")
    @Timeout(120)
    void aFlippedLengthByteCostsOnlyItsRecord(int k) throws Exception {
        byte[] bytes = journal.clone();
        bytes[frames.get(k)[0] + 4] ^= 0x01; // length is bytes 2..5 of the frame
        assertDamageCosts("flipped length byte", bytes, k, k + 1);
    }

    @ParameterizedTest(name = "garbled span across the end of frame {0}")
    @MethodSource("frameIndexes")
    @Timeout(120)
    void aGarbledSpanCostsTheTwoRecordsItTouches(int k) throws Exception {
        if (k == frames.size() - 1) {
            return; // no frame after the last to span into
        }
        byte[] bytes = journal.clone();
        int end = frames.get(k)[1];
        for (int i = Math.max(frames.get(k)[0], end - 8); i < end + 8; i++) {
            bytes[i] ^= (byte) 0xA5;
        }
        assertDamageCosts("garbled 16-byte span across a frame end", bytes, k, k + 2);
    }

    @ParameterizedTest(name = "cut inside frame {0}")
    @MethodSource("frameIndexes")
    @Timeout(120)
    void aCutInsideAFrameIsATornTail(int k) throws Exception {
        int[] f = frames.get(k);
        assertCutAt("cut inside a frame", (f[0] + f[1]) / 2, k);
    }

    @ParameterizedTest(name = "cut at the start of frame {0}")
    @MethodSource("frameIndexes")
    @Timeout(120)
    void aCutAtAFrameBoundaryIsATornTail(int k) throws Exception {
        assertCutAt("cut at a frame boundary", frames.get(k)[0], k);
    }

    /**
     * Damage to frames [from, to): recovered as if they were never written, and reported. Where
     * the frames may have held a change that took access away, the broker must refuse to start
     * (it may also refuse, conservatively, where it cannot tell what they held); told to start
     * anyway, it recovers the same.
     */
    private void assertDamageCosts(String kind, byte[] bytes, int from, int to) throws Exception {
        boolean reachesTheEnd = to >= frames.size();
        Set<Integer> gone = reachesTheEnd ? range(from, frames.size()) : range(from, to);
        Outcome o;
        IllegalStateException refusal = null;
        try {
            o = run(bytes);
        } catch (IllegalStateException e) {
            refusal = e;
            o = null;
        }
        boolean widens = !reachesTheEnd && widensAccess(gone);
        if (widens) {
            assertNotNull(refusal, "never starts without a lost change that took access away");
        }
        if (refusal != null) {
            String m = refusal.getMessage();
            assertTrue(m.contains("topology.log") && m.contains("took access away")
                    && m.contains("byte offset " + frames.get(from)[0])
                    && m.contains("warren.topology_journal.access_damage = start"), m);
            assertTrue(widens || m.contains("unknown kind"), "refuses only for access, or where it cannot tell: " + m);
            o = run(bytes, true);
        }
        assertEquals(oracle(gone), o.state(), "recovered = original minus the damaged frames " + gone);
        assertTrue(o.state().initialised(), "the default user is never created again");
        if (refusal == null) {
            assertFalse(o.state().definitions().toString().contains("\"guest\""), "guest stays deleted");
        }
        int records = (int) gone.stream().filter(i -> frames.get(i)[2] == 0).count();
        FIGURES.computeIfAbsent(kind, x -> new long[6]);
        long[] fig = FIGURES.get(kind);
        fig[0]++;
        fig[2] += records;
        fig[4] += widens ? 1 : 0;
        fig[5] += refusal != null && !widens ? 1 : 0;
        if (reachesTheEnd) {
            // Nothing valid after it: indistinguishable from a crash mid-append.
            assertTrue(o.recovery().damages().isEmpty());
            assertEquals(journal.length - frames.get(from)[0], o.recovery().tornBytes());
            assertTrue(o.copies().isEmpty(), "a torn tail is not kept aside");
            assertTrue(o.log().contains("INFO") && o.log().contains("cut " + o.recovery().tornBytes() + " bytes"), o.log());
            fig[1] += o.recovery().tornBytes();
            fig[3]++;
            return;
        }
        assertEquals(1, o.recovery().damages().size(), o.recovery().damages().toString());
        JournalScan.Damage d = o.recovery().damages().get(0);
        assertEquals(frames.get(from)[0], d.offset());
        assertEquals(frames.get(to - 1)[1] - frames.get(from)[0], d.length());
        assertEquals(records, d.recordsLost());
        fig[1] += d.length();
        assertEquals(1, o.copies().size());
        assertArrayEquals(bytes, Files.readAllBytes(o.copies().get(0)), "the damaged file is kept aside as it was");
        assertEquals(o.recovery().copy(), o.copies().get(0));
        String line = o.log().lines().filter(l -> l.contains("ERROR") && l.contains("damaged at byte offset " + d.offset()))
                .findFirst().orElseThrow(() -> new AssertionError("no ERROR naming offset " + d.offset()));
        assertTrue(line.contains("topology.log") && line.contains("skipped " + d.length() + " bytes")
                && line.contains(records + " record(s)") && line.contains(o.copies().get(0).getFileName().toString()), line);
    }

    /** Per kind of damage: cases, bytes lost, records lost, torn tails, refusals for access, conservative refusals. */
    private static final Map<String, long[]> FIGURES = new ConcurrentHashMap<>();

    @AfterAll
    static void printFigures() {
        FIGURES.forEach((kind, f) -> System.out.printf("FIGURES %s: %d cases, %d bytes and %d records lost in all,"
                + " %d torn tails, %d refused (access), %d refused (kind unknown)%n", kind, f[0], f[1], f[2], f[3], f[4],
                f[5]));
    }

    private void assertCutAt(String kind, int cut, int k) throws Exception {
        Outcome o;
        long[] fig = FIGURES.computeIfAbsent(kind, x -> new long[6]);
        fig[0]++;
        if (cut <= frames.get(0)[1] - 1) {
            // Not even the first record (NodeInitialised) is whole: the node would come up blank.
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> run(Arrays.copyOf(journal, cut)));
            assertTrue(e.getMessage().contains("topology.log") && e.getMessage().contains("no valid record"),
                    e.getMessage());
            fig[5]++;
            return;
        }
        o = run(Arrays.copyOf(journal, cut));
        fig[1] += journal.length - cut;
        fig[2] += range(k, frames.size()).stream().filter(i -> frames.get(i)[2] == 0).count();
        fig[3]++;
        assertEquals(oracle(range(k, frames.size())), o.state());
        assertTrue(o.state().initialised());
        assertTrue(o.recovery().damages().isEmpty());
        assertEquals(cut - frames.get(k)[0], o.recovery().tornBytes());
        assertTrue(o.copies().isEmpty());
        assertFalse(o.log().contains("ERROR"), o.log());
    }

    // ---- single cases ----

    @Test
    @Timeout(120)
    void theUndamagedJournalRecoversEverything() throws Exception {
        Outcome o = run(journal);
        assertEquals(oracle(Set.of()), o.state());
        Map<String, Integer> messages = o.state().messages();
        assertEquals(Map.of("/ q.1", 1, "/ q.2", 2, "/ q.3", 3, "/ q.4", 4, "/ q.5", 5, "/ q.6", 6, "/ q.7", 7), messages);
        assertTrue(o.recovery().damages().isEmpty());
    }

    @Test
    @Timeout(120)
    void aDeletedJournalBesideAMessageStoreRefusesToStart() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(null));
        assertTrue(e.getMessage().contains("topology.log") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    @Timeout(120)
    void aQueueWhoseDeclarationWasLostKeepsItsMessagesForARedeclare() throws Exception {
        int k = -1;
        for (int i = 0; i < frames.size() && k < 0; i++) {
            int[] f = frames.get(i);
            // A queue declaration carries its name right after the vhost: [1]'/'[3]'q.6'
            if (indexOf(journal, f[0], f[1], new byte[] {1, '/', 3, 'q', '.', '6'}) >= 0 && journal[f[0] + FRAME_HEADER] == 4) {
                k = i;
            }
        }
        assertTrue(k >= 0, "found q.6's declaration");
        byte[] bytes = journal.clone();
        bytes[frames.get(k)[0] + FRAME_HEADER + 1] ^= 0x10;
        Path dir = copyWith(bytes);
        WarrenServer server = start(dir);
        try {
            assertNull(server.broker().vhosts().get("/").queue("q.6"), "its declaration is lost");
            try (Connection c = connect(server, "root", "rootpw", "/")) {
                Channel ch = c.createChannel();
                ch.queueDeclare("q.6", true, false, false, null);
                assertEquals(6, ch.queueDeclarePassive("q.6").getMessageCount(), "its messages were kept on disk");
            }
        } finally {
            server.close();
        }
    }

    private static int indexOf(byte[] in, int from, int to, byte[] what) {
        for (int i = from; i <= to - what.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Writes to the real stderr and to a capture, so that the broker's log can be checked. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
