package io.warren.tests.access;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import java.util.Map;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static io.warren.tests.connection.ProtocolErrors.assertConnectionError;
import static io.warren.tests.connection.ProtocolErrors.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configure, write and read permissions and topic permissions on every AMQP method that RabbitMQ
 * checks, with its reply codes and texts (RabbitMQ 3.10's "access to ... refused for user ...").
 * The user may configure and write names starting with the test's prefix (and write the default
 * exchange), and read only the prefix's exchange "x"; on that topic exchange they may publish
 * keys starting with their user name and bind keys starting with the vhost name.
 */
@ExtendWith(TestBroker.class)
class PermissionEnforcementTest {
    private static final int ACCESS_REFUSED = 403;
    private static final int NOT_ALLOWED = 530;

    private static AccessAdmin admin;
    private static String user;
    private static String vhost;
    private static String prefix;
    private static String topic;
    private Connection connection;

    @BeforeAll
    static void setUp(TestBroker broker) {
        admin = new AccessAdmin(broker);
        prefix = Names.unique("acc");
        user = prefix + ".user";
        vhost = prefix + ".vhost";
        topic = prefix + ".x";
        String p = "^" + prefix.replace(".", "\\.") + "\\.";
        admin.addUser(user, "pw");
        admin.addVhost(vhost);
        admin.setPermissions(user, vhost, p, p + "|^amq\\.default$", p + "x$");
        admin.setTopicPermissions(user, vhost, topic, "^{username}\\.|^\\{client_id\\}$", "^{vhost}\\.");
    }

    @AfterAll
    static void tearDown() {
        admin.close();
    }

    @BeforeEach
    void connect(TestBroker broker) throws Exception {
        connection = factory(broker, vhost).newConnection();
        connection.createChannel().exchangeDeclare(topic, BuiltinExchangeType.TOPIC);
    }

    @AfterEach
    void disconnect() throws Exception {
        connection.close();
    }

    private static ConnectionFactory factory(TestBroker broker, String vhost) {
        ConnectionFactory f = broker.factory();
        f.setUsername(user);
        f.setPassword("pw");
        f.setVirtualHost(vhost);
        return f;
    }

    private static String refused(String kind, String name) {
        return "ACCESS_REFUSED - access to " + kind + " '" + name + "' in vhost '" + vhost + "' refused for user '"
                + user + "'";
    }

    private static String topicRefused(String key) {
        return "ACCESS_REFUSED - access to topic '" + key + "' in exchange '" + topic + "' in vhost '" + vhost
                + "' refused for user '" + user + "'";
    }

    @Test
    void aVhostWithoutPermissionsCannotBeOpenedEvenIfItExists(TestBroker broker) {
        String other = prefix + ".other";
        admin.addVhost(other);
        assertConnectionError(NOT_ALLOWED, "NOT_ALLOWED - access to vhost '" + other + "' refused for user '" + user
                + "'", () -> factory(broker, other).newConnection());
    }

    @Test
    void emptyRegexesStillOpenTheVhostButGrantNothing(TestBroker broker) throws Exception {
        String empty = prefix + ".empty";
        admin.addVhost(empty);
        admin.setPermissions(user, empty, "", "", "");
        try (Connection c = factory(broker, empty).newConnection()) {
            String q = prefix + ".q";
            assertChannelError(ACCESS_REFUSED, "ACCESS_REFUSED - access to queue '" + q + "' in vhost '" + empty
                    + "' refused for user '" + user + "'", () -> c.createChannel().queueDeclare(q, false, false, false, null));
        }
    }

    @Test
    void declaringAndDeletingNeedConfigure() throws Exception {
        String allowed = prefix + ".q";
        Channel ch = connection.createChannel();
        ch.queueDeclare(allowed, false, false, true, null);
        ch.exchangeDeclare(prefix + ".direct", BuiltinExchangeType.DIRECT, false, true, null);
        ch.exchangeDelete(prefix + ".direct");
        ch.queueDelete(allowed);
        assertChannelError(ACCESS_REFUSED, refused("exchange", "other.x"),
                () -> connection.createChannel().exchangeDeclare("other.x", BuiltinExchangeType.DIRECT));
        assertChannelError(ACCESS_REFUSED, refused("queue", "other.q"),
                () -> connection.createChannel().queueDeclare("other.q", false, false, false, null));
        assertChannelError(ACCESS_REFUSED, refused("queue", "other.q"),
                () -> connection.createChannel().queueDelete("other.q"));
        assertChannelError(ACCESS_REFUSED, refused("exchange", "other.x"),
                () -> connection.createChannel().exchangeDelete("other.x"));
    }

    @Test
    void aServerNamedQueueIsCheckedUnderItsGeneratedName() {
        AMQP.Channel.Close close = assertThrowsChannelClose(() -> connection.createChannel().queueDeclare());
        assertEquals(ACCESS_REFUSED, close.getReplyCode());
        assertTrue(close.getReplyText().matches("ACCESS_REFUSED - access to queue 'amq\\.gen-[^']+' in vhost '"
                + java.util.regex.Pattern.quote(vhost) + "' refused for user '.*'"), close.getReplyText());
    }

    @Test
    void passiveDeclaresNeedNoPermission() throws Exception {
        Channel ch = connection.createChannel();
        ch.exchangeDeclarePassive("amq.direct");
        assertChannelError(404, "NOT_FOUND - no queue 'other.q' in vhost '" + vhost + "'",
                () -> ch.queueDeclarePassive("other.q"));
    }

