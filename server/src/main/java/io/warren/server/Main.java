package io.warren.server;

import io.warren.broker.tls.TlsConfigException;
import io.warren.server.config.ConfigException;
import io.warren.server.config.ConfigLoader;
import io.warren.server.config.WarrenConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/** Starts a Warren node from the configuration file and environment, and runs until stopped. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        WarrenConfig config;
        try {
            config = ConfigLoader.load(System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        for (String warning : config.warnings()) {
            LOG.warn("configuration: {}", warning);
        }
        WarrenServer server;
        try {
            server = WarrenServer.start(config);
        } catch (TlsConfigException e) {
            // The message names the setting and the file; a stack trace would only bury it.
            LOG.error("Warren cannot start: {}", e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            // A store that cannot be recovered safely: say which file and why, and stop rather than serve less.
            LOG.error("Warren cannot start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        LOG.info("Warren {} started: AMQP on port {}{}, data in {}", Main.class.getPackage().getImplementationVersion(),
                server.amqpPort(), server.amqpsPort() < 0 ? "" : ", AMQPS on port " + server.amqpsPort(),
                config.dataDir().toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "warren-shutdown"));
        stopped.await();
    }
}
