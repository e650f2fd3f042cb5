package io.warren.tests.limits;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.tests.connection.Names;
import io.warren.tests.management.Api;
import io.warren.tests.management.ApiResponse;
import io.warren.tests.management.ManagementTarget;
import io.warren.tests.support.TestBroker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A vhost and a user of their own for one limits test, made through the management API of the
 * broker under test (embedded Warren or a real RabbitMQ): the user has every permission in the
 * vhost, and so has guest. Limits are set and cleared as an administrator would, over HTTP.
 * {@link #close()} deletes the vhosts and the user, and with them their limits and queues.
 * Used by one test thread at a time.
 */
final class LimitsRig implements AutoCloseable {
    static final String PASSWORD = "limits-secret";
    /**
     * RabbitMQ tracks connections and channels asynchronously, so a place given back by a close
     * may take a moment to be seen; Warren frees it before close-ok.
     */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final TestBroker broker;
    private final Api api;
    private final String user = Names.unique("limits-user");
    private final List<String> vhosts = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    private LimitsRig(TestBroker broker) {
        this.broker = broker;
        this.api = ManagementTarget.of(broker).api();
    }

    static LimitsRig open(TestBroker broker) {
        LimitsRig rig = new LimitsRig(broker);
        rig.must(rig.api.put(Api.path("users", rig.user), Map.of("password", PASSWORD, "tags", "management")));
        rig.addVhost();
        return rig;
    }

    /** Adds another vhost where the rig's user and guest have every permission; the first is {@link #vhost()}. */
    String addVhost() {
        String vhost = Names.unique("limits");
        must(api.put(Api.path("vhosts", vhost), Map.of()));
        vhosts.add(vhost);
        Map<String, String> all = Map.of("configure", ".*", "write", ".*", "read", ".*");
        must(api.put(Api.path("permissions", vhost, user), all));
        must(api.put(Api.path("permissions", vhost, "guest"), all));
        return vhost;
    }

    String vhost() {
        return vhosts.get(0);
    }

    String user() {
        return user;
    }

    /** The management API, as guest (an administrator). */
    Api api() {
        return api;
    }

    void vhostLimit(String name, long value) {
        must(api.put(Api.path("vhost-limits", vhost(), name), Map.of("value", value)));
    }

    void clearVhostLimit(String name) {
        must(api.delete(Api.path("vhost-limits", vhost(), name)));
    }

    void userLimit(String name, long value) {
        must(api.put(Api.path("user-limits", user, name), Map.of("value", value)));
    }

    /** A factory for the rig's user in {@code vhost}, without recovery. */
    ConnectionFactory factory(String vhost) {
        ConnectionFactory f = broker.factory();
        f.setUsername(user);
        f.setPassword(PASSWORD);
        f.setVirtualHost(vhost);
        return f;
    }

    /** Opens a connection as the rig's user to its vhost; closed by {@link #close()} if still open. */
    Connection connect() throws IOException, TimeoutException {
        return connect(vhost());
    }

    Connection connect(String vhost) throws IOException, TimeoutException {
        Connection c = factory(vhost).newConnection();
        connections.add(c);
        return c;
    }

    /**
     * Opens a connection as soon as the broker admits it: for a place just given back, which
     * RabbitMQ may not have counted out yet.
     */
    Connection connectOnceAdmitted(String vhost) throws Exception {
        return once(() -> connect(vhost));
    }

    /** Runs {@code attempt} until it succeeds, for at most the time RabbitMQ may take to count a close. */
    static <T> T once(Attempt<T> attempt) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            try {
                return attempt.run();
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @FunctionalInterface
    interface Attempt<T> {
        T run() throws Exception;
    }

    private ApiResponse must(ApiResponse response) {
        if (response.status() / 100 != 2) {
            throw new AssertionError("setting up the limits rig failed: " + response);
        }
        return response;
    }

    @Override
    public void close() {
        for (Connection c : connections) {
            if (c.isOpen()) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // Closed by the broker meanwhile: nothing left to clean.
                }
            }
        }
        for (String vhost : vhosts) {
            api.delete(Api.path("vhosts", vhost));
        }
        api.delete(Api.path("users", user));
    }
}
