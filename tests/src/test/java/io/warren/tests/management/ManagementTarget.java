package io.warren.tests.management;

import io.warren.server.WarrenServer;
import io.warren.tests.support.TestBroker;

import java.net.URI;

import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Where the management HTTP API of the broker under test listens, and whom to log in as.
 *
 * <p>Against an external broker ({@code -Dwarren.test.uri=...}) the API is at
 * {@code -Dwarren.test.management}, by default {@code http://localhost:15672}, as guest/guest.
 * Against the embedded Warren started by {@link TestBroker} it is whatever that server bound;
 * see {@link #embedded(WarrenServer)}. Immutable; any thread may use it.
 */
public record ManagementTarget(URI baseUri, String user, String password) {
    private static final String EXTERNAL_API = System.getProperty("warren.test.management", "http://localhost:15672");

    /** The management API that belongs to the broker {@code broker} talks to. */
    public static ManagementTarget of(TestBroker broker) {
        if (broker.isExternal()) {
            return new ManagementTarget(URI.create(EXTERNAL_API), "guest", "guest");
        }
        return embedded(broker.server());
    }

    /**
     * The management API of an embedded Warren. This is the one place that knows how to ask the
     * server for its HTTP port; until the server exposes it, the management tests are skipped on
     * Warren (they still run against RabbitMQ).
     */
    static ManagementTarget embedded(WarrenServer server) {
        return abort("the embedded WarrenServer does not expose its management HTTP port yet ("
                + server.amqpPort() + " is its AMQP port)");
    }

    /** An {@link Api} client logged in as this target's user. */
    public Api api() {
        return new Api(baseUri, user, password);
    }
}
