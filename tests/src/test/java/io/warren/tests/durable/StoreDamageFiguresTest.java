package io.warren.tests.durable;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.warren.server.WarrenServer;
import io.warren.tests.support.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11's measurement of segment damage, with the default 8 MiB segments: one flipped byte in
 * the middle of an older segment, and one in the middle of the newest, each on its own copy of
 * the same data directory. Prints the messages lost per kind of damage ("DAMAGE-FIGURE" lines).
 * Uses nothing but AMQP and the file layout, so it runs unchanged against older builds.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StoreDamageFiguresTest {
    private static final int MESSAGES = 45_000;

    @TempDir
    Path root;

    @Test
    void oneFlippedByteInAnEightMiBSegmentCostsOneMessage() throws Exception {
        Path pristine = root.resolve("pristine");
        WarrenServer s = WarrenServer.start(TestConfigs.ephemeralPorts().dataDir(pristine).build());
        try (Connection c = connect(s)) {
            Channel ch = c.createChannel();
            ch.queueDeclare("big", true, false, false, null);
            ch.confirmSelect();
            byte[] body = new byte[400];
            for (int i = 0; i < MESSAGES; i++) {
                ch.basicPublish("", "big", MessageProperties.PERSISTENT_BASIC, body);
                if (i % 1000 == 999) {
                    ch.waitForConfirmsOrDie(30_000);
                }
            }
            ch.waitForConfirmsOrDie(30_000);
        } finally {
            s.close();
        }
        assertEquals(1, lostAfterFlip(pristine, root.resolve("older"), false), "flip in the middle of an older segment");
        assertEquals(1, lostAfterFlip(pristine, root.resolve("newest"), true), "flip in the middle of the newest segment");
    }

    private static long lostAfterFlip(Path pristine, Path copy, boolean newest) throws Exception {
        copyTree(pristine, copy);
        List<Path> segments;
        try (Stream<Path> files = Files.walk(copy.resolve("messages"))) {
            segments = files.filter(f -> f.getFileName().toString().startsWith("msgs.")).sorted().toList();
        }
        assertTrue(segments.size() >= 3, "several 8 MiB segments: " + segments);
        Path file = newest ? segments.get(segments.size() - 1) : segments.get(0);
        long at = Files.size(file) / 2;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x5A));
            channel.write(b.rewind(), at);
        }
        WarrenServer s = WarrenServer.start(TestConfigs.ephemeralPorts().dataDir(copy).build());
        try (Connection c = connect(s)) {
            long lost = MESSAGES - c.createChannel().queueDeclarePassive("big").getMessageCount();
            System.out.println("DAMAGE-FIGURE one flipped byte in the middle of the " + (newest ? "newest" : "oldest")
                    + " of " + segments.size() + " 8 MiB segments: " + lost + " message(s) lost");
            return lost;
        } finally {
            s.close();
        }
    }

    private static Connection connect(WarrenServer s) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(s.amqpPort());
        return f.newConnection();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
