package io.warren.tests.support;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.junit5.EmbeddedWarren;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.server.config.ListenAddress;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * JUnit 5 extension that gives a test class a broker to talk to over real sockets.
 *
 * <p>By default it starts an embedded Warren through warren-junit5 (free ports, a fresh data
 * directory, deleted afterwards), once per test class. With
 * {@code -Dwarren.test.uri=amqp://guest:guest@localhost:5672} the same tests run against any
 * other broker instead; that is how the expected behaviour is checked against a real RabbitMQ.
 * Tests take a {@code TestBroker} parameter and open connections from it.
 */
public final class TestBroker implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final String EXTERNAL_URI = System.getProperty("warren.test.uri");

    private EmbeddedWarren warren;

    /**
     * The broker the black-box tests check is Warren as it runs by default, not the extension's
     * lighter test node: listeners on every interface, the Prometheus endpoint, fsync per batch.
     */
    static WarrenExtension.Builder embedded() {
        return WarrenExtension.builder().configure(b -> b
                .amqpListeners(List.of(ListenAddress.anyInterface(0)))
                .managementHost(null)
                .prometheusHost(null).prometheusPort(0)
                .fsyncPerBatch(true));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (EXTERNAL_URI == null) {
            warren = embedded().start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (warren != null) {
            warren.close();
            warren = null;
        }
    }

    /** True when the tests run against an external broker (a real RabbitMQ) instead of Warren. */
    public boolean isExternal() {
        return EXTERNAL_URI != null;
    }

    /**
     * Skips the calling test when it runs against an external broker older than
     * {@code minimumVersion} (e.g. "3.13"): the behaviour it checks is that version's, and the
     * RabbitMQ on hand may be older. Against Warren it never skips.
     */
    public void assumeRabbitMqAtLeast(String minimumVersion) {
        if (EXTERNAL_URI == null) {
            return;
        }
        String version;
        try (Connection c = connect()) {
            version = String.valueOf(c.getServerProperties().get("version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(compareVersions(version, minimumVersion) >= 0,
                "the external broker is RabbitMQ " + version + "; this behaviour is " + minimumVersion + "'s");
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("[.+-]");
        String[] y = b.split("[.+-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int cmp;
            try {
                cmp = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            } catch (NumberFormatException e) {
                cmp = x[i].compareTo(y[i]);
            }
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    public String host() {
        return EXTERNAL_URI == null ? "127.0.0.1" : factory().getHost();
    }

    public int port() {
        return EXTERNAL_URI == null ? warren.amqpPort() : factory().getPort();
    }

    /**
     * The management HTTP API's base URL, without a trailing slash: the embedded Warren's, or
     * {@code -Dwarren.test.management} (e.g. {@code http://localhost:15672}) against an external broker.
     */
    public String managementUri() {
        if (EXTERNAL_URI == null) {
            return warren.managementUrl();
        }
        String external = System.getProperty("warren.test.management", "http://localhost:15672");
        return external.endsWith("/") ? external.substring(0, external.length() - 1) : external;
    }

    /** The running embedded server, or null when the tests run against an external broker. */
    public WarrenServer server() {
        return warren == null ? null : warren.server();
    }

    /** The embedded broker as warren-junit5 hands it out (queue counts and so on), or null against an external broker. */
    public EmbeddedWarren embeddedWarren() {
        return warren;
    }

    /** A connection factory for guest on "/", without automatic recovery. */
    public ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        try {
            if (EXTERNAL_URI != null) {
                f.setUri(EXTERNAL_URI);
            } else {
                f.setHost(warren.host());
                f.setPort(warren.amqpPort());
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("bad warren.test.uri " + EXTERNAL_URI, e);
        }
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        return f;
    }

    public Connection connect() {
        try {
            return factory().newConnection();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return this;
    }
}
