package io.warren.tests.support;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.server.WarrenServer;
import io.warren.server.config.WarrenConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;

/**
 * JUnit 5 extension that gives a test class a broker to talk to over real sockets.
 *
 * <p>By default it starts an embedded Warren on a free port with a fresh data directory, once
 * per test class. With {@code -Dwarren.test.uri=amqp://guest:guest@localhost:5672} the same
 * tests run against any other broker instead; that is how the expected behaviour is checked
 * against a real RabbitMQ. Tests take a {@code TestBroker} parameter and open connections from it.
 */
public final class TestBroker implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final String EXTERNAL_URI = System.getProperty("warren.test.uri");

    private WarrenServer server;
    private Path dataDir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (EXTERNAL_URI == null) {
            dataDir = Files.createTempDirectory("warren-test");
            server = WarrenServer.start(WarrenConfig.builder()
                    .amqpPort(0).managementPort(0).prometheusPort(0).dataDir(dataDir).build());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
        if (dataDir != null) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
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
        return EXTERNAL_URI == null ? server.amqpPort() : factory().getPort();
    }

    /**
     * The management HTTP API's base URL, without a trailing slash: the embedded Warren's, or
     * {@code -Dwarren.test.management} (e.g. {@code http://localhost:15672}) against an external broker.
     */
    public String managementUri() {
        if (EXTERNAL_URI == null) {
            return "http://127.0.0.1:" + server.managementPort();
        }
        String external = System.getProperty("warren.test.management", "http://localhost:15672");
        return external.endsWith("/") ? external.substring(0, external.length() - 1) : external;
    }

    /** The running embedded server, or null when the tests run against an external broker. */
    public WarrenServer server() {
        return server;
    }

    /** A connection factory for guest on "/", without automatic recovery. */
    public ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        try {
            if (EXTERNAL_URI != null) {
                f.setUri(EXTERNAL_URI);
            } else {
                f.setHost("127.0.0.1");
                f.setPort(server.amqpPort());
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
