package io.warren.queue.store;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.warren.queue.store.StoreFixtures.VHOST;
import static io.warren.queue.store.StoreFixtures.assertSameMessage;
import static io.warren.queue.store.StoreFixtures.await;
import static io.warren.queue.store.StoreFixtures.message;
import static io.warren.queue.store.StoreFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random logs (appends of random sizes over several segments, random acks and delivery marks),
 * then one random piece of damage: recovered = written - acked - the records the damage touched,
 * never fewer; a cut or zeroed end of the newest segment is a torn tail, anything else is not.
 */
class RecoveryPropertiesTest {
    private static final StoreSettings SMALL = StoreSettings.defaults().withSegmentSize(2048);

    enum Kind { FLIP, ZERO, TRUNCATE, ACK_FLIP, DELETE_SEGMENT, DELETE_ACKS, DELETE_BOTH }

    record Damage(Kind kind, double where, int length, int fileChoice, byte xor) {
    }

    record Plan(List<Integer> sizes, Set<Integer> acked, Set<Integer> delivered, Damage damage) {
    }

    @Provide
    Arbitrary<Plan> plans() {
        Arbitrary<List<Integer>> sizes = Arbitraries.integers().between(0, 700).list().ofMinSize(1).ofMaxSize(60);
        Arbitrary<Damage> damage = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 400), Arbitraries.integers().between(0, 1000),
                Arbitraries.bytes().filter(b -> b != 0)).as(Damage::new);
        return sizes.flatMap(s -> {
            Arbitrary<Set<Integer>> subset = Arbitraries.integers().between(0, s.size() - 1).set();
            return Combinators.combine(subset, subset, damage).as((a, d, dm) -> new Plan(s, a, d, dm));
        });
    }

    @Property(tries = 150)
    void damageCostsOnlyTheRecordsItTouches(@ForAll("plans") Plan plan) throws Exception {
        Path dir = Files.createTempDirectory("recovery-property");
        try {
            check(dir, plan);
        } finally {
            deleteTree(dir);
        }
    }

    private static void check(Path dir, Plan plan) throws Exception {
        List<SegmentPosition> positions = new ArrayList<>();
        try (MessageStore store = MessageStore.open(dir, SMALL)) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (int i = 0; i < plan.sizes().size(); i++) {
                positions.add(log.append(message(i, plan.sizes().get(i)), i, null));
            }
            for (int i : plan.delivered()) {
                log.markDelivered(positions.get(i));
            }
            for (int i : plan.acked()) {
                log.ack(positions.get(i));
            }
            await(log.flush());
        }
        Path queueDir = StoreFixtures.queueDir(dir);
        List<Path> segments = StoreFixtures.segmentFiles(queueDir);
        Set<Integer> live = new HashSet<>();
        for (int i = 0; i < positions.size(); i++) {
            if (!plan.acked().contains(i)) {
                live.add(i);
            }
        }
        Damage damage = plan.damage();
        // Byte ranges hit, per segment number; ack damage hits no record.
        Map<Integer, long[]> hit = new HashMap<>();
        boolean expectTorn = false;
        boolean eitherWay = false;
        // The segment whose ack file was deleted: all its messages come back, redelivered.
        int acksLost = -1;
        if (!segments.isEmpty()) {
            Path file = segments.get(damage.fileChoice() % segments.size());
            int segment = QueueDirectory.segmentNumber(file.getFileName().toString());
            boolean newest = file.equals(segments.get(segments.size() - 1));
            long size = Files.size(file);
            long at = (long) (damage.where() * (size - 1));
            switch (damage.kind()) {
                case FLIP -> {
                    byte[] b = read(file, at, 1);
                    b[0] ^= damage.xor();
                    write(file, at, b);
                    hit.put(segment, new long[] {at, at + 1});
                    // A byte turned to zero at the very end reads as the zeros a crash leaves.
                    expectTorn = newest && isZeroFrom(file, at) && at >= RecordFormat.SEGMENT_HEADER;

                }
                case ZERO -> {
                    long end = Math.min(size, at + damage.length());
                    byte[] before = read(file, at, (int) (end - at));
                    write(file, at, new byte[(int) (end - at)]);
                    int first = 0;
                    while (first < before.length && before[first] == 0) {
                        first++;
                    }
                    int last = before.length;
                    while (last > first && before[last - 1] == 0) {
                        last--;
                    }
                    if (first < last) {
                        hit.put(segment, new long[] {at + first, at + last});
                    }
                    expectTorn = newest && end == size && first < last;
                }
                case TRUNCATE -> {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(at);
                    }
                    hit.put(segment, new long[] {at, size});
                    expectTorn = newest;
                }
                case DELETE_SEGMENT, DELETE_BOTH -> {
                    Files.delete(file);
                    if (damage.kind() == Kind.DELETE_BOTH) {
                        Files.delete(QueueDirectory.acks(queueDir, segment));
                    }
                    hit.put(segment, new long[] {0, Long.MAX_VALUE});
                }
                case DELETE_ACKS -> {
                    Files.delete(QueueDirectory.acks(queueDir, segment));
                    acksLost = segment;
                }
                case ACK_FLIP -> {
                    Path acks = QueueDirectory.acks(queueDir, segment);
                    if (Files.exists(acks) && Files.size(acks) > 0) {
                        long ackAt = (long) (damage.where() * (Files.size(acks) - 1));
                        byte[] b = read(acks, ackAt, 1);
                        b[0] ^= damage.xor();
                        write(acks, ackAt, b);
                    }
                }
            }
            // A damaged last record whose bytes end in zeros reads either way: a crash can leave a
            // record's end as zeros, and nothing tells which byte went wrong.
            eitherWay = (damage.kind() == Kind.FLIP || damage.kind() == Kind.ZERO) && newest
                    && at >= lastRecordStart(positions, segment) && isZeroFrom(file, Files.size(file) - 1);
        }
        try (MessageStore store = MessageStore.open(dir, SMALL)) {
            QueueLog log = store.openQueue(VHOST, "q");
            List<StoredMessage> got = readAll(log);
            Set<Integer> recovered = new HashSet<>();
            long previous = -1;
            for (StoredMessage m : got) {
                int i = (int) m.queueSequence();
                assertTrue(i > previous, "log order kept");
                previous = i;
                assertSameMessage(message(i, plan.sizes().get(i)), m.message());
                recovered.add(i);
            }
            for (int i = 0; i < positions.size(); i++) {
                SegmentPosition p = positions.get(i);
                long[] range = hit.get(p.segment());
                boolean touched = range != null && p.offset() < range[1] && p.offset() + p.length() > range[0];
                if (touched) {
                    assertTrue(!recovered.contains(i), "a damaged record is never delivered: " + i);
                } else if (p.segment() == acksLost) {
                    assertTrue(recovered.contains(i), "a message whose ack file was deleted comes back: " + i);
                } else if (damage.kind() == Kind.ACK_FLIP) {
                    assertTrue(!live.contains(i) || recovered.contains(i), "an unacked message survives ack damage: " + i);
                } else {
                    assertEquals(live.contains(i), recovered.contains(i), "record " + i + " untouched by " + damage);
                }
            }
            for (StoredMessage m : got) {
                assertTrue(m.position().segment() != acksLost || m.redelivered(), "and it is redelivered: " + m);
            }
            String reason = switch (damage.kind()) {
                case DELETE_SEGMENT -> "segment file missing";
                case DELETE_BOTH -> "segment file and ack file missing";
                case DELETE_ACKS -> "ack file missing";
                default -> null;
            };
            if (reason != null && !segments.isEmpty()) {
                assertEquals(List.of(reason), log.recovery().corruption().stream().map(CorruptionReport::reason).toList(),
                        "a deleted file is reported: " + damage);
            }
            for (CorruptionReport r : log.recovery().corruption()) {
                if (r.file().getFileName().toString().startsWith("msgs.") && !eitherWay) {
                    assertEquals(expectTorn, r.tornTail(), r + " after " + damage);
                }
            }
        }
    }

    private static long lastRecordStart(List<SegmentPosition> positions, int segment) {
        long last = Long.MAX_VALUE;
        for (SegmentPosition p : positions) {
            if (p.segment() == segment) {
                last = last == Long.MAX_VALUE ? p.offset() : Math.max(last, p.offset());
            }
        }
        return last;
    }

    private static byte[] read(Path file, long at, int n) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(n);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (b.hasRemaining() && channel.read(b, at + b.position()) > 0) {
                // Reads until full.
            }
        }
        return b.array();
    }

    private static void write(Path file, long at, byte[] bytes) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), at);
        }
    }

    private static boolean isZeroFrom(Path file, long at) throws Exception {
        byte[] rest = read(file, at, (int) (Files.size(file) - at));
        for (byte b : rest) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void deleteTree(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
