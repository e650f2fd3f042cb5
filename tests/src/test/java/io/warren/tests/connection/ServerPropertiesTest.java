package io.warren.tests.connection;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.LongString;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The server-properties table of connection.start, which clients read to decide what they may use. */
class ServerPropertiesTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static Connection connection;

    @BeforeAll
    static void connect() {
        connection = broker.connect();
    }

    @AfterAll
    static void disconnect() throws Exception {
        connection.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"product", "version", "platform", "copyright", "information", "cluster_name"})
    void descriptivePropertyIsANonEmptyString(String property) {
        Object value = connection.getServerProperties().get(property);
        LongString text = assertInstanceOf(LongString.class, value, () -> property + " = " + value);
        assertFalse(text.toString().isBlank(), property);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"publisher_confirms", "exchange_exchange_bindings", "basic.nack",
            "consumer_cancel_notify", "connection.blocked", "consumer_priorities",
            "authentication_failure_close", "per_consumer_qos", "direct_reply_to"})
    void capabilityIsAdvertised(String capability) {
        Map<?, ?> capabilities = assertInstanceOf(Map.class, connection.getServerProperties().get("capabilities"));
        assertEquals(Boolean.TRUE, capabilities.get(capability), () -> "capabilities " + capabilities);
    }

    @Test
    void warrenAnnouncesTheRabbitMqLineItFollows() {
        assumeFalse(broker.isExternal(), "only Warren promises a 3.13 version");
        String version = connection.getServerProperties().get("version").toString();
        assertTrue(version.startsWith("3.13."), version);
    }
}
