package io.warren.tests.limits;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.junit5.EmbeddedWarren;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * RabbitMQ's loopback_users: by default guest may connect only from loopback. The test reaches
 * the broker through one of this machine's own non-loopback addresses, so the broker sees a
 * non-loopback peer without any traffic leaving the machine.
 */
class LoopbackUsersTest {
    /** On every interface, so that the test can arrive from a non-loopback address. */
    @RegisterExtension
    static WarrenExtension warren = WarrenExtension.builder().config("listeners.tcp.default", "0").build();

    /** Set by the extension. */
    private static WarrenServer server;

    @Test
    void guestIsRefusedFromANonLoopbackAddressAndAcceptedFromLoopback() throws Exception {
        InetAddress own = ownNonLoopbackAddress();
        assumeTrue(own != null, "this machine has no non-loopback IPv4 address");

        ConnectionFactory remote = factory(own.getHostAddress());
        assertThrows(AuthenticationFailureException.class, remote::newConnection);

        try (Connection c = factory("127.0.0.1").newConnection()) {
            assertTrue(c.isOpen());
        }
    }

    @Test
    void withLoopbackUsersEmptiedGuestMayConnectFromAnywhere() throws Exception {
        InetAddress own = ownNonLoopbackAddress();
        assumeTrue(own != null, "this machine has no non-loopback IPv4 address");
        try (EmbeddedWarren open = WarrenExtension.builder().config("listeners.tcp.default", "0")
                .config("loopback_users", "none").start()) {
            ConnectionFactory f = factory(own.getHostAddress());
            f.setPort(open.amqpPort());
            try (Connection c = f.newConnection()) {
                assertTrue(c.isOpen());
            }
        }
    }

    private static ConnectionFactory factory(String host) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(server.amqpPort());
        return f;
    }

    private static InetAddress ownNonLoopbackAddress() throws Exception {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a;
                }
            }
        }
        return null;
    }
}
