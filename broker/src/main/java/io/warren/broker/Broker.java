package io.warren.broker;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.warren.amqp.FrameDecoder;
import io.warren.amqp.Frames;
import io.warren.amqp.ProtocolHeaderHandler;
import io.warren.amqp.ReplyCode;
import io.warren.broker.access.AccessJournal;
import io.warren.broker.access.GlobalParameter;
import io.warren.broker.access.JsonValues;
import io.warren.broker.access.LoginThrottle;
import io.warren.broker.access.Parameters;
import io.warren.broker.access.Permissions;
import io.warren.broker.access.VhostMetadata;
import io.warren.broker.alarm.ResourceAlarms;
import io.warren.broker.alarm.ResourceMonitors;
import io.warren.broker.durable.DurableTopology;
import io.warren.broker.durable.TopologyRecord;
import io.warren.broker.limits.LimitGate;
import io.warren.broker.stats.BrokerStatistics;
import io.warren.broker.tls.ServerTls;
import io.warren.queue.store.QueueId;
import io.warren.queue.store.StorageHealth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The AMQP broker: one Netty event-loop group serving every connection (epoll where available),
 * the virtual hosts, the users and their permissions. {@link #start()} returns once the port is bound.
 *
 * <p>Users, permissions, parameters, vhosts and policies are changed at run time through
 * {@link #users()}, {@link #permissions()}, {@link #parameters()}, {@link #addVhost},
 * {@link #deleteVhost} and {@code VirtualHost.putPolicy}, from any thread; every change is
 * journaled and its future completes once it is on disk.
 */
public final class Broker implements AutoCloseable {
    /** The global parameter that names the cluster, as in RabbitMQ. */
    public static final String CLUSTER_NAME = "cluster_name";
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    /** Handler names, in pipeline order. */
    static final String PROTOCOL_HEADER = "protocol-header";
    static final String FRAME_DECODER = "frame-decoder";
    static final String CONNECTION = "amqp-connection";
    /** First in the pipeline of a network connection: counts its socket traffic. */
    static final String TRAFFIC = "traffic";
    /** Added before {@link #CONNECTION} once the client asks for heartbeats. */
    static final String IDLE = "idle";
    /** Before {@link #PROTOCOL_HEADER} on network connections: handshake_timeout and send_timeout. */
    static final String TIMEOUTS = "timeouts";
    /** After {@link #TIMEOUTS} on AMQPS connections, before anything that reads AMQP: the TLS handler. */
    public static final String TLS = "tls";
    /** RabbitMQ's listener protocols, as /api/overview lists them. */
    static final String PROTOCOL_AMQP = "amqp";
    static final String PROTOCOL_AMQPS = "amqp/ssl";

    private final BrokerSettings settings;
    private final Storage storage;
    private final BrokerStatistics statistics;
    private final VirtualHosts vhosts;
    private final AccessJournal accessJournal;
    private final Permissions permissions;
    private final Parameters parameters;
    private final Users users;
    private final LoginThrottle loginThrottle;
    private final java.util.concurrent.ExecutorService passwordChecks;
    private final LimitGate limits;
    private volatile boolean initialised;
    private final Set<AmqpConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    /** Local addresses are JVM-wide: each broker in the JVM needs its own. */
    private static final AtomicLong DIRECT_IDS = new AtomicLong();
    private LocalAddress directAddress;
    private final DirectReplyTo directReplyTo = new DirectReplyTo();
    private final ResourceMonitors resources;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private AcceptGate acceptGate;
    private final StorageHealth storageHealth;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final List<Channel> tlsServerChannels = new ArrayList<>();
    private ServerTls amqpsTls;
    /** Listeners of the servers beside the broker (management, Prometheus), which register themselves. */
    private final List<Listener> otherListeners = new CopyOnWriteArrayList<>();
    private final long startedAt;

    /** @param storage where durable topology and persistent messages go; null keeps everything in memory */
    public Broker(BrokerSettings settings, Storage storage) {
        this.startedAt = System.nanoTime();
        this.settings = settings;
        this.storage = storage;
        this.storageHealth = storage == null ? new StorageHealth() : storage.health();
        this.statistics = new BrokerStatistics(this::allVhosts, settings.statisticsIntervalMs());
        this.resources = new ResourceMonitors(settings.memoryHighWatermarkBytes(), settings.diskFreeLimitBytes(),
                settings.dataDir());
        this.vhosts = new VirtualHosts(statistics, resources.memory().budget());
        this.accessJournal = new AccessJournal(storage == null ? null : storage.journal());
        this.permissions = new Permissions(accessJournal, name -> users().get(name) != null, vhosts::exists);
        this.parameters = new Parameters(accessJournal, vhosts::exists);
        this.users = new Users(accessJournal, permissions::forgetUser, settings.passwords().passwordHashing());
        this.loginThrottle = new LoginThrottle(settings.passwords());
        this.passwordChecks = PasswordChecks.start();
        this.limits = new LimitGate(users);
        resources.alarms().addListener(() -> {
            for (AmqpConnection c : connections) {
                c.alarmsChanged();
            }
        });
    }

    /** How long ago this broker was created, in milliseconds (the node's uptime; not the JVM's, which may host several). */
    public long uptimeMillis() {
        return (System.nanoTime() - startedAt) / 1_000_000;
    }

    /** Storage faults in effect (none for a broker that keeps everything in memory). */
    public StorageHealth storageHealth() { return storageHealth; }

    /** Where durable state goes, or null. */
    public Storage storage() { return storage; }

    public BrokerSettings settings() { return settings; }

    public VirtualHosts vhosts() { return vhosts; }

    private java.util.Collection<VirtualHost> allVhosts() { return vhosts.all(); }

    /**
     * Statistics and introspection: connections, channels, consumers, queue and exchange
     * counters, totals and rates. Any thread.
     */
    public BrokerStatistics statistics() { return statistics; }

    public Users users() { return users; }

    /** Slows failed logins per source, for AMQP and the management API. */
    public LoginThrottle loginThrottle() { return loginThrottle; }

    /**
     * Threads for password checks too slow for an event loop (PBKDF2); a full queue rejects the
     * task, and the login it checks is to be refused.
     */
    public java.util.concurrent.Executor passwordChecks() { return passwordChecks; }

    public Permissions permissions() { return permissions; }

    public Parameters parameters() { return parameters; }

    /** Enforces the vhost and user limits and counts what they limit. */
    public LimitGate limits() { return limits; }

    /**
     * Adds a vhost, or replaces the metadata of an existing one, and journals it; returns the vhost.
     * The future completes once the change is on disk.
     */
    public CompletableFuture<VirtualHost> addVhost(String name, VhostMetadata metadata) {
        VirtualHost v = vhosts.create(name, storage);
        v.metadata(metadata);
        return accessJournal.append(new TopologyRecord.VhostDeclared(name), new TopologyRecord.VhostMetadataSet(name,
                metadata.description(), metadata.tags(),
                metadata.defaultQueueType() == null ? "" : metadata.defaultQueueType(),
                JsonValues.write(metadata.limits()))).thenApply(x -> v);
    }

    /**
     * Deletes a vhost as RabbitMQ does: its connections are closed with 320 CONNECTION_FORCED, its
     * queues (with their messages), exchanges, policies, permissions and parameters go. Completes
     * with false when there was no such vhost.
     */
    public CompletableFuture<Boolean> deleteVhost(String name) {
        VirtualHost v = vhosts.remove(name);
        if (v == null) {
            return CompletableFuture.completedFuture(false);
        }
        ConnectionException forced = new ConnectionException(ReplyCode.CONNECTION_FORCED,
                "vhost '" + name + "' is deleted", true);
        for (AmqpConnection c : connections) {
            if (c.vhost() == v) {
                c.forceClose(forced);
            }
        }
        v.deleteContents();
        permissions.forgetVhost(name);
        parameters.forgetVhost(name);
        return accessJournal.append(new TopologyRecord.VhostDeleted(name)).thenApply(x -> true);
    }

    /**
     * False on a blank node: no user was ever stored (a new data directory, or one from before
     * users were journaled), so the default user, vhost and permissions are still to be created.
     */
    public boolean initialised() { return initialised; }

    /** Records that the node's users have been set up, so that restarts never create the default user again. */
    public CompletableFuture<Void> markInitialised() {
        initialised = true;
        return accessJournal.append(new TopologyRecord.NodeInitialised());
    }

    /**
     * An event loop to own a queue created outside any connection (definitions import); queues
     * are spread over the loops. Only once the broker has started.
     */
    public io.netty.util.concurrent.EventExecutor queueOwner() {
        return workerGroup.next();
    }

    public Set<AmqpConnection> connections() { return connections; }

    /** The memory and disk alarms in effect; publishers are blocked while any is. */
    public ResourceAlarms alarms() { return resources.alarms(); }

    /** The memory and disk monitors, whose limits may be changed while the broker runs. */
    public ResourceMonitors resourceMonitors() { return resources; }

    DirectReplyTo directReplyTo() { return directReplyTo; }

    public Broker start() throws InterruptedException {
        return start(b -> { });
    }

    /**
     * Restores the durable state, runs {@code beforeListening} (where a blank node gets its
     * default user and vhost, or its definitions), then binds the listeners.
     */
    public Broker start(Consumer<Broker> beforeListening) throws InterruptedException {
        // First, so that a broken TLS configuration stops the start before anything else is done.
        if (settings.amqps().enabled()) {
            amqpsTls = ServerTls.open(settings.amqps().options(), settings.amqps().handshakeTimeoutMs());
        }
        resources.start();
        statistics.sampler().start();
        boolean epoll = Epoll.isAvailable();
        bossGroup = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        workerGroup = epoll ? new EpollEventLoopGroup() : new NioEventLoopGroup();
        if (storage != null) {
            restore(storage.journal().recovered(), !storage.journal().recovery().damages().isEmpty());
        }
        beforeListening.accept(this);
        acceptGate = new AcceptGate(settings.network().maxSockets());
        LOG.info("limiting AMQP connections to {} sockets ({} file descriptors)", acceptGate.limit(),
                AcceptGate.fileDescriptorLimit());
        ServerBootstrap b = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .handler(acceptGate)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024))
                .childHandler(networkConnections(null));
        for (InetSocketAddress address : settings.listeners()) {
            serverChannels.add(b.bind(address).sync().channel());
        }
        if (amqpsTls != null) {
            ServerBootstrap tls = b.clone().childHandler(networkConnections(amqpsTls));
            for (InetSocketAddress address : settings.amqps().addresses()) {
                tlsServerChannels.add(tls.bind(address).sync().channel());
            }
        }
        directAddress = new LocalAddress("warren-direct-" + DIRECT_IDS.incrementAndGet());
        serverChannels.add(new ServerBootstrap()
                .group(workerGroup)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        AmqpConnection conn = new AmqpConnection(Broker.this, "direct #" + connectionIds.incrementAndGet());
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(PROTOCOL_HEADER, new ProtocolHeaderHandler());
                        p.addLast(FRAME_DECODER, new FrameDecoder(Frames.FRAME_MIN_SIZE, settings.maxMessageSize()));
                        p.addLast(CONNECTION, conn);
                        connections.add(conn);
                    }
                })
                .bind(directAddress).sync().channel());
        return this;
    }

    /**
     * The pipeline of an accepted AMQP socket: timeouts, then TLS when {@code tls} is given (so
     * that the handshake timeout covers the TLS handshake too), then AMQP.
     */
    private ChannelInitializer<SocketChannel> networkConnections(ServerTls tls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                AmqpConnection conn = new AmqpConnection(Broker.this, connectionName(ch));
                ChannelPipeline p = ch.pipeline();
                p.addLast(TIMEOUTS, new ConnectionTimeouts(conn, settings.network()));
                if (tls != null) {
                    p.addLast(TLS, tls.newHandler(ch.alloc()));
                }
                p.addLast(PROTOCOL_HEADER, new ProtocolHeaderHandler());
                // Until tune-ok only the minimum frame size is allowed, as RabbitMQ enforces.
                p.addLast(FRAME_DECODER, new FrameDecoder(Frames.FRAME_MIN_SIZE, settings.maxMessageSize()));
                p.addLast(CONNECTION, conn);
                // Only once in the pipeline: alarm notifications reach it through its context.
                connections.add(conn);
            }
        };
    }

    /** The TLS context of the AMQPS listeners, or null when there are none. */
    public ServerTls amqpsTls() {
        return amqpsTls;
    }

    /**
     * Opens an in-JVM AMQP connection to this broker, as RabbitMQ's direct connections are: the
     * management API runs its declares, publishes and gets through one, so they get exactly the
     * checks, errors and permissions a client gets. The client speaks AMQP over Netty's local
     * transport, on the broker's event loops; {@code clientPipeline} sets up its handlers. Such
     * connections authenticate like any other, count as loopback, and are not network connections
     * ({@link AmqpConnection#isDirect()}).
     */
    public ChannelFuture connectDirect(ChannelHandler clientPipeline) {
        return new Bootstrap().group(workerGroup).channel(LocalChannel.class).handler(clientPipeline)
                .connect(directAddress);
    }

    /**
     * Users, permissions, parameters, and durable vhosts, exchanges, queues, bindings and
     * policies as they were before the restart, with their
     * queues' stored messages. A message log whose queue is no longer in the topology (deleted
     * just before a crash) is removed, unless the journal was damaged: then the lost record may
     * have been the queue's declaration, and its messages wait for the queue to be declared again.
     */
    private void restore(DurableTopology saved, boolean damaged) {
        initialised = saved.initialised();
        saved.users().values().forEach(users::restore);
        saved.globalParameters().values().forEach(parameters::restore);
        saved.vhosts().forEach((name, v) -> vhosts.create(name, storage).restore(v, workerGroup::next));
        saved.vhosts().values().forEach(v -> {
            v.permissions.values().forEach(permissions::restore);
            v.topicPermissions.values().forEach(permissions::restore);
            v.parameters.values().forEach(parameters::restore);
        });
        try {
            for (QueueId id : storage.messages().storedQueues()) {
                DurableTopology.Vhost v = saved.vhosts().get(id.vhost());
                if (v != null && v.queues.containsKey(id.name())) {
                    continue;
                }
                if (damaged) {
                    // Its declaration may be what the damage cost: keep the messages for a redeclare.
                    LOG.error("queue '{}' in vhost '{}' has a message log but no declaration in the damaged topology"
                            + " journal; the log is kept: declare the queue again (same name, durable) to get its"
                            + " messages back", id.name(), id.vhost());
                } else {
                    LOG.info("deleting the message log of queue '{}' in vhost '{}': the queue no longer exists",
                            id.name(), id.vhost());
                    storage.messages().deleteQueue(id.vhost(), id.name()).join();
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list the message store", e);
        }
    }

    private String connectionName(SocketChannel ch) {
        InetSocketAddress remote = ch.remoteAddress();
        InetSocketAddress local = ch.localAddress();
        return remote.getAddress().getHostAddress() + ":" + remote.getPort() + " -> "
                + local.getAddress().getHostAddress() + ":" + local.getPort() + " #" + connectionIds.incrementAndGet();
    }

    /** How many AMQP sockets may be open before accepting pauses (see {@link NetworkSettings#maxSockets}). */
    public int socketLimit() {
        return acceptGate == null ? AcceptGate.derivedLimit(AcceptGate.fileDescriptorLimit()) : acceptGate.limit();
    }

    /** AMQP sockets open now, handshakes in progress included. */
    public int socketsOpen() {
        return acceptGate == null ? 0 : acceptGate.open();
    }

    void connectionClosed(AmqpConnection c) {
        connections.remove(c);
    }

    /** The port of the first listener (the real one when it asked for port 0), or -1 with no listener. */
    public int port() {
        return serverChannels.stream().map(Channel::localAddress)
                .filter(a -> a instanceof InetSocketAddress).mapToInt(a -> ((InetSocketAddress) a).getPort())
                .findFirst().orElse(-1);
    }

    /** The port of the first AMQPS listener (the real one when it asked for port 0), or -1 with none. */
    public int tlsPort() {
        return tlsServerChannels.stream().map(Channel::localAddress)
                .filter(a -> a instanceof InetSocketAddress).mapToInt(a -> ((InetSocketAddress) a).getPort())
                .findFirst().orElse(-1);
    }

    /**
     * The cluster's name: the global parameter {@code cluster_name} when set (as RabbitMQ keeps
     * it, so PUT /api/cluster-name lasts), otherwise the configured one.
     */
    public String clusterName() {
        GlobalParameter named = parameters.getGlobal(CLUSTER_NAME);
        return named != null && named.value() instanceof String name ? name : settings.clusterName();
    }

    /** Makes a listener of a server running beside the broker known, for health checks and the overview. */
    public void addListener(Listener listener) {
        otherListeners.add(listener);
    }

    /** Every listener of the node: the AMQP ones first, then those added with {@link #addListener}. */
    public List<Listener> listeners() {
        List<Listener> out = new ArrayList<>();
        for (Channel c : serverChannels) {
            if (c.localAddress() instanceof InetSocketAddress a) {
                out.add(new Listener(PROTOCOL_AMQP, a));
            }
        }
        for (Channel c : tlsServerChannels) {
            out.add(new Listener(PROTOCOL_AMQPS, (InetSocketAddress) c.localAddress(), amqpsTls.options()));
        }
        out.addAll(otherListeners);
        return out;
    }

    @Override
    public void close() {
        passwordChecks.shutdownNow();
        loginThrottle.close();
        statistics.close();
        resources.close();
        for (Channel c : tlsServerChannels) {
            c.close().syncUninterruptibly();
        }
        for (Channel c : serverChannels) {
            c.close().syncUninterruptibly();
        }
        if (amqpsTls != null) {
            amqpsTls.close();
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
