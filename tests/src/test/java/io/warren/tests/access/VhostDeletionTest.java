package io.warren.tests.access;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.warren.tests.connection.ProtocolErrors.assertChannelError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deleting a vhost closes its connections with 320 CONNECTION_FORCED and takes its contents with it. */
@ExtendWith(TestBroker.class)
class VhostDeletionTest {
    @Test
    void deletingAVhostForcesItsConnectionsClosedAndForgetsItsQueues(TestBroker broker) throws Exception {
        String prefix = Names.unique("vhdel");
        String user = prefix + ".user";
        String vhost = prefix + ".vhost";
        try (AccessAdmin admin = new AccessAdmin(broker)) {
            admin.addUser(user, "pw");
            admin.addVhost(vhost);
            admin.setPermissions(user, vhost, ".*", ".*", ".*");
            ConnectionFactory f = broker.factory();
            f.setUsername(user);
            f.setPassword("pw");
            f.setVirtualHost(vhost);
            Connection c = f.newConnection();
            c.createChannel().queueDeclare("q", true, false, false, null);
            CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
            c.addShutdownListener(closed::complete);

            admin.deleteVhost(vhost);

            ShutdownSignalException signal = closed.get(10, TimeUnit.SECONDS);
            assertTrue(signal.isHardError());
            AMQP.Connection.Close close = assertInstanceOf(AMQP.Connection.Close.class, signal.getReason());
            assertEquals(320, close.getReplyCode());
            assertEquals("CONNECTION_FORCED - vhost '" + vhost + "' is deleted", close.getReplyText());

            admin.addVhost(vhost);
            admin.setPermissions(user, vhost, ".*", ".*", ".*");
            try (Connection again = f.newConnection()) {
                assertChannelError(404, "NOT_FOUND - no queue 'q' in vhost '" + vhost + "'",
                        () -> again.createChannel().queueDeclarePassive("q"));
            }
        }
    }
}