    @Test
    void deadLetterAndAlternateExchangesNeedReadOnTheNewObjectAndWriteOnTheTarget() {
        String q = prefix + ".dead";
        assertChannelError(ACCESS_REFUSED, refused("queue", q), () -> connection.createChannel()
                .queueDeclare(q, false, false, true, Map.of("x-dead-letter-exchange", topic)));
        String x = prefix + ".withae";
        assertChannelError(ACCESS_REFUSED, refused("exchange", x), () -> connection.createChannel()
                .exchangeDeclare(x, BuiltinExchangeType.FANOUT, false, true, Map.of("alternate-exchange", topic)));
    }

    @Test
    void publishingNeedsWriteOnTheExchangeBeforeItIsLookedUp() throws Exception {
        Channel ch = connection.createChannel();
        ch.basicPublish("", "anything", null, new byte[0]);
        roundTrip(ch);
        assertChannelError(ACCESS_REFUSED, refused("exchange", "missing"), () -> {
            Channel c = connection.createChannel();
            c.basicPublish("missing", "k", null, new byte[0]);
            roundTrip(c);
        });
    }

    @Test
    void readingNeedsReadOnTheQueue() throws Exception {
        String q = prefix + ".q";
        connection.createChannel().queueDeclare(q, false, false, true, null);
        assertChannelError(ACCESS_REFUSED, refused("queue", q), () -> connection.createChannel()
                .basicConsume(q, true, new DefaultConsumer(null)));
        assertChannelError(ACCESS_REFUSED, refused("queue", q), () -> connection.createChannel().basicGet(q, true));
        assertChannelError(ACCESS_REFUSED, refused("queue", q), () -> connection.createChannel().queuePurge(q));
        connection.createChannel().queueDelete(q);
    }

    @Test
    void bindingNeedsWriteOnTheDestinationAndReadOnTheSource() throws Exception {
        String q = prefix + ".q";
        Channel ch = connection.createChannel();
        ch.queueDeclare(q, false, false, true, null);
        ch.queueBind(q, topic, vhost + ".orders");
        ch.exchangeBind(topic, topic, vhost + ".loop");
        assertChannelError(ACCESS_REFUSED, refused("exchange", "amq.direct"),
                () -> connection.createChannel().queueBind(q, "amq.direct", "k"));
        assertChannelError(ACCESS_REFUSED, refused("queue", "other.q"),
                () -> connection.createChannel().queueUnbind("other.q", topic, "k"));
        assertChannelError(ACCESS_REFUSED, "ACCESS_REFUSED - operation not permitted on the default exchange",
                () -> connection.createChannel().queueBind(q, "", "k"));
        assertChannelError(ACCESS_REFUSED, refused("exchange", "missing"),
                () -> connection.createChannel().queueBind(q, "missing", "k"));
        ch.queueDelete(q);
    }

    @Test
    void topicPermissionsCheckRoutingKeysOnPublishAndBindingKeysOnBind() throws Exception {
        Channel ch = connection.createChannel();
        ch.basicPublish(topic, user + ".ok", null, new byte[0]);
        ch.basicPublish(topic, "{client_id}", null, new byte[0]);
        roundTrip(ch);
        assertChannelError(ACCESS_REFUSED, topicRefused("someone.else"), () -> {
            Channel c = connection.createChannel();
            c.basicPublish(topic, "someone.else", null, new byte[0]);
            roundTrip(c);
        });
        String q = prefix + ".q";
        ch.queueDeclare(q, false, false, true, null);
        assertChannelError(ACCESS_REFUSED, topicRefused("other.#"),
                () -> connection.createChannel().queueBind(q, topic, "other.#"));
        ch.queueDelete(q);
    }

    @Test
    void exchangesWithoutATopicPermissionAreNotRestricted() throws Exception {
        Channel ch = connection.createChannel();
        String unrestricted = prefix + ".t2";
        ch.exchangeDeclare(unrestricted, BuiltinExchangeType.TOPIC, false, true, null);
        ch.basicPublish(unrestricted, "anything.at.all", null, new byte[0]);
        roundTrip(ch);
        ch.exchangeDelete(unrestricted);
    }

    /**
     * RabbitMQ caches a channel's last few successful checks, so a revoked permission is reliably
     * refused on the next channel; Warren caches nothing and refuses it at once on any channel.
     */
    @Test
    void aPermissionChangeAppliesToTheNextChannelOfAnOpenConnection(TestBroker broker) throws Exception {
        String other = prefix + ".changing";
        admin.addVhost(other);
        admin.setPermissions(user, other, ".*", ".*", ".*");
        try (Connection c = factory(broker, other).newConnection()) {
            Channel ch = c.createChannel();
            ch.basicPublish("", "k", null, new byte[0]);
            roundTrip(ch);
            admin.setPermissions(user, other, ".*", "^nothing$", ".*");
            assertChannelError(ACCESS_REFUSED, "ACCESS_REFUSED - access to exchange 'amq.default' in vhost '" + other
                    + "' refused for user '" + user + "'", () -> {
                Channel next = c.createChannel();
                next.basicPublish("", "k", null, new byte[0]);
                roundTrip(next);
            });
            assertTrue(c.isOpen(), "a permission change closes nothing");
        }
    }

    private static AMQP.Channel.Close assertThrowsChannelClose(Executable action) {
        ShutdownSignalException signal = assertThrows(ShutdownSignalException.class, () -> {
            try {
                action.execute();
            } catch (java.io.IOException e) {
                throw e.getCause();
            }
        });
        return assertInstanceOf(AMQP.Channel.Close.class, signal.getReason());
    }
}
