package io.warren.server;

import io.warren.broker.Broker;
import io.warren.broker.BrokerSettings;
import io.warren.broker.Listener;
import io.warren.broker.NetworkSettings;
import io.warren.broker.Storage;
import io.warren.broker.User;
import io.warren.broker.access.Permission;
import io.warren.broker.access.VhostMetadata;
import io.warren.broker.definitions.DefinitionsException;
import io.warren.broker.tls.ServerTls;
import io.warren.broker.tls.TlsConfigException;
import io.warren.broker.tls.TlsListeners;
import io.warren.broker.tls.TlsOptions;
import io.warren.broker.definitions.DefinitionsImport;
import io.warren.broker.durable.TopologyJournal;
import io.warren.management.ManagementServer;
import io.warren.metrics.PrometheusEndpoint;
import io.warren.queue.store.FsyncPolicy;
import io.warren.queue.store.MessageStore;
import io.warren.queue.store.StoreSettings;
import io.warren.queue.store.StorageHealth;
import io.warren.server.config.DefaultPermissions;
import io.warren.server.config.ListenAddress;
import io.warren.server.config.WarrenConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A running Warren node inside this JVM: the embedded API. {@link #start} creates the data
 * directory, restores what it holds, creates the default vhost and user on a blank node, binds every listener and returns once clients can
 * connect; {@link #close} stops them and waits.
 */
public final class WarrenServer implements AutoCloseable {
    private final WarrenConfig config;
    private final Broker broker;
    private final Storage storage;
    private final ManagementServer management;
    private final PrometheusEndpoint prometheus;
    private final List<ServerTls> httpsContexts;

    private WarrenServer(WarrenConfig config, Broker broker, Storage storage, ManagementServer management,
                         PrometheusEndpoint prometheus, List<ServerTls> httpsContexts) {
        this.config = config;
        this.broker = broker;
        this.storage = storage;
        this.management = management;
        this.prometheus = prometheus;
        this.httpsContexts = httpsContexts;
    }

    /**
     * @throws TlsConfigException when a TLS setting or file cannot be used; nothing is opened or bound then
     */
    public static WarrenServer start(WarrenConfig config) {
        // Every TLS problem stops the start before the data directory is touched; never a plaintext fallback.
        TlsListeners amqps = amqpsListeners(config);
        if (amqps.enabled()) {
            ServerTls.validate(amqps.options());
        }
        if (config.managementTlsPort() >= 0) {
            ServerTls.validate(httpsOptions(config.managementTlsOptions(), "management.ssl"));
        }
        if (config.prometheusTlsPort() >= 0) {
            ServerTls.validate(httpsOptions(config.prometheusTlsOptions(), "prometheus.ssl"));
        }
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        List<InetSocketAddress> listeners = new ArrayList<>();
        for (ListenAddress a : config.amqpListeners()) {
            listeners.add(a.host() == null ? new InetSocketAddress(a.port()) : new InetSocketAddress(a.host(), a.port()));
        }
        Storage storage = openStorage(config);
        Broker broker = new Broker(new BrokerSettings(listeners, config.frameMax(), config.channelMax(),
                config.heartbeatSeconds(), config.maxMessageSize(), config.clusterName(), config.loopbackUsers(),
                config.resolveMemoryHighWatermark(Runtime.getRuntime().maxMemory()),
                config.resolveDiskFreeLimit(totalMemory()), config.dataDir(), BrokerSettings.DEFAULT_STATISTICS_INTERVAL_MS,
                new NetworkSettings(config.handshakeTimeoutMs(), config.sendTimeoutMs(), config.maxSockets()), amqps,
                config.login(), config.passwords(), config.consumerTimeoutMs()), storage);
        ManagementServer management = null;
        PrometheusEndpoint prometheus = null;
        List<ServerTls> https = new ArrayList<>();
        try {
            broker.start(b -> prepare(b, config));
            ServerTls managementTls = openHttps(config.managementTlsPort(), config.managementTlsOptions(),
                    "management.ssl", config, https);
            management = new ManagementServer(broker,
                    config.managementPort() < 0 ? null : address(config.managementHost(), config.managementPort()),
                    managementTls == null ? null : address(config.managementTlsHost(), config.managementTlsPort()),
                    managementTls, config.managementHttp()).start();
            // Without a Prometheus listener (an embedded node may have none) no metrics are set up at all.
            if (config.prometheusPort() >= 0 || config.prometheusTlsPort() >= 0) {
                ServerTls prometheusTls = openHttps(config.prometheusTlsPort(), config.prometheusTlsOptions(),
                        "prometheus.ssl", config, https);
                // The node is named after its cluster until nodes get names of their own.
                prometheus = PrometheusEndpoint.start(broker, config.prometheusHost(), config.prometheusPort(),
                        config.prometheusTlsHost(), config.prometheusTlsPort(), prometheusTls, config.clusterName());
                if (prometheus.port() >= 0) {
                    broker.addListener(new Listener("http/prometheus", address(config.prometheusHost(), prometheus.port())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            https.forEach(ServerTls::close);
            broker.close();
            closeStorage(storage);
            throw new IllegalStateException("interrupted while starting", e);
        } catch (Exception e) {
            // Netty rethrows a failed bind (a port in use) as the checked exception it is.
            if (management != null) {
                management.close();
            }
            https.forEach(ServerTls::close);
            broker.close();
            closeStorage(storage);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
        return new WarrenServer(config, broker, storage, management, prometheus, List.copyOf(https));
    }

    private static TlsListeners amqpsListeners(WarrenConfig config) {
        if (config.amqpsListeners().isEmpty()) {
            return TlsListeners.NONE;
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (ListenAddress a : config.amqpsListeners()) {
            addresses.add(address(a.host(), a.port()));
        }
        TlsOptions options = config.sslOptions() != null ? config.sslOptions()
                : TlsOptions.of("ssl_options", null, null, null);
        return new TlsListeners(addresses, options, config.sslHandshakeTimeoutMs());
    }

    /** Options of an HTTPS listener; with none set, the start fails naming the missing certfile. */
    private static TlsOptions httpsOptions(TlsOptions options, String prefix) {
        return options != null ? options : TlsOptions.of(prefix, null, null, null);
    }

    private static ServerTls openHttps(int port, TlsOptions options, String prefix, WarrenConfig config,
                                       List<ServerTls> opened) {
        if (port < 0) {
            return null;
        }
        ServerTls tls = ServerTls.open(httpsOptions(options, prefix), config.sslHandshakeTimeoutMs());
        opened.add(tls);
        return tls;
    }

    /**
     * RabbitMQ's first start: on a blank node the default vhost, the default user (tagged
     * administrator) and their permissions are created and journaled, once; a default user
     * deleted later stays deleted. A node that will load definitions at boot gets none of them,
     * as in RabbitMQ: the definitions say who may log in.
     */
    /**
     * Before clients may connect: the definitions file is imported when the configuration names
     * one (at every start, as RabbitMQ's load_definitions does), and otherwise a blank node gets
     * the default user, vhost and permissions. A node whose first start imports definitions never
     * gets the defaults, as in RabbitMQ. A broken file stops the start with its problems listed.
     */
    private static void prepare(Broker broker, WarrenConfig config) {
        java.nio.file.Path file = config.definitionsFile();
        if (file == null) {
            createDefaultsIfBlank(broker, config);
            return;
        }
        for (java.nio.file.Path f : definitionFiles(file)) {
            byte[] json;
            try {
                json = Files.readAllBytes(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the definitions file " + f, e);
            }
            try {
                new DefinitionsImport(broker).importAll(json).join();
            } catch (DefinitionsException e) {
                throw new IllegalStateException("definitions file " + f + " refused: " + e.getMessage(), e);
            }
        }
        if (!broker.initialised()) {
            broker.markInitialised().join();
        }
    }

    /** The file itself, or a directory's {@code *.json} files in name order, as RabbitMQ reads them. */
    private static List<java.nio.file.Path> definitionFiles(java.nio.file.Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (var files = Files.list(path)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the definitions directory " + path, e);
        }
    }

    private static void createDefaultsIfBlank(Broker broker, WarrenConfig config) {
        if (broker.initialised() || config.definitionsFile() != null) {
            return;
        }
        if (broker.vhosts().get(config.defaultVhost()) == null) {
            broker.addVhost(config.defaultVhost(), new VhostMetadata("Default virtual host", null, null, null));
        }
        broker.users().put(new User(config.defaultUser(), broker.users().hash(config.defaultPass()),
                Set.of("administrator")));
        DefaultPermissions p = config.defaultPermissions();
        broker.permissions().set(new Permission(config.defaultUser(), config.defaultVhost(), p.configure(), p.write(),
                p.read()));
        broker.markInitialised().join();
    }

    /** The machine's RAM, which RabbitMQ's relative disk_free_limit is a fraction of. */
    private static long totalMemory() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun
                ? sun.getTotalMemorySize() : Runtime.getRuntime().maxMemory();
    }

    /** The topology journal first: it locks the data directory against a second broker. */
    private static Storage openStorage(WarrenConfig config) {
        StorageHealth health = new StorageHealth();
        TopologyJournal journal = TopologyJournal.open(config.dataDir(), health, config.startOnAccessDamage(),
                config.fsyncPerBatch());
        try {
            StoreSettings settings = StoreSettings.defaults().withSegmentSize(config.segmentSize())
                    .withFsyncPolicy(config.fsyncPerBatch() ? FsyncPolicy.PER_BATCH : FsyncPolicy.NONE);
            return new Storage(journal, MessageStore.open(config.dataDir().resolve("messages"), settings, health));
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot open the message store", io)
                    : (RuntimeException) e;
        }
    }

    /** The message store after the broker: its close flushes what the queues wrote last. */
    private static void closeStorage(Storage storage) {
        storage.messages().close();
        storage.journal().close();
    }

    public WarrenConfig config() {
        return config;
    }

    public Broker broker() {
        return broker;
    }

    /** The bound AMQP port of the first listener (the real one when the config asked for port 0); -1 with none. */
    public int amqpPort() {
        return broker.port();
    }

    /** The bound port of the first AMQPS listener (the real one when the config asked for 0); -1 with none. */
    public int amqpsPort() {
        return broker.tlsPort();
    }

    /**
     * The bound port of the management HTTP API and web UI (the real one when the config asked
     * for 0); the HTTPS port when there is no plain HTTP listener.
     */
    public int managementPort() {
        return management.port();
    }

    /** The bound HTTPS port of the management API and UI (the real one when the config asked for 0); -1 with none. */
    public int managementTlsPort() {
        return management.tlsPort();
    }

    /** The bound port of the Prometheus endpoint (the real one when the config asked for port 0); -1 with none. */
    public int prometheusPort() {
        return prometheus == null ? -1 : prometheus.port();
    }

    /** The bound HTTPS port of the Prometheus endpoint (the real one when the config asked for 0); -1 with none. */
    public int prometheusTlsPort() {
        return prometheus == null ? -1 : prometheus.tlsPort();
    }

    private static InetSocketAddress address(String host, int port) {
        return host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    @Override
    public void close() {
        if (prometheus != null) {
            prometheus.close();
        }
        management.close();
        httpsContexts.forEach(ServerTls::close);
        broker.close();
        closeStorage(storage);
    }
}
