package io.warren.tests.connection;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import io.warren.tests.hostile.Methods;
import io.warren.tests.hostile.PayloadBuilder;
import io.warren.tests.hostile.RawAmqpSocket;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refused login is told with connection.close 403 only to a client that announced the
 * {@code authentication_failure_close} capability; any other client cannot tell a close from a
 * network failure, so RabbitMQ just closes its socket (after a 3 s hold), and the client reports a
 * possible authentication failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthenticationFailureCloseTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @Test
    void aClientWithoutTheCapabilityHasItsSocketClosedWithoutAWord() throws Exception {
        try (RawAmqpSocket raw = RawAmqpSocket.open(broker)) {
            raw.start();
            String user = broker.factory().getUsername();
            // connection.start-ok with no capabilities at all
            raw.writeMethod(0, PayloadBuilder.method(Methods.CONNECTION, 11).table(Map.of()).shortString("PLAIN")
                    .longString(("\0" + user + "\0not-the-password").getBytes(StandardCharsets.UTF_8))
                    .shortString("en_US").build());

            assertTrue(raw.closedByPeerWithoutData(), "the socket was not closed, or the broker sent something");
        }
    }

    @Test
    void theJavaClientWithoutTheCapabilityReportsAPossibleAuthenticationFailure() {
        ConnectionFactory factory = broker.factory();
        factory.setPassword(factory.getPassword() + "-wrong");
        Map<String, Object> properties = new HashMap<>(factory.getClientProperties());
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = new HashMap<>((Map<String, Object>) properties.get("capabilities"));
        capabilities.remove("authentication_failure_close");
        properties.put("capabilities", capabilities);
        factory.setClientProperties(properties);

        PossibleAuthenticationFailureException e =
                assertThrows(PossibleAuthenticationFailureException.class, factory::newConnection);
        assertTrue(!(e instanceof AuthenticationFailureException), "told of the refusal: " + e);
    }
}
