package io.warren.tests.limits;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import io.warren.tests.management.Api;
import io.warren.tests.management.ApiResponse;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.warren.tests.connection.ProtocolErrors.assertConnectionError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A vhost's {@code max-connections}, as RabbitMQ enforces it at connection.open. */
@ExtendWith(TestBroker.class)
class VhostConnectionLimitTest {
    private LimitsRig rig;

    @BeforeEach
    void open(TestBroker broker) {
        rig = LimitsRig.open(broker);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private String refusal(long limit) {
        return "NOT_ALLOWED - access to vhost '" + rig.vhost() + "' refused for user '" + rig.user()
                + "': connection limit (" + limit + ") is reached";
    }

    @Test
    void theConnectionBeyondTheLimitIsRefusedAtConnectionOpen() throws Exception {
        rig.vhostLimit("max-connections", 2);
        Connection first = rig.connect();
        rig.connect();
        AMQP.Connection.Close close = assertConnectionError(530, refusal(2), rig::connect);
        assertEquals(10, close.getClassId());
        assertEquals(40, close.getMethodId());
        assertTrue(first.createChannel().isOpen(), "the connections within the limit stay usable");
    }

    @Test
    void zeroAllowsNoConnectionAtAll() throws Exception {
        rig.vhostLimit("max-connections", 0);
        assertConnectionError(530, refusal(0), rig::connect);
    }

    @Test
    void aNegativeOrRemovedLimitAllowsAnyNumber() throws Exception {
        rig.vhostLimit("max-connections", -1);
        for (int i = 0; i < 3; i++) {
            rig.connect();
        }
        rig.vhostLimit("max-connections", 1);
        assertConnectionError(530, refusal(1), rig::connect);
        rig.clearVhostLimit("max-connections");
        rig.connect();
    }

    @Test
    void aLoweredLimitClosesNothingAndAppliesToLaterOpens() throws Exception {
        Connection first = rig.connect();
        Connection second = rig.connect();
        rig.vhostLimit("max-connections", 1);
        assertConnectionError(530, refusal(1), rig::connect);
        assertTrue(first.isOpen() && second.isOpen());
        assertTrue(second.createChannel().isOpen());
        first.close();
        assertConnectionError(530, refusal(1), rig::connect);
        second.close();
        rig.connectOnceAdmitted(rig.vhost());
    }

    @Test
    void aClosedConnectionGivesItsPlaceBack() throws Exception {
        rig.vhostLimit("max-connections", 1);
        for (int i = 0; i < 3; i++) {
            rig.connectOnceAdmitted(rig.vhost()).close();
        }
    }

    @Test
    void theLimitIsPerVhost() throws Exception {
        rig.vhostLimit("max-connections", 1);
        String other = rig.addVhost();
        rig.connect();
        rig.connect(other);
        rig.connect(other);
    }

    @Test
    void managementApiDeclaresNeedNoConnectionPlace() throws Exception {
        rig.vhostLimit("max-connections", 0);
        ApiResponse declared = rig.api().put(Api.path("queues", rig.vhost(), "wt.limits.declared"),
                Map.of("durable", false));
        assertEquals(201, declared.status(), declared::toString);
        rig.vhostLimit("max-connections", 1);
        rig.connect();
    }
}
