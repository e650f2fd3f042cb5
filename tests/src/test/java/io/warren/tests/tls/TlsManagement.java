package io.warren.tests.tls;

import io.warren.server.WarrenServer;
import io.warren.tests.management.Api;
import io.warren.tests.management.ApiResponse;
import io.warren.tests.management.ManagementTarget;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The management API of a TLS test's broker, for users that log in with certificates. A class of
 * its own, not static methods of a test: calling those would initialise the test class, making
 * its certificates for nothing.
 */
final class TlsManagement {
    private TlsManagement() {}

    static Api api(WarrenServer server) {
        return new ManagementTarget(URI.create("http://127.0.0.1:" + server.managementPort()), "guest", "guest").api();
    }

    /**
     * A user with full permissions on "/" and no password (an empty password_hash, as RabbitMQ's
     * documentation suggests for certificate-only users), made through the management API.
     */
    static void createUser(WarrenServer server, String name) {
        Api api = api(server);
        ApiResponse user = api.put(Api.path("users", name), Map.of("password_hash", "", "tags", ""));
        assertTrue(user.status() == 201 || user.status() == 204, user::toString);
        ApiResponse perms = api.put(Api.path("permissions", "/", name),
                Map.of("configure", ".*", "write", ".*", "read", ".*"));
        assertTrue(perms.status() == 201 || perms.status() == 204, perms::toString);
    }
}
