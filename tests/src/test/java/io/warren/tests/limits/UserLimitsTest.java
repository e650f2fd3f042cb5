package io.warren.tests.limits;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.warren.tests.connection.ProtocolErrors.assertConnectionError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's {@code max-connections} and {@code max-channels}, over every vhost, as RabbitMQ enforces them. */
@ExtendWith(TestBroker.class)
class UserLimitsTest {
    private LimitsRig rig;

    @BeforeEach
    void open(TestBroker broker) {
        rig = LimitsRig.open(broker);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private String connectionRefusal(long limit) {
        return "NOT_ALLOWED - connection refused for user '" + rig.user() + "': user connection limit ("
                + limit + ") is reached";
    }

    private String channelRefusal(long limit) {
        return "NOT_ALLOWED - number of channels opened for user '" + rig.user()
                + "' has reached the maximum allowed user limit of (" + limit + ")";
    }

    @Test
    void theUserConnectionLimitCountsConnectionsToEveryVhost() throws Exception {
        rig.userLimit("max-connections", 2);
        String other = rig.addVhost();
        rig.connect();
        rig.connect(other);
        AMQP.Connection.Close close = assertConnectionError(530, connectionRefusal(2), () -> rig.connect(other));
        assertEquals(10, close.getClassId());
        assertEquals(40, close.getMethodId());
    }

    @Test
    void theVhostLimitIsCheckedBeforeTheUserLimit() throws Exception {
        rig.userLimit("max-connections", 0);
        rig.vhostLimit("max-connections", 0);
        assertConnectionError(530, "NOT_ALLOWED - access to vhost '" + rig.vhost() + "' refused for user '"
                + rig.user() + "': connection limit (0) is reached", rig::connect);
        rig.clearVhostLimit("max-connections");
        assertConnectionError(530, connectionRefusal(0), rig::connect);
    }

    @Test
    void aChannelBeyondTheUserLimitClosesTheWholeConnection() throws Exception {
        rig.userLimit("max-channels", 2);
        Connection c = rig.connect();
        c.createChannel();
        c.createChannel();
        AMQP.Connection.Close close = assertConnectionError(530, channelRefusal(2), c::createChannel);
        assertEquals(0, close.getClassId());
        assertEquals(0, close.getMethodId());
        assertFalse(c.isOpen());
    }

    @Test
    void zeroAllowsNoChannel() throws Exception {
        rig.userLimit("max-channels", 0);
        Connection c = rig.connect();
        assertConnectionError(530, channelRefusal(0), c::createChannel);
    }

    @Test
    void channelsOfEveryConnectionCountAndAClosedOneGivesItsPlaceBack() throws Exception {
        rig.userLimit("max-channels", 2);
        Connection first = rig.connect();
        Channel held = first.createChannel();
        rig.connect(rig.addVhost()).createChannel();
        assertConnectionError(530, channelRefusal(2), () -> rig.connect().createChannel());
        held.close();
        Channel again = LimitsRig.once(() -> rig.connect().createChannel());
        assertTrue(again.isOpen());
        assertTrue(first.isOpen(), "closing a channel takes nothing else down");
    }
}
