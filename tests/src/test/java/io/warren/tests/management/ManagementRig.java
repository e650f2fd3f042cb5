package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.warren.tests.management.Json.object;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The objects the fixtures were recorded against, rebuilt in a fresh vhost of the broker under
 * test so that the answers can be compared: exchanges {@code orders} (topic) and {@code audit}
 * (fanout), queues {@code q.alpha}, {@code q.beta}, {@code q.gamma}, {@code q.consumed} (each
 * with {@code x-max-length: 1000}), the bindings between them, three messages in {@code q.alpha}
 * and, on request, the policies, users with each management tag, and a consuming AMQP connection.
 * Everything it creates has a unique name and is deleted by {@link #close()}. Used by one test
 * thread at a time.
 */
public final class ManagementRig implements AutoCloseable {
    public static final String PASSWORD = "secret";
    public static final List<String> QUEUES = List.of("q.alpha", "q.beta", "q.consumed", "q.gamma");

    private final TestBroker broker;
    private final Api api;
    private final String vhost = Names.unique("mgmt");
    private final List<String> users = new ArrayList<>();
    private Connection connection;

    private ManagementRig(TestBroker broker) {
        this.broker = broker;
        this.api = ManagementTarget.of(broker).api();
    }

    /** A rig with its own empty vhost, where guest has full permissions. */
    public static ManagementRig open(TestBroker broker) {
        ManagementRig rig = new ManagementRig(broker);
        rig.must(rig.api.put(Api.path("vhosts", rig.vhost), object("description", "Warren management test")));
        rig.must(rig.api.put(Api.path("permissions", rig.vhost, "guest"), allPermissions()));
        return rig;
    }

    public Api api() {
        return api;
    }

    public String vhost() {
        return vhost;
    }

    /** {@code /api/<first>/<this vhost>/<rest...>}, every segment encoded. */
    public String path(String first, String... rest) {
        String[] segments = new String[rest.length + 2];
        segments[0] = first;
        segments[1] = vhost;
        System.arraycopy(rest, 0, segments, 2, rest.length);
        return Api.path(segments);
    }

    /** Exchanges, queues, bindings and three messages routed to {@code q.alpha}, as the recording had them. */
    public ManagementRig withTopology() {
        must(api.put(path("exchanges", "orders"), object("type", "topic", "durable", true)));
        must(api.put(path("exchanges", "audit"), object("type", "fanout", "durable", true)));
        for (String queue : QUEUES) {
            must(api.put(path("queues", queue), object("durable", true, "auto_delete", false,
                    "arguments", Map.of("x-max-length", 1000))));
        }
        must(api.post(path("bindings", "e", "orders", "q", "q.alpha"), object("routing_key", "order.*", "arguments", Map.of())));
        must(api.post(path("bindings", "e", "orders", "e", "audit"), object("routing_key", "#", "arguments", Map.of())));
        must(api.post(path("bindings", "e", "audit", "q", "q.beta"), object("routing_key", "", "arguments", Map.of())));
        for (int i = 0; i < 3; i++) {
            must(api.post(path("exchanges", "orders", "publish"), object(
                    "properties", object("delivery_mode", 2, "headers", Map.of("n", i)),
                    "routing_key", "order.new", "payload", "message " + i, "payload_encoding", "string")));
        }
        return this;
    }

    /** The policy {@code ttl} on {@code q.gamma} and the operator policy {@code cap} on every {@code q.} queue. */
    public ManagementRig withPolicies() {
        must(api.put(path("policies", "ttl"), object("pattern", "^q\\.gamma$",
                "definition", Map.of("message-ttl", 60000), "priority", 1, "apply-to", "queues")));
        must(api.put(path("operator-policies", "cap"), object("pattern", "^q\\.",
                "definition", Map.of("max-length", 5000), "priority", 0, "apply-to", "queues")));
        return this;
    }

    /** The client of a new user with {@code tags} (comma-separated, may be empty) and full permissions here. */
    public Api as(String tags) {
        String user = Names.unique("mgmt-user-" + (tags.isEmpty() ? "none" : tags.replace(',', '-')));
        must(api.put(Api.path("users", user), object("password", PASSWORD, "tags", tags)));
        users.add(user);
        must(api.put(Api.path("permissions", vhost, user), allPermissions()));
        return api.as(user, PASSWORD);
    }

    /**
     * Opens an AMQP connection to this vhost named {@code connectionName}, with one channel
     * (prefetch 10) consuming from {@code q.consumed}, and waits until the API reports it with
     * its channel.
     */
    public JsonNode consume(String connectionName) throws Exception {
        ConnectionFactory factory = broker.factory();
        factory.setVirtualHost(vhost);
        connection = factory.newConnection(connectionName);
        Channel channel = connection.createChannel();
        channel.basicQos(10);
        channel.basicConsume("q.consumed", false, "mgmt-consumer", new DefaultConsumer(channel));
        String connections = Api.path("vhosts", vhost, "connections");
        String channels = Api.path("vhosts", vhost, "channels");
        return StatsWait.until("connection " + connectionName + " with its channel", () -> {
            JsonNode listed = api.get(connections).json();
            boolean ready = listed != null && listed.size() == 1 && listed.get(0).has("channels")
                    && api.get(channels).json().size() == 1;
            return ready ? listed.get(0) : null;
        });
    }

    @Override
    public void close() throws Exception {
        if (connection != null && connection.isOpen()) {
            connection.close();
        }
        api.delete(Api.path("vhosts", vhost));
        for (String user : users) {
            api.delete(Api.path("users", user));
        }
    }

    private static Map<String, Object> allPermissions() {
        return object("configure", ".*", "write", ".*", "read", ".*");
    }

    private ApiResponse must(ApiResponse response) {
        assertTrue(response.status() < 300, () -> "set-up call failed: " + response);
        return response;
    }
}
