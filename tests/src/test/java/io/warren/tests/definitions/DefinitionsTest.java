package io.warren.tests.definitions;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.broker.definitions.DefinitionsException;
import io.warren.broker.definitions.DefinitionsExport;
import io.warren.broker.definitions.DefinitionsFormat;
import io.warren.broker.definitions.DefinitionsImport;
import io.warren.junit5.EmbeddedWarren;
import io.warren.junit5.WarrenExtension;
import io.warren.queue.MessageQueue;
import io.warren.queue.Overflow;
import io.warren.queue.QueueSettings;
import io.warren.server.WarrenServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RabbitMQ definitions through Warren's embedded API: a file exported from RabbitMQ 3.10.8 loads
 * at boot unchanged and its users log in with their passwords; export, import into an empty
 * broker and export again give the same bytes; a broken file is refused whole.
 */
class DefinitionsTest {
    @TempDir
    Path dir;

    private final List<EmbeddedWarren> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(EmbeddedWarren::close);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = DefinitionsTest.class.getResourceAsStream("/definitions/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    /** A node that loads {@code definitions} at boot ({@code load_definitions}, as in rabbitmq.conf), or a blank one. */
    private WarrenServer start(String name, byte[] definitions) throws IOException {
        WarrenExtension.Builder builder = WarrenExtension.builder();
        if (definitions != null) {
            Path file = dir.resolve(name + "-definitions.json");
            Files.write(file, definitions);
            builder.config("load_definitions", file.toString());
        }
        EmbeddedWarren node = builder.start();
        nodes.add(node);
        return node.server();
    }

    private static Connection login(WarrenServer server, String user, String password, String vhost) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(EmbeddedWarren.HOST);
        f.setPort(server.amqpPort());
        f.setUsername(user);
        f.setPassword(password);
        f.setVirtualHost(vhost);
        return f.newConnection();
    }

    @Test
    void aRabbitMqExportLoadsAtBootAndItsUsersLogInWithTheirPasswords() throws Exception {
        WarrenServer server = start("boot", fixture("rabbitmq-3.10.8.json"));

        try (Connection c = login(server, "wdefs-bob", "bob-secret", "wdefs-vh")) {
            assertEquals(0, c.createChannel().queueDeclarePassive("orders.main").getMessageCount());
        }
        assertThrows(Exception.class, () -> login(server, "wdefs-bob", "wrong", "wdefs-vh").close());
    }

    @Test
    void importedPoliciesAndArgumentsGiveQueuesRabbitMqsEffectiveSettings() throws Exception {
        WarrenServer server = start("settings", fixture("rabbitmq-3.10.8.json"));
        MessageQueue main = server.broker().vhosts().get("wdefs-vh").queue("orders.main");

        QueueSettings s = main.settings();
        // Argument 500 against policy 1000; 30 s against 60 s: the lower wins.
        assertEquals(500, s.maxLength());
        assertEquals(30_000, s.messageTtl());
        // Arguments win for overflow and the dead-letter routing key.
        assertEquals(Overflow.REJECT_PUBLISH_DLX, s.overflow());
        assertEquals("orders.expired", s.deadLetterRoutingKey());
        assertEquals("orders.dlx", s.deadLetterExchange());
        // Only the operator policy sets these.
        assertEquals(3_600_000, s.expires());
        assertEquals(1_048_576, s.maxLengthBytes());
    }

    @Test
    void exportThenImportIntoAnEmptyBrokerThenExportIsIdentical() throws Exception {
        WarrenServer first = start("first", fixture("rabbitmq-3.10.8.json"));
        byte[] exported = new DefinitionsExport(first.broker()).exportAll(DefinitionsFormat.RABBITMQ_3);

        WarrenServer second = start("second", exported);
        byte[] again = new DefinitionsExport(second.broker()).exportAll(DefinitionsFormat.RABBITMQ_3);

        assertArrayEquals(exported, again, () -> new String(exported, StandardCharsets.UTF_8) + "\n---\n"
                + new String(again, StandardCharsets.UTF_8));
        String text = new String(exported, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"orders.main\""), text);
        assertTrue(text.contains("\"wdefs-op\""), "operator policy exported among the parameters");
    }

    @Test
    void aBrokenFileIsRefusedWholeAndChangesNothing() throws Exception {
        WarrenServer server = start("broken", null);
        DefinitionsExport export = new DefinitionsExport(server.broker());
        byte[] before = export.exportAll(DefinitionsFormat.RABBITMQ_3);

        DefinitionsException e = assertThrows(DefinitionsException.class,
                () -> new DefinitionsImport(server.broker()).importAll(fixture("broken-entries.json")));

        assertTrue(e.problems().size() > 1, "every problem is reported: " + e.getMessage());
        assertTrue(e.getMessage().contains("field '"), e.getMessage());
        assertArrayEquals(before, export.exportAll(DefinitionsFormat.RABBITMQ_3));
    }

    @Test
    void aBrokenFileAtBootStopsTheStart() throws Exception {
        byte[] broken = fixture("broken-entries.json");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start("boot-broken", broken));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void aBlankNodeThatLoadsDefinitionsGetsNoDefaultUser() throws Exception {
        WarrenServer server = start("no-guest", fixture("rabbitmq-4.x.json"));
        assertNull(server.broker().users().get("guest"), "guest is not created when definitions are loaded");
        assertTrue(server.broker().users().all().size() > 0);
    }
}
