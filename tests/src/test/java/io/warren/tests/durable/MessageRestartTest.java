package io.warren.tests.durable;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import io.warren.queue.Message;
import io.warren.queue.store.MessageStore;
import io.warren.queue.store.QueueLog;
import io.warren.queue.store.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Persistent messages in durable queues survive a restart byte for byte; transient messages and
 * acked ones do not; messages delivered but unacked at shutdown come back redelivered, those never
 * delivered do not (RabbitMQ 3.10+ classic queues after a clean shutdown). Warren-only.
 */
class MessageRestartTest {
    @TempDir
    Path dataDir;
    private RestartableWarren warren;

    @BeforeEach
    void create() {
        warren = new RestartableWarren(dataDir);
    }

    @AfterEach
    void stop() {
        warren.close();
    }

    private static byte[] body(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void persistentMessagesComeBackAfterARestartWithTheirPropertiesAndRedeliveredFlags() throws Exception {
        AMQP.BasicProperties props = MessageProperties.PERSISTENT_TEXT_PLAIN.builder()
                .headers(Map.of("h", 42, "s", "text")).messageId("m-1").correlationId("c").build();
        try (Connection c = warren.start()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("dq", true, false, false, null);
            ch.queueDeclare("tq", false, false, false, null);
            ch.confirmSelect();
            for (int i = 1; i <= 6; i++) {
                ch.basicPublish("", "dq", props, body("p" + i));
            }
            ch.basicPublish("", "dq", MessageProperties.TEXT_PLAIN, body("transient in durable queue"));
            ch.basicPublish("", "tq", props, body("persistent in transient queue"));
            ch.waitForConfirmsOrDie(10_000);

            Channel consumer = c.createChannel();
            GetResponse first = consumer.basicGet("dq", false);   // p1: acked, gone for good
            consumer.basicAck(first.getEnvelope().getDeliveryTag(), false);
            // p2 and p3: delivered and still unacked when the broker stops.
            assertEquals("p2", new String(consumer.basicGet("dq", false).getBody(), StandardCharsets.UTF_8));
            assertEquals("p3", new String(consumer.basicGet("dq", false).getBody(), StandardCharsets.UTF_8));
        }
        warren.stop();

        try (Connection c = warren.start()) {
            Channel ch = c.createChannel();
            assertFalse(existsQueue(c, "tq"), "transient queue is gone");
            List<String> bodies = new ArrayList<>();
            List<Boolean> redelivered = new ArrayList<>();
            for (GetResponse r; (r = ch.basicGet("dq", true)) != null; ) {
                bodies.add(new String(r.getBody(), StandardCharsets.UTF_8));
                redelivered.add(r.getEnvelope().isRedeliver());
                assertEquals(props.getContentType(), r.getProps().getContentType());
                assertEquals(2, r.getProps().getDeliveryMode());
                assertEquals("m-1", r.getProps().getMessageId());
                assertEquals(42, r.getProps().getHeaders().get("h"));
                assertEquals("text", r.getProps().getHeaders().get("s").toString());
            }
            assertEquals(List.of("p2", "p3", "p4", "p5", "p6"), bodies, "p1 was acked; the transient one is gone");
            assertEquals(List.of(true, true, false, false, false), redelivered);
        }
    }

    @Test
    void consumedMessagesStayConsumedAcrossRestartsAndPurgeIsDurable() throws Exception {
        try (Connection c = warren.start()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("dq", true, false, false, null);
            ch.queueDeclare("purged", true, false, false, null);
            ch.confirmSelect();
            for (int i = 0; i < 1000; i++) {
                ch.basicPublish("", "dq", MessageProperties.PERSISTENT_BASIC, body("m" + i));
                ch.basicPublish("", "purged", MessageProperties.PERSISTENT_BASIC, body("x" + i));
            }
            ch.waitForConfirmsOrDie(10_000);
            for (int i = 0; i < 990; i++) {
                ch.basicGet("dq", true);
            }
            ch.queuePurge("purged");
        }
        warren.stop();
        try (Connection c = warren.start()) {
            Channel ch = c.createChannel();
            assertEquals(10, ch.queueDeclarePassive("dq").getMessageCount());
            assertEquals(0, ch.queueDeclarePassive("purged").getMessageCount());
            assertEquals("m990", new String(ch.basicGet("dq", true).getBody(), StandardCharsets.UTF_8));
            ch.queueDelete("dq");
        }
        warren.stop();
        try (Connection c = warren.start()) {
            assertFalse(existsQueue(c, "dq"), "deleted queue and its messages are gone");
            Channel ch = c.createChannel();
            ch.queueDeclare("dq", true, false, false, null);
            assertNull(ch.basicGet("dq", true), "a new queue of the same name starts empty");
        }
    }

    private static boolean existsQueue(Connection c, String q) throws Exception {
        Channel ch = c.createChannel();
        try {
            ch.queueDeclarePassive(q);
            ch.close();
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aMessageLogWhoseQueueIsGoneIsDeletedAtStart() throws Exception {
        try (Connection c = warren.start()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("kept", true, false, false, null);
            ch.confirmSelect();
            ch.basicPublish("", "kept", MessageProperties.PERSISTENT_BASIC, body("k"));
            ch.waitForConfirmsOrDie(10_000);
        }
        warren.stop();
        // A log left behind by a queue whose deletion reached the journal but not the message
        // store (a crash in between), made here with the store itself while the broker is down.
        try (MessageStore store = MessageStore.open(dataDir.resolve("messages"), StoreSettings.defaults())) {
            QueueLog log = store.openQueue("/", "orphan");
            log.append(new Message("", "orphan", new byte[] {0, 0}, body("o"), true), 0, null);
            log.flush().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertEquals(java.util.Set.of("orphan", "kept"), storedQueueNames());

        try (Connection c = warren.start()) {
            assertEquals(java.util.Set.of("kept"), storedQueueNames(), "the orphan log is gone, the live one stays");
            assertFalse(existsQueue(c, "orphan"));
            assertEquals("k", new String(c.createChannel().basicGet("kept", true).getBody(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aQueueDeletedAndDeclaredAgainAtOnceStartsEmptyAndKeepsOnlyItsNewMessages() throws Exception {
        try (Connection c = warren.start()) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            for (int round = 0; round < 20; round++) {
                ch.queueDeclare("again", true, false, false, null);
                ch.basicPublish("", "again", MessageProperties.PERSISTENT_BASIC, body("old" + round));
                ch.waitForConfirmsOrDie(10_000);
                ch.queueDelete("again");
            }
            ch.queueDeclare("again", true, false, false, null);
            assertEquals(0, ch.queueDeclarePassive("again").getMessageCount());
            ch.basicPublish("", "again", MessageProperties.PERSISTENT_BASIC, body("new"));
            ch.waitForConfirmsOrDie(10_000);
        }
        warren.stop();
        try (Connection c = warren.start()) {
            Channel ch = c.createChannel();
            assertEquals(1, ch.queueDeclarePassive("again").getMessageCount());
            assertEquals("new", new String(ch.basicGet("again", true).getBody(), StandardCharsets.UTF_8));
        }
    }

    /** The queue names recorded beside each message log in the data directory. */
    private java.util.Set<String> storedQueueNames() throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(dataDir.resolve("messages"))) {
            return files.filter(f -> f.getFileName().toString().equals("queue.name"))
                    .map(f -> {
                        try {
                            String text = java.nio.file.Files.readString(f, StandardCharsets.ISO_8859_1);
                            return text.contains("orphan") ? "orphan" : text.contains("kept") ? "kept" : text;
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
