package io.warren.tests.durable;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import io.warren.queue.store.CorruptionReport;
import io.warren.queue.store.MessageStore;
import io.warren.queue.store.QueueLog;
import io.warren.queue.store.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The data directory on a small tmpfs (mounted by the test, so it runs as root and is skipped
 * elsewhere), disk_free_limit below what is left so that the disk alarm does not stop publishers
 * first. Publishers with confirms fill the disk with persistent messages to two durable queues:
 * every publish is acked or nacked, none hangs, the connection stays usable; once space is freed
 * publishes are confirmed again without a restart; every acked message is there after that, after
 * a kill -9 and after a clean restart, and recovery finds no damaged record.
 */
class FullDiskTest {
    private static final String[] QUEUES = {"full-disk-a", "full-disk-b"};
    private static final int BODY = 16 * 1024;
    private static final int WINDOW = 200;

    @TempDir
    Path dir;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", "-l", mounted.toString());
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void publishesToAFullDiskAreNackedAndTheStoreResumesOnceSpaceIsBack() throws Exception {
        Path mount = dir.resolve("disk");
        Files.createDirectories(mount);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mount.toString()),
                "needs root and a tmpfs mount");
        mounted = mount;
        Path data = mount.resolve("data");
        Path config = dir.resolve("warren.conf");
        // A full disk has nothing free at all: any limit above zero would block publishers at the
        // moment the disk fills, and this test is about the writes that fail, not the alarm.
        Files.writeString(config, "disk_free_limit.absolute = 0\n");
        Path log = dir.resolve("warren.log");
        Publishing pub = new Publishing();
        Path filler = mount.resolve("filler");
        try (WarrenProcess warren = WarrenProcess.start(data, log, List.of(), config)) {
            try (Connection conn = warren.connect()) {
                Channel ch = conn.createChannel();
                for (String q : QUEUES) {
                    ch.queueDeclare(q, true, false, false, null);
                }
                // Leave a few MiB, so that the disk fills in a few hundred publishes.
                fill(filler, Files.getFileStore(mount).getUsableSpace() - 6 * 1024 * 1024);
                pub.open(ch);
                while (pub.nacked.size() < 100 && pub.next < 5000) {
                    pub.publish(ch);
                }
                pub.awaitAllAnswered("while the disk is full");
                assertTrue(pub.nacked.size() >= 100, "the disk filled up: " + pub.nacked.size() + " nacks");
                assertTrue(ch.isOpen() && conn.isOpen(), "the connection stays usable");
                ch.queueDeclarePassive(QUEUES[0]);

                Files.delete(filler);
                // The store tries again every second; until it has, publishes may still be nacked.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                int ackedBefore;
                do {
                    assertTrue(System.nanoTime() < deadline, "publishes are acked again once space is back");
                    Thread.sleep(200);
                    ackedBefore = pub.acked.size();
                    pub.publish(ch);
                    pub.awaitAllAnswered("after space came back");
                } while (pub.acked.size() == ackedBefore);
                int nackedBefore = pub.nacked.size();
                for (int i = 0; i < 200; i++) {
                    pub.publish(ch);
                }
                pub.awaitAllAnswered("after space came back");
                assertEquals(nackedBefore, pub.nacked.size(), "no nack once the store writes again");
            }
            assertEveryAckedMessageIsThere(warren, pub, "after space came back");
            warren.kill();
        }
        // What a crash leaves may end in a torn record, never in damage before good ones.
        assertNoDamage(copy(data.resolve("messages"), dir.resolve("crash-copy")), true);
        try (WarrenProcess warren = WarrenProcess.start(data, log, List.of(), config)) {
            assertEveryAckedMessageIsThere(warren, pub, "after kill -9");
            warren.stop();
        }
        assertNoDamage(data.resolve("messages"), false);
        try (WarrenProcess warren = WarrenProcess.start(data, log, List.of(), config)) {
            assertEveryAckedMessageIsThere(warren, pub, "after a clean restart");
        }
        System.out.printf("FullDiskTest: %d published, %d acked, %d nacked, 0 acked lost%n",
                pub.next, pub.acked.size(), pub.nacked.size());
    }

    /** Publishes with confirms, WINDOW unconfirmed at most, and keeps what each publish was told. */
    private static final class Publishing {
        final ConcurrentSkipListMap<Long, Integer> outstanding = new ConcurrentSkipListMap<>();
        final Set<Integer> acked = ConcurrentHashMap.newKeySet();
        final Set<Integer> nacked = ConcurrentHashMap.newKeySet();
        int next;

        void open(Channel ch) throws IOException {
            ch.confirmSelect();
            ch.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    settle(tag, multiple, acked);
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    settle(tag, multiple, nacked);
                }
            });
        }

        private void settle(long tag, boolean multiple, Set<Integer> into) {
            ConcurrentNavigableMap<Long, Integer> done = multiple ? outstanding.headMap(tag, true)
                    : outstanding.subMap(tag, true, tag, true);
            for (Map.Entry<Long, Integer> e : done.entrySet()) {
                into.add(e.getValue());
            }
            done.clear();
        }

        void publish(Channel ch) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (outstanding.size() >= WINDOW) {
                assertTrue(System.nanoTime() < deadline, "publishes are answered within 30 s");
                Thread.sleep(1);
            }
            int id = next++;
            outstanding.put(ch.getNextPublishSeqNo(), id);
            ch.basicPublish("", QUEUES[id % QUEUES.length], MessageProperties.PERSISTENT_BASIC, body(id));
        }

        void awaitAllAnswered(String when) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!outstanding.isEmpty()) {
                assertTrue(System.nanoTime() < deadline, outstanding.size() + " publishes unanswered " + when);
                Thread.sleep(5);
            }
        }
    }

    private static byte[] body(int id) {
        byte[] body = new byte[BODY];
        byte[] tag = ("message " + id + " ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, body, 0, tag.length);
        return body;
    }

    private static int idOf(byte[] body) {
        String text = new String(body, 0, 24, StandardCharsets.US_ASCII);
        return Integer.parseInt(text.substring("message ".length(), text.indexOf(' ', "message ".length())));
    }

    /** Reads every message of both queues without acking them (closing the channel requeues them). */
    private static void assertEveryAckedMessageIsThere(WarrenProcess warren, Publishing pub, String when)
            throws Exception {
        Set<Integer> present = new HashSet<>();
        try (Connection conn = warren.connect()) {
            Channel ch = conn.createChannel();
            for (String q : QUEUES) {
                GetResponse r;
                while ((r = ch.basicGet(q, false)) != null) {
                    int id = idOf(r.getBody());
                    assertEquals(QUEUES[id % QUEUES.length], q, "message " + id + " is in its own queue");
                    assertTrue(present.add(id), "message " + id + " once " + when);
                }
            }
        }
        Set<Integer> lost = new HashSet<>(pub.acked);
        lost.removeAll(present);
        assertEquals(Set.of(), lost, "acked messages missing " + when);
    }

    /** Opens a stopped broker's message store here and asks recovery what it found. */
    private static void assertNoDamage(Path messages, boolean tornTailAllowed) throws IOException {
        List<CorruptionReport> damage = new ArrayList<>();
        try (MessageStore store = MessageStore.open(messages, StoreSettings.defaults())) {
            for (String q : QUEUES) {
                QueueLog log = store.openQueue("/", q);
                for (CorruptionReport r : log.recovery().corruption()) {
                    if (!(tornTailAllowed && r.tornTail())) {
                        damage.add(r);
                    }
                }
            }
        }
        assertEquals(List.of(), damage, "recovery finds no damaged record");
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }

    private static void fill(Path file, long bytes) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1024 * 1024);
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
