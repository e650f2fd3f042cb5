package io.warren.tests.management;

import io.warren.tests.support.TestBroker;

import java.net.URI;


/**
 * Where the management HTTP API of the broker under test listens, and whom to log in as.
 *
 * <p>Against an external broker ({@code -Dwarren.test.uri=...}) the API is at
 * {@code -Dwarren.test.management}, by default {@code http://localhost:15672}, as guest/guest.
 * Against the embedded Warren started by {@link TestBroker} it is whatever that server bound;
 * see {@link #embedded(WarrenServer)}. Immutable; any thread may use it.
 */
public record ManagementTarget(URI baseUri, String user, String password) {

    /** The management API that belongs to the broker {@code broker} talks to. */
    public static ManagementTarget of(TestBroker broker) {
        return of(broker.managementUri());
    }

    /** The management API of an embedded Warren. */
    static ManagementTarget of(String baseUri) {
        return new ManagementTarget(URI.create(baseUri), "guest", "guest");
    }

    /** An {@link Api} client logged in as this target's user. */
    public Api api() {
        return new Api(baseUri, user, password);
    }
}
