package io.warren.tests.ui;

import io.warren.tests.support.TestBroker;

import java.net.URI;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the browser finds the management UI of the broker under test. */
final class ManagementEndpoint {
    private ManagementEndpoint() {
    }

    static URI of(TestBroker broker) {
        String uri = System.getProperty("warren.test.management.uri");
        assumeTrue(uri != null, "the embedded broker does not expose its management URI yet");
        return URI.create(uri);
    }
}
