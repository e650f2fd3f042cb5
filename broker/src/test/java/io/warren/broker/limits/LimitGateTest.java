package io.warren.broker.limits;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.warren.amqp.ReplyCode;
import io.warren.broker.AmqpException;
import io.warren.broker.Broker;
import io.warren.broker.BrokerSettings;
import io.warren.broker.ChannelException;
import io.warren.broker.ConnectionException;
import io.warren.broker.User;
import io.warren.broker.VirtualHost;
import io.warren.broker.access.VhostMetadata;
import io.warren.queue.MessageQueue;
import io.warren.queue.QueueDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate on a real, unstarted broker: its users and vhosts, no sockets. */
class LimitGateTest {
    private final Broker broker = new Broker(new BrokerSettings(List.of(), 131072, 2047, 60, 16 << 20, "limits",
            Set.of()), null);
    private final LimitGate gate = broker.limits();
    private final EventExecutor owner = new DefaultEventLoop();

    @AfterEach
    void stop() {
        owner.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        broker.close();
    }

    private VirtualHost vhost(String name, Map<String, Object> limits) {
        return broker.addVhost(name, new VhostMetadata("", List.of(), null, limits)).join();
    }

    private void user(String name, Map<String, Object> limits) {
        broker.users().put(new User(name, null, Set.of(), limits)).join();
    }

    private static void assertRefused(int code, String text, AmqpException e) {
        assertEquals(code, e.replyCode());
        assertEquals(text, e.replyText());
    }

    @Test
    void theVhostConnectionLimitRefusesTheConnectionBeyondIt() {
        VirtualHost v = vhost("v", Map.of("max-connections", 2L));
        user("u", Map.of());
        ConnectionAdmission first = gate.admitConnection(v, "u");
        gate.admitConnection(v, "u");
        ConnectionException refused = assertThrows(ConnectionException.class, () -> gate.admitConnection(v, "u"));
        assertRefused(ReplyCode.NOT_ALLOWED,
                "NOT_ALLOWED - access to vhost 'v' refused for user 'u': connection limit (2) is reached", refused);
        assertEquals(2, v.connections().held());
        assertEquals(2, gate.connectionsOf("u"));
        first.release();
        first.release();
        assertEquals(1, v.connections().held(), "a second release gives nothing back");
        gate.admitConnection(v, "u");
    }

    @Test
    void theUserConnectionLimitCountsEveryVhostAndGivesBackTheVhostPlace() {
        VirtualHost a = vhost("a", Map.of());
        VirtualHost b = vhost("b", Map.of());
        user("u", Map.of("max-connections", 1));
        gate.admitConnection(a, "u");
        ConnectionException refused = assertThrows(ConnectionException.class, () -> gate.admitConnection(b, "u"));
        assertRefused(ReplyCode.NOT_ALLOWED,
                "NOT_ALLOWED - connection refused for user 'u': user connection limit (1) is reached", refused);
        assertEquals(0, b.connections().held());
        assertEquals(1, gate.connectionsOf("u"));
    }

    @Test
    void aLimitChangedLaterAppliesToLaterOpensOnly() {
        VirtualHost v = vhost("v", Map.of());
        user("u", Map.of());
        gate.admitConnection(v, "u");
        gate.admitConnection(v, "u");
        vhost("v", Map.of("max-connections", 1));
        assertThrows(ConnectionException.class, () -> gate.admitConnection(v, "u"));
        assertEquals(2, v.connections().held(), "the connections already open stay counted");
        vhost("v", Map.of("max-connections", -1));
        gate.admitConnection(v, "u");
    }

    @Test
    void theChannelLimitClosesTheConnectionWithoutAMethodAndReleaseGivesChannelsBack() {
        VirtualHost v = vhost("v", Map.of());
        user("u", Map.of("max-channels", 2));
        ConnectionAdmission one = gate.admitConnection(v, "u");
        ConnectionAdmission two = gate.admitConnection(v, "u");
        one.openChannel();
        two.openChannel();
        ConnectionException refused = assertThrows(ConnectionException.class, one::openChannel);
        assertRefused(ReplyCode.NOT_ALLOWED, "NOT_ALLOWED - number of channels opened for user 'u' has reached"
                + " the maximum allowed user limit of (2)", refused);
        assertTrue(refused.withoutMethod());
        two.channelClosed();
        one.openChannel();
        one.release();
        assertEquals(0, gate.channelsOf("u"));
        assertEquals(1, gate.connectionsOf("u"));
        two.release();
        assertEquals(0, gate.connectionsOf("u"));
        assertEquals(0, v.connections().held());
    }

    @Test
    void aDeletedUserHasNoLimits() {
        VirtualHost v = vhost("v", Map.of());
        user("u", Map.of("max-channels", 0));
        ConnectionAdmission c = gate.admitConnection(v, "u");
        broker.users().remove("u").join();
        c.openChannel();
        assertEquals(1, gate.channelsOf("u"));
    }

    @Test
    void theQueueLimitRefusesNewQueuesButNotExistingOnes() {
        VirtualHost v = vhost("v", Map.of("max-queues", 1));
        MessageQueue q = gate.declareQueue(v, definition("q1"), owner);
        ChannelException refused = assertThrows(ChannelException.class, () -> gate.checkQueueLimit(v, "q2"));
        assertRefused(ReplyCode.PRECONDITION_FAILED,
                "PRECONDITION_FAILED - cannot declare queue 'q2': queue limit in vhost 'v' (1) is reached", refused);
        assertThrows(ChannelException.class, () -> gate.declareQueue(v, definition("q2"), owner));
        assertSame(q, gate.declareQueue(v, definition("q1"), owner));
        v.deleteQueue(q);
        assertEquals(0, v.queueCount());
        gate.declareQueue(v, definition("q2"), owner);
        assertEquals(1, v.queueCount());
    }

    @Test
    void concurrentDeclaresCreateNoMoreQueuesThanTheLimit() throws Exception {
        VirtualHost v = vhost("v", Map.of("max-queues", 10));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> declares = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "q" + i;
                declares.add(() -> {
                    try {
                        gate.declareQueue(v, definition(name), owner);
                        return true;
                    } catch (ChannelException refused) {
                        return false;
                    }
                });
            }
            int created = 0;
            for (Future<Boolean> f : pool.invokeAll(declares)) {
                created += f.get() ? 1 : 0;
            }
            assertEquals(10, created);
            assertEquals(10, v.queues().size());
            assertEquals(10, v.queueCount());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void queuesDeclaredWithoutTheGateStillCount() {
        VirtualHost v = vhost("v", Map.of("max-queues", 1));
        v.declareQueue(definition("imported"), owner);
        assertNull(v.declareQueue(definition("other"), owner, 1));
        assertThrows(ChannelException.class, () -> gate.checkQueueLimit(v, "other"));
    }

    private static QueueDefinition definition(String name) {
        return new QueueDefinition("v", name, false, false, false, Map.of(), null);
    }
}
