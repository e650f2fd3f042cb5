package io.warren.tests.management.admin;

import io.warren.tests.connection.Names;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Vhosts and users a test creates through the API, with unique names, deleted again by
 * {@link #close()}: the reference RabbitMQ is shared, so nothing may be left behind.
 */
final class Scratch implements AutoCloseable {
    private final Http admin;
    private final List<String> vhosts = new ArrayList<>();
    private final List<String> users = new ArrayList<>();

    Scratch(Http admin) {
        this.admin = admin;
    }

    /** A new vhost, in which guest, who created it, has full permissions as RabbitMQ grants them. */
    String vhost() {
        String v = Names.unique("admin-vh");
        assertEquals(201, admin.put("/api/vhosts/" + Http.seg(v), "{}").status());
        vhosts.add(v);
        assertEquals(".*", admin.get("/api/permissions/" + Http.seg(v) + "/guest").json().get("configure").asText());
        return v;
    }

    /** A new user with password "pw" and the tags, with full permissions in {@code vhost} unless null. */
    String user(String tags, String vhost) {
        String u = Names.unique("admin-user");
        assertEquals(201, admin.put("/api/users/" + Http.seg(u), "{\"password\":\"pw\",\"tags\":\"" + tags + "\"}")
                .status());
        users.add(u);
        if (vhost != null) {
            assertEquals(201, admin.put("/api/permissions/" + Http.seg(vhost) + "/" + Http.seg(u),
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
        users.forEach(u -> admin.delete("/api/users/" + Http.seg(u)));
        vhosts.forEach(v -> admin.delete("/api/vhosts/" + Http.seg(v)));
    }
}
