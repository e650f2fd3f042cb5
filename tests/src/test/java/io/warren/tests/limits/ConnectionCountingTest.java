package io.warren.tests.limits;

import com.rabbitmq.client.Connection;
import io.warren.tests.hostile.RawAmqpSocket;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.warren.tests.connection.Eventually.assertEventually;
import static io.warren.tests.connection.ProtocolErrors.assertConnectionError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The counts behind the limits stay exact when connections race for the last places or die
 * half-way through the handshake.
 */
@ExtendWith(TestBroker.class)
class ConnectionCountingTest {
    private TestBroker broker;
    private LimitsRig rig;

    @BeforeEach
    void open(TestBroker broker) {
        this.broker = broker;
        rig = LimitsRig.open(broker);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void connectionsRacingForTheLastPlacesNeverExceedTheLimit() throws Exception {
        // RabbitMQ counts connections asynchronously and may admit a few too many in a burst;
        // Warren takes each place atomically at connection.open.
        assumeFalse(broker.isExternal(), "RabbitMQ's connection tracking is eventually consistent");
        rig.vhostLimit("max-connections", 3);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Connection> admitted = new ArrayList<>();
        try {
            List<Callable<Connection>> opens = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                opens.add(() -> {
                    try {
                        return rig.factory(rig.vhost()).newConnection();
                    } catch (IOException refused) {
                        return null;
                    }
                });
            }
            for (Future<Connection> f : pool.invokeAll(opens)) {
                if (f.get() != null) {
                    admitted.add(f.get());
                }
            }
            assertEquals(3, admitted.size());
            assertEquals(3, warrenVhostConnections());
        } finally {
            pool.shutdown();
            for (Connection c : admitted) {
                c.close();
            }
        }
        assertEquals(0, warrenVhostConnections());
        assertEquals(0, broker.server().broker().limits().connectionsOf(rig.user()));
    }

    @Test
    void connectionsThatDieDuringTheHandshakeHoldNoPlace() throws Exception {
        rig.vhostLimit("max-connections", 2);
        try (RawAmqpSocket afterHeader = RawAmqpSocket.open(broker)) {
            afterHeader.start();
        }
        try (RawAmqpSocket afterTune = RawAmqpSocket.open(broker)) {
            afterTune.start();
            afterTune.startOkPlain();
            afterTune.tune(0);
        }
        try (RawAmqpSocket duringOpen = RawAmqpSocket.open(broker)) {
            duringOpen.start();
            duringOpen.startOkPlain();
            duringOpen.tune(0);
            duringOpen.openVhost(rig.vhost());
        }
        try (RawAmqpSocket afterOpen = RawAmqpSocket.open(broker)) {
            afterOpen.start();
            afterOpen.startOkPlain();
            afterOpen.tune(0);
            afterOpen.openVhost(rig.vhost());
            afterOpen.awaitOpenOk();
            afterOpen.openChannel(1);
        }
        if (!broker.isExternal()) {
            assertEventually("every place given back", () -> warrenVhostConnections() == 0);
        }
        Connection first = rig.connectOnceAdmitted(rig.vhost());
        Connection second = rig.connectOnceAdmitted(rig.vhost());
        assertConnectionError(530, "NOT_ALLOWED - access to vhost '" + rig.vhost() + "' refused for user '"
                + rig.user() + "': connection limit (2) is reached", rig::connect);
        assertTrue(first.isOpen() && second.isOpen());
    }

    private int warrenVhostConnections() {
        return broker.server().broker().vhosts().get(rig.vhost()).connections().held();
    }
}
