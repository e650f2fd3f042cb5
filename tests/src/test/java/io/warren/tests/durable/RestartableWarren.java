package io.warren.tests.durable;

import io.warren.tests.support.TestConfigs;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.server.WarrenServer;

import java.nio.file.Path;

/**
 * An embedded Warren that a test stops and starts again on the same data directory, as a restart
 * would, on a fresh port each time.
 */
final class RestartableWarren implements AutoCloseable {
    private final Path dataDir;
    private WarrenServer server;

    RestartableWarren(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts the broker and opens a connection to it. */
    Connection start() throws Exception {
        server = WarrenServer.start(TestConfigs.ephemeralPorts().dataDir(dataDir).build());
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(server.amqpPort());
        return f.newConnection();
    }

    /** A clean shutdown: what a restart begins with. */
    void stop() {
        server.close();
        server = null;
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
