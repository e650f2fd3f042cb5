package io.warren.junit5;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import io.warren.broker.tls.TlsConfigException;
import io.warren.server.WarrenServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EmbeddedWarren#restart()}: the node comes back on the same data directory with what it
 * stored, and without what it did not; a changed configuration applies to the new start; the
 * directory is still deleted at the end, also when the new start fails.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedWarrenRestartTest {
    @Test
    void durableDataIsThereAgainAndTransientDataIsGone() throws Exception {
        Path dataDir;
        try (EmbeddedWarren warren = WarrenExtension.builder().start()) {
            dataDir = warren.dataDir();
            try (Connection c = warren.connectionFactory().newConnection()) {
                Channel ch = c.createChannel();
                ch.confirmSelect();
                ch.queueDeclare("restart.durable", true, false, false, null);
                ch.queueDeclare("restart.transient", false, false, false, null);
                ch.basicPublish("", "restart.durable", MessageProperties.PERSISTENT_TEXT_PLAIN,
                        "kept".getBytes(StandardCharsets.UTF_8));
                ch.basicPublish("", "restart.transient", null, "lost".getBytes(StandardCharsets.UTF_8));
                ch.waitForConfirmsOrDie(10_000);
            }
            WarrenServer before = warren.server();

            warren.restart();

            assertNotSame(before, warren.server(), "a new node");
            assertEquals(dataDir, warren.dataDir());
            assertTrue(Files.isDirectory(dataDir));
            assertEquals(1, warren.queue("restart.durable").messages());
            assertFalse(warren.queue("restart.transient").exists());
            try (Connection c = warren.connectionFactory().newConnection()) {
                var got = c.createChannel().basicGet("restart.durable", true);
                assertEquals("kept", new String(got.getBody(), StandardCharsets.UTF_8));
            }
        }
        assertFalse(Files.exists(dataDir), "close() deletes the directory after a restart too");
    }

    @Test
    void aChangedConfigurationAppliesButTheDataDirectoryStays(@TempDir Path elsewhere) {
        try (EmbeddedWarren warren = WarrenExtension.builder().config("max_message_size", "2000000").start()) {
            Path dataDir = warren.dataDir();
            assertEquals(2_000_000, warren.server().config().maxMessageSize());

            warren.restart(b -> b.maxMessageSize(1_000_000).dataDir(elsewhere));

            assertEquals(1_000_000, warren.server().config().maxMessageSize());
            assertEquals(dataDir, warren.dataDir());

            warren.restart();

            assertEquals(1_000_000, warren.server().config().maxMessageSize(), "the change stays for later restarts");
        }
    }

    @Test
    void aFailedRestartLeavesTheNodeStoppedAndItsDirectoryDeleted() {
        EmbeddedWarren warren = WarrenExtension.builder().start();
        Path dataDir = warren.dataDir();
        // An AMQPS listener without a certificate stops the start.
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> warren.restart(b -> b.amqpsPort(0)));
        assertTrue(e.getMessage().contains("ssl_options"), e.getMessage());
        assertFalse(Files.exists(dataDir));
        assertThrows(IllegalStateException.class, warren::amqpPort);
        assertThrows(IllegalStateException.class, warren::restart);
        warren.close();
    }

    @Test
    void aClosedNodeDoesNotRestart() {
        EmbeddedWarren warren = WarrenExtension.builder().start();
        warren.close();
        assertThrows(IllegalStateException.class, warren::restart);
    }
}
