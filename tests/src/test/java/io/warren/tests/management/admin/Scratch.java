package io.warren.tests.management.admin;

import io.warren.tests.connection.Names;
import io.warren.tests.management.Api;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Vhosts and users a test creates through the API, with unique names, deleted again by
 * {@link #close()}: the reference RabbitMQ is shared, so nothing may be left behind. Unlike
 * {@link io.warren.tests.management.ManagementRig}, which builds one vhost with the recorded
 * topology and grants guest its permissions explicitly, these tests need several bare vhosts per
 * test, the permissions RabbitMQ grants a vhost's creator by itself, and users by name, with or
 * without permissions.
 */
final class Scratch implements AutoCloseable {
    private final Api admin;
    private final List<String> vhosts = new ArrayList<>();
    private final List<String> users = new ArrayList<>();

    Scratch(Api admin) {
        this.admin = admin;
    }

    /** A new vhost, in which guest, who created it, has full permissions as RabbitMQ grants them. */
    String vhost() {
        String v = Names.unique("admin-vh");
        assertEquals(201, admin.send("PUT", "/api/vhosts/" + Api.segment(v), "{}").status());
        vhosts.add(v);
        assertEquals(".*", admin.get("/api/permissions/" + Api.segment(v) + "/guest").json().get("configure").asText());
        return v;
    }

    /** A new user with password "pw" and the tags, with full permissions in {@code vhost} unless null. */
    String user(String tags, String vhost) {
        String u = Names.unique("admin-user");
        assertEquals(201, admin.send("PUT", "/api/users/" + Api.segment(u),
                "{\"password\":\"pw\",\"tags\":\"" + tags + "\"}")
                .status());
        users.add(u);
        if (vhost != null) {
            assertEquals(201, admin.send("PUT", "/api/permissions/" + Api.segment(vhost) + "/" + Api.segment(u),
                    "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}").status());
        }
        return u;
    }

    /** Records a vhost the test created itself, for deletion. */
    void created(String vhost) {
        vhosts.add(vhost);
    }

    @Override
    public void close() {
        users.forEach(u -> admin.delete("/api/users/" + Api.segment(u)));
        vhosts.forEach(v -> admin.delete("/api/vhosts/" + Api.segment(v)));
    }
}
