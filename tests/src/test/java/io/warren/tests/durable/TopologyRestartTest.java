package io.warren.tests.durable;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durable exchanges, queues and bindings survive a restart on the same data directory; transient
 * and exclusive ones do not, as in RabbitMQ. Warren-only: it restarts the broker.
 */
class TopologyRestartTest {
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

    @Test
    void durableTopologySurvivesARestartAndTransientDoesNot() throws Exception {
        Map<String, Object> queueArgs = Map.of("x-message-ttl", 60_000, "x-max-length", 10L);
        try (Connection c = warren.start()) {
            Channel ch = c.createChannel();
            ch.exchangeDeclare("ae", BuiltinExchangeType.FANOUT, true);
            ch.exchangeDeclare("d.topic", BuiltinExchangeType.TOPIC, true, false, Map.of("alternate-exchange", "ae"));
            ch.exchangeDeclare("t.direct", BuiltinExchangeType.DIRECT, false);
            ch.exchangeDeclare("d.e2e", BuiltinExchangeType.FANOUT, true);
            ch.queueDeclare("d.q", true, false, false, queueArgs);
            ch.queueDeclare("d.unrouted", true, false, false, null);
            ch.queueDeclare("t.q", false, false, false, null);
            ch.queueDeclare("d.exclusive", true, true, false, null);
            ch.queueBind("d.q", "d.topic", "orders.#");
            ch.queueBind("t.q", "d.topic", "orders.#");
            ch.queueBind("d.unrouted", "ae", "");
            ch.exchangeBind("d.e2e", "d.topic", "audit.*");
            ch.queueBind("d.q", "d.e2e", "");
            ch.queueDeclare("d.deleted", true, false, false, null);
            ch.queueDelete("d.deleted");
        }
        warren.stop();

        try (Connection c = warren.start()) {
            Channel ch = c.createChannel();
            ch.exchangeDeclarePassive("d.topic");
            ch.exchangeDeclarePassive("ae");
            ch.exchangeDeclarePassive("d.e2e");
            ch.queueDeclarePassive("d.q");
            ch.queueDeclarePassive("d.unrouted");
            assertFalse(exists(c, x -> x.exchangeDeclarePassive("t.direct")), "transient exchange is gone");
            assertFalse(exists(c, x -> x.queueDeclarePassive("t.q")), "transient queue is gone");
            assertFalse(exists(c, x -> x.queueDeclarePassive("d.exclusive")), "exclusive queue is gone");
            assertFalse(exists(c, x -> x.queueDeclarePassive("d.deleted")), "deleted queue stays deleted");

            // Redeclaring with the same arguments, of the same types, is accepted; different ones are not.
            ch.queueDeclare("d.q", true, false, false, queueArgs);
            assertThrows(IOException.class, () -> c.createChannel().queueDeclare("d.q", true, false, false,
                    Map.of("x-message-ttl", 1, "x-max-length", 10L)));

            // Bindings, exchange-to-exchange bindings and the alternate exchange route again.
            ch.basicPublish("d.topic", "orders.new", null, body("direct"));
            ch.basicPublish("d.topic", "audit.x", null, body("via e2e"));
            ch.basicPublish("d.topic", "nothing.matches", null, body("to ae"));
            assertEquals("direct", text(ch.basicGet("d.q", true)));
            assertEquals("via e2e", text(ch.basicGet("d.q", true)));
            assertEquals("to ae", text(ch.basicGet("d.unrouted", true)));
            assertNull(ch.basicGet("d.q", true));
        }
    }

    @Test
    void changesMadeAfterARestartAreKeptAcrossTheNextOne() throws Exception {
        try (Connection c = warren.start()) {
            c.createChannel().queueDeclare("first", true, false, false, null);
        }
        warren.stop();
        try (Connection c = warren.start()) {
            Channel ch = c.createChannel();
            ch.queueDelete("first");
            ch.queueDeclare("second", true, false, false, null);
        }
        warren.stop();
        try (Connection c = warren.start()) {
            assertFalse(exists(c, x -> x.queueDeclarePassive("first")));
            assertTrue(exists(c, x -> x.queueDeclarePassive("second")));
        }
    }

    private interface Passive {
        void run(Channel ch) throws IOException;
    }

    private static boolean exists(Connection c, Passive p) throws Exception {
        Channel ch = c.createChannel();
        try {
            p.run(ch);
            ch.close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] body(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(GetResponse r) {
        assertNotNull(r, "a message is there");
        return new String(r.getBody(), StandardCharsets.UTF_8);
    }
}
