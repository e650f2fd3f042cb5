package io.warren.tests.access;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.broker.Broker;
import io.warren.broker.PasswordHash;
import io.warren.broker.User;
import io.warren.broker.access.GlobalParameter;
import io.warren.broker.access.Parameter;
import io.warren.broker.access.Permission;
import io.warren.broker.access.TopicPermission;
import io.warren.broker.access.VhostMetadata;
import io.warren.dlx.policy.ApplyTo;
import io.warren.dlx.policy.Policy;
import io.warren.junit5.EmbeddedWarren;
import io.warren.junit5.WarrenExtension;
import io.warren.server.config.WarrenConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users, permissions, vhosts with their metadata, policies and parameters survive a restart;
 * the default user and vhost are created once, on a blank node, and not when definitions will be
 * loaded. Warren-only: it restarts the broker.
 */
class AccessRestartTest {
    private static final String LOGIN_REFUSED =
            "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.";

    private EmbeddedWarren warren;

    @AfterEach
    void stop() {
        if (warren != null) {
            warren.close();
        }
    }

    private Broker start(Consumer<WarrenConfig.Builder> config) {
        warren = WarrenExtension.builder().configure(config).start();
        return warren.server().broker();
    }

    /** The same node on the same data directory, started without a definitions file. */
    private Broker restart() {
        warren.restart(b -> b.definitionsFile(null));
        return warren.server().broker();
    }

    private Connection connect(String user, String password, String vhost) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(warren.host());
        f.setPort(warren.amqpPort());
        f.setUsername(user);
        f.setPassword(password);
        f.setVirtualHost(vhost);
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection();
    }

    private static void assertLoginRefused(Executable login) {
        assertEquals(LOGIN_REFUSED, assertThrows(AuthenticationFailureException.class, login).getMessage());
    }

    @Test
    void accessConfigurationSurvivesARestart() throws Exception {
        Broker broker = start(b -> {});
        Map<String, Object> limits = Map.of("max-connections", 10, "max-queues", 20);
        VhostMetadata metadata = new VhostMetadata("orders", List.of("prod", "eu"), "classic", limits);
        broker.addVhost("v1", metadata).join();
        broker.users().put(new User("alice", PasswordHash.sha256("s3cret"), Set.of("monitoring"),
                Map.of("max-channels", 5))).join();
        broker.users().put(new User("nopass", null, Set.of())).join();
        broker.permissions().set(new Permission("alice", "v1", "^a\\.", ".*", "")).join();
        broker.permissions().set(new Permission("nopass", "v1", ".*", ".*", ".*")).join();
        broker.permissions().setTopic(new TopicPermission("alice", "v1", "amq.topic", "^{username}\\.", ".*")).join();
        Map<String, Object> upstream = Map.of("uri", "amqp://remote", "prefetch-count", 100, "ack-mode", "on-confirm");
        broker.parameters().set(new Parameter("v1", "federation-upstream", "up1", upstream)).join();
        broker.parameters().setGlobal(new GlobalParameter("cluster_name", "warren-test")).join();
        Policy dlx = new Policy("v1", "dlx", "^orders\\.", ApplyTo.QUEUES, 7,
                Map.of("dead-letter-exchange", "dlx", "message-ttl", 60000));
        Policy cap = new Policy("v1", "cap", ".*", ApplyTo.QUEUES, 0, Map.of("max-length", 1000));
        broker.vhosts().get("v1").putPolicy(dlx, false).join();
        broker.vhosts().get("v1").putPolicy(cap, true).join();
        broker.addVhost("gone", VhostMetadata.NONE).join();
        broker.deleteVhost("gone").join();

        broker = restart();

        assertEquals(metadata, broker.vhosts().get("v1").metadata());
        assertNull(broker.vhosts().get("gone"), "a deleted vhost stays deleted");
        assertEquals(Set.of("monitoring"), broker.users().get("alice").tags());
        assertEquals(Map.of("max-channels", 5), broker.users().get("alice").limits());
        assertNull(broker.users().get("nopass").password());
        assertEquals(new Permission("alice", "v1", "^a\\.", ".*", ""), broker.permissions().get("v1", "alice"));
        assertEquals(List.of(new TopicPermission("alice", "v1", "amq.topic", "^{username}\\.", ".*")),
                broker.permissions().allTopic().stream().filter(t -> t.user().equals("alice")).toList());
        assertEquals(upstream, broker.parameters().get("v1", "federation-upstream", "up1").value());
        assertEquals("warren-test", broker.parameters().getGlobal("cluster_name").value());
        assertEquals(dlx, broker.vhosts().get("v1").policies().get("dlx", false));
        assertEquals(cap, broker.vhosts().get("v1").policies().get("cap", true));
        assertNull(broker.vhosts().get("v1").policies().get("cap", false), "operator and user policies stay apart");

        try (Connection c = connect("alice", "s3cret", "v1")) {
            assertTrue(c.isOpen());
        }
        assertLoginRefused(() -> connect("nopass", "", "v1"));
    }

    @Test
    void aDeletedDefaultUserStaysDeletedAcrossRestarts() throws Exception {
        Broker broker = start(b -> {});
        try (Connection c = connect("guest", "guest", "/")) {
            assertTrue(c.isOpen(), "a blank node creates guest with access to /");
        }
        assertEquals(Set.of("administrator"), broker.users().get("guest").tags());
        assertEquals(new Permission("guest", "/", ".*", ".*", ".*"), broker.permissions().get("/", "guest"));
        assertTrue(broker.users().remove("guest").join());

        broker = restart();

        assertNull(broker.users().get("guest"));
        assertNull(broker.permissions().get("/", "guest"), "a user's permissions go with them");
        assertLoginRefused(() -> connect("guest", "guest", "/"));
        assertTrue(broker.vhosts().exists("/"), "the default vhost was journaled and stays");
    }

    @Test
    void aBlankNodeThatLoadsDefinitionsGetsNoDefaultUserOrVhost(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("definitions.json");
        Files.writeString(file, "{\"users\":[{\"name\":\"ops\",\"password_hash\":\"\","
                + "\"hashing_algorithm\":\"rabbit_password_hashing_sha256\",\"tags\":[]}],"
                + "\"vhosts\":[{\"name\":\"ops-vhost\"}]}");
        Broker broker = start(b -> b.definitionsFile(file));
        assertNull(broker.users().get("guest"));
        assertFalse(broker.vhosts().exists("/"));
        assertTrue(broker.vhosts().exists("ops-vhost"));
        assertTrue(broker.initialised(), "the definitions set the node up");

        broker = restart();

        assertNull(broker.users().get("guest"), "nor after a restart");
    }
}
