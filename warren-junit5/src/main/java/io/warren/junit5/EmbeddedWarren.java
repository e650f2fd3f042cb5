package io.warren.junit5;

import io.warren.broker.VirtualHost;
import io.warren.broker.definitions.DefinitionsException;
import io.warren.broker.definitions.DefinitionsImport;
import io.warren.server.WarrenServer;
import io.warren.server.config.WarrenConfig;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A Warren node running inside this JVM for a test: what a client needs to reach it (AMQP URI,
 * port, credentials, management URL) and a look at its queues. Made by {@link WarrenExtension}
 * (injected as a parameter or into a field of this type) or by {@link WarrenExtension.Builder#start()}.
 *
 * <p>Every listener is bound to a free port chosen by the system, on 127.0.0.1 unless the
 * configuration says otherwise, and the node keeps its data in a temporary directory that
 * {@link #close()} deletes. Thread-safe.
 */
public final class EmbeddedWarren implements AutoCloseable {
    /** The address the URIs name: the listeners are on the loopback interface by default. */
    public static final String HOST = "127.0.0.1";

    private volatile WarrenServer server;
    private final Path temporaryDataDir;
    private volatile boolean closed;

    private EmbeddedWarren(WarrenServer server, Path temporaryDataDir) {
        this.server = server;
        this.temporaryDataDir = temporaryDataDir;
    }

    /**
     * Starts a node from {@code config}, then imports {@code definitions} (JSON documents, in
     * order) into it; {@code temporaryDataDir} is deleted when the node stops, or at once when the
     * start fails.
     */
    static EmbeddedWarren start(WarrenConfig config, Path temporaryDataDir, List<Definitions> definitions) {
        WarrenServer server;
        try {
            server = WarrenServer.start(config);
        } catch (RuntimeException | Error e) {
            DataDirectory.delete(temporaryDataDir);
            throw e;
        }
        EmbeddedWarren warren = new EmbeddedWarren(server, temporaryDataDir);
        try {
            for (Definitions d : definitions) {
                warren.importDefinitions(d);
            }
        } catch (RuntimeException | Error e) {
            warren.close();
            throw e;
        }
        return warren;
    }

    /**
     * As {@code rabbitmqctl import_definitions} does on a running node: added to what is there
     * (the default user and vhost included), replacing objects of the same name.
     */
    private void importDefinitions(Definitions definitions) {
        byte[] json = definitions.read();
        try {
            new DefinitionsImport(server.broker()).importAll(json).join();
        } catch (DefinitionsException e) {
            throw new IllegalStateException("definitions " + definitions.name() + " refused: " + e.getMessage(), e);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("definitions " + definitions.name() + " refused: " + cause.getMessage(), cause);
        }
    }

    /** The host every URI of this node names: {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** The port AMQP clients connect to. */
    public int amqpPort() {
        return running().amqpPort();
    }

    /**
     * The AMQP URI of the default user on the default vhost, e.g.
     * {@code amqp://guest:guest@127.0.0.1:39215/%2F}. The vhost "/" is written {@code %2F}: a
     * bare trailing slash would name the vhost "" in most clients.
     */
    public String amqpUri() {
        return amqpUri(server.config().defaultVhost());
    }

    /** The AMQP URI of the default user on {@code vhost}. */
    public String amqpUri(String vhost) {
        return "amqp://" + encode(adminUsername()) + ":" + encode(adminPassword()) + "@" + HOST + ":" + amqpPort()
                + "/" + encode(vhost);
    }

    /** The management HTTP API's and UI's base URL, without a trailing slash, e.g. {@code http://127.0.0.1:40111}. */
    public String managementUrl() {
        return "http://" + HOST + ":" + running().managementPort();
    }

    /**
     * The Prometheus endpoint's base URL, without a trailing slash ({@code /metrics} is under it).
     *
     * @throws IllegalStateException when the node has none: the extension starts it only when told
     *                               to, with {@code config("prometheus.tcp.port", "0")}
     */
    public String prometheusUrl() {
        int port = running().prometheusPort();
        if (port < 0) {
            throw new IllegalStateException("this embedded Warren has no Prometheus endpoint; "
                    + "start one with config(\"prometheus.tcp.port\", \"0\")");
        }
        return "http://" + HOST + ":" + port;
    }

    /** The default user, an administrator on the default vhost: {@code guest} unless configured otherwise. */
    public String adminUsername() {
        return server.config().defaultUser();
    }

    /** The default user's password: {@code guest} unless configured otherwise. */
    public String adminPassword() {
        return server.config().defaultPass();
    }

    /** The data directory the node uses (deleted by {@link #close()} when the extension made it). */
    public Path dataDir() {
        return server.config().dataDir();
    }

    /**
     * A RabbitMQ Java client connection factory for this node's default user and vhost, with the
     * client's defaults otherwise. Needs {@code com.rabbitmq:amqp-client} on the test classpath.
     */
    public com.rabbitmq.client.ConnectionFactory connectionFactory() {
        return ConnectionFactories.forNode(this);
    }

    /** The queue {@code name} on the default vhost, read from the broker itself (no HTTP). */
    public QueueView queue(String name) {
        return queue(server.config().defaultVhost(), name);
    }

    /** The queue {@code name} on {@code vhost}, read from the broker itself (no HTTP). */
    public QueueView queue(String vhost, String name) {
        return new QueueView(this, vhost, name);
    }

    /** Whether {@code vhost} has an exchange called {@code name}. */
    public boolean exchangeExists(String vhost, String name) {
        VirtualHost v = running().broker().vhosts().get(vhost);
        return v != null && v.exchanges().lookup(name) != null;
    }

    /** Whether the default vhost has an exchange called {@code name}. */
    public boolean exchangeExists(String name) {
        return exchangeExists(server.config().defaultVhost(), name);
    }

    /**
     * Stops the node and starts it again on the same data directory with the same configuration,
     * as a restart of a real node would: what it stored (durable queues and their persistent
     * messages, users, vhosts, permissions, policies...) is there again; connections, transient
     * queues and messages are gone. Definitions given to the builder are not imported again (they
     * are in the data directory already); a boot-time {@code load_definitions} file is, as at
     * every start of RabbitMQ. The listeners get new free ports: read {@link #amqpPort()}, the
     * URIs and {@link #server()} again after the restart, not values kept from before.
     *
     * @throws IllegalStateException when the node has stopped
     */
    public void restart() {
        restart(config -> {});
    }

    /**
     * {@link #restart()} with a changed configuration, e.g. {@code restart(b -> b.maxMessageSize(1_000_000))}
     * to see how stored data meets a new setting. The data directory stays the same whatever
     * {@code change} does. When the new start fails the node stays stopped (and its temporary
     * data directory is deleted), as after {@link #close()}.
     */
    public synchronized void restart(Consumer<WarrenConfig.Builder> change) {
        WarrenServer stopping = running();
        WarrenConfig.Builder builder = stopping.config().toBuilder();
        change.accept(builder);
        WarrenConfig config = builder.dataDir(stopping.config().dataDir()).build();
        stopping.close();
        try {
            server = WarrenServer.start(config);
        } catch (RuntimeException | Error e) {
            closed = true;
            DataDirectory.delete(temporaryDataDir);
            throw e;
        }
    }

    /**
     * The node itself, for what this class does not cover (its {@code broker()}, its {@code
     * config()}); a new one after each {@link #restart()}.
     */
    public WarrenServer server() {
        return server;
    }

    WarrenServer running() {
        if (closed) {
            throw new IllegalStateException("this embedded Warren has stopped");
        }
        return server;
    }

    /** Stops the node (closing every client connection) and deletes its temporary data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } finally {
            DataDirectory.delete(temporaryDataDir);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return closed ? "EmbeddedWarren[stopped]" : "EmbeddedWarren[" + amqpUri() + ", " + managementUrl() + "]";
    }
}
