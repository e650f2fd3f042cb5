package io.warren.tests.connection;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.SaslConfig;
import io.warren.tests.hostile.CloseMethod;
import io.warren.tests.hostile.RawAmqpSocket;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.warren.tests.connection.ProtocolErrors.assertConnectionError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logging in: the PLAIN and AMQPLAIN mechanisms, refused credentials and unknown vhosts. */
class AuthenticationTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PLAIN", "AMQPLAIN"})
    void validCredentialsOpenAWorkingConnection(String mechanism) throws Exception {
        ConnectionFactory factory = broker.factory();
        factory.setSaslConfig(saslConfig(mechanism));
        try (Connection connection = factory.newConnection()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            channel.basicPublish("", queue, null, mechanism.getBytes(StandardCharsets.UTF_8));
            assertEquals(mechanism, new String(channel.basicGet(queue, true).getBody(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PLAIN", "AMQPLAIN"})
    void wrongPasswordIsRefused(String mechanism) {
        ConnectionFactory factory = broker.factory();
        factory.setSaslConfig(saslConfig(mechanism));
        factory.setPassword(factory.getPassword() + "-wrong");

        // The client raises AuthenticationFailureException only for a connection.close with 403.
        AuthenticationFailureException refused =
                assertThrows(AuthenticationFailureException.class, factory::newConnection);
        assertEquals("ACCESS_REFUSED - Login was refused using authentication mechanism " + mechanism
                + ". For details see the broker logfile.", refused.getMessage());
    }

    @Test
    void unknownUserIsRefusedLikeAWrongPassword() {
        ConnectionFactory factory = broker.factory();
        factory.setUsername(Names.unique("nobody"));

        AuthenticationFailureException refused =
                assertThrows(AuthenticationFailureException.class, factory::newConnection);
        assertEquals("ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN."
                + " For details see the broker logfile.", refused.getMessage());
    }

    @Test
    void refusedLoginIsAConnectionCloseWithCode403() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            raw.start();
            String user = broker.factory().getUsername();
            raw.startOk("PLAIN", ("\0" + user + "\0not-the-password").getBytes(StandardCharsets.UTF_8));

            CloseMethod close = raw.awaitConnectionClose();
            assertEquals(new CloseMethod(403, "ACCESS_REFUSED - Login was refused using authentication"
                    + " mechanism PLAIN. For details see the broker logfile.", 0, 0), close);
        }
    }

    @Test
    void missingVhostIsRefusedWithNotAllowed() {
        ConnectionFactory factory = broker.factory();
        String vhost = Names.unique("vhost");
        factory.setVirtualHost(vhost);

        var close = assertConnectionError(530, "NOT_ALLOWED - vhost " + vhost + " not found", factory::newConnection);
        assertEquals(10, close.getClassId());
        assertEquals(40, close.getMethodId());
    }

    @Test
    void connectionStartOffersPlainAndAmqplain() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            ConnectionStart start = ConnectionStart.parse(raw.start());

            assertEquals(0, start.versionMajor());
            assertEquals(9, start.versionMinor());
            assertTrue(start.mechanisms().contains("PLAIN"), () -> "mechanisms " + start.mechanisms());
            assertTrue(start.mechanisms().contains("AMQPLAIN"), () -> "mechanisms " + start.mechanisms());
            assertEquals("en_US", start.locales());
        }
    }

    private static SaslConfig saslConfig(String mechanism) {
        return "AMQPLAIN".equals(mechanism) ? AmqplainMechanism.config() : DefaultSaslConfig.PLAIN;
    }
}
