package io.warren.server.config;

import io.warren.broker.access.PasswordSettings;
import io.warren.broker.definitions.HashingAlgorithm;
import io.warren.broker.sasl.AuthMechanism;
import io.warren.broker.sasl.CertLoginFrom;
import io.warren.broker.sasl.LoginSettings;
import io.warren.broker.tls.TlsOptions;
import io.warren.broker.x509.SubjectAlternativeNames;
import io.warren.management.http.HttpOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a Warren node is configured with, immutable and safe to share between threads. Built
 * with {@link #builder()} (embedded use and tests) or by {@link ConfigLoader} from a rabbitmq.conf-style
 * file and the environment. The defaults are RabbitMQ's: AMQP on 5672, management on 15672,
 * Prometheus on 15692, guest/guest on "/", a 0.4 memory watermark and a 50 MB disk free limit.
 * The builder does not range-check values; {@link ConfigLoader} does, for everything a user types.
 */
public final class WarrenConfig {
    private final List<ListenAddress> amqpListeners;
    private final List<ListenAddress> amqpsListeners;
    private final TlsOptions sslOptions;
    private final long sslHandshakeTimeoutMs;
    private final String managementTlsHost;
    private final int managementTlsPort;
    private final TlsOptions managementTlsOptions;
    private final String prometheusTlsHost;
    private final int prometheusTlsPort;
    private final TlsOptions prometheusTlsOptions;
    private final String managementHost;
    private final int managementPort;
    private final HttpOptions managementHttp;
    private final String prometheusHost;
    private final int prometheusPort;
    private final Path dataDir;
    private final int segmentSize;
    private final boolean fsyncPerBatch;
    private final boolean startOnAccessDamage;
    private final Path definitionsFile;
    private final long maxMessageSize;
    private final int frameMax;
    private final int channelMax;
    private final int heartbeatSeconds;
    private final long handshakeTimeoutMs;
    private final long consumerTimeoutMs;
    private final long sendTimeoutMs;
    private final int maxSockets;
    private final String defaultUser;
    private final String defaultPass;
    private final String defaultVhost;
    private final DefaultPermissions defaultPermissions;
    private final Set<String> loopbackUsers;
    private final LoginSettings login;
    private final double memoryHighWatermarkRelative;
    private final long memoryHighWatermarkAbsolute;
    private final long diskFreeLimitBytes;
    private final double diskFreeLimitRelative;
    private final String clusterName;
    private final LogLevel logLevel;
    private final Path configFile;
    private final List<String> warnings;
    private final PasswordSettings passwords;

    private WarrenConfig(Builder b) {
        this.amqpListeners = List.copyOf(b.amqpListeners);
        this.amqpsListeners = List.copyOf(b.amqpsListeners);
        this.sslOptions = b.sslOptions;
        this.sslHandshakeTimeoutMs = b.sslHandshakeTimeoutMs;
        this.managementTlsHost = b.managementTlsHost;
        this.managementTlsPort = b.managementTlsPort;
        this.managementTlsOptions = b.managementTlsOptions;
        this.prometheusTlsHost = b.prometheusTlsHost;
        this.prometheusTlsPort = b.prometheusTlsPort;
        this.prometheusTlsOptions = b.prometheusTlsOptions;
        this.managementHost = b.managementHost;
        this.managementPort = b.managementPort;
        this.managementHttp = Objects.requireNonNull(b.managementHttp, "managementHttp");
        this.prometheusHost = b.prometheusHost;
        this.prometheusPort = b.prometheusPort;
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir");
        this.segmentSize = b.segmentSize;
        this.fsyncPerBatch = b.fsyncPerBatch;
        this.startOnAccessDamage = b.startOnAccessDamage;
        this.definitionsFile = b.definitionsFile;
        this.maxMessageSize = b.maxMessageSize;
        this.frameMax = b.frameMax;
        this.channelMax = b.channelMax;
        this.heartbeatSeconds = b.heartbeatSeconds;
        this.handshakeTimeoutMs = b.handshakeTimeoutMs;
        if (b.consumerTimeoutMs < 0) {
            throw new ConfigException("consumer_timeout: must be a whole number of milliseconds above 0, or 0 for "
                    + "none (false in the file), was " + b.consumerTimeoutMs);
        }
        this.consumerTimeoutMs = b.consumerTimeoutMs;
        this.sendTimeoutMs = b.sendTimeoutMs;
        this.maxSockets = b.maxSockets;
        this.defaultUser = Objects.requireNonNull(b.defaultUser, "defaultUser");
        this.defaultPass = Objects.requireNonNull(b.defaultPass, "defaultPass");
        this.defaultVhost = Objects.requireNonNull(b.defaultVhost, "defaultVhost");
        this.defaultPermissions = Objects.requireNonNull(b.defaultPermissions, "defaultPermissions");
        this.loopbackUsers = Set.copyOf(b.loopbackUsers);
        this.login = new LoginSettings(b.authMechanisms, b.certLoginFrom, b.certLoginSanType, b.certLoginSanIndex);
        this.memoryHighWatermarkRelative = b.memoryHighWatermarkRelative;
        this.memoryHighWatermarkAbsolute = b.memoryHighWatermarkAbsolute;
        this.diskFreeLimitBytes = b.diskFreeLimitBytes;
        this.diskFreeLimitRelative = b.diskFreeLimitRelative;
        this.clusterName = b.clusterName != null ? b.clusterName : "warren@" + LocalHost.shortName();
        this.logLevel = Objects.requireNonNull(b.logLevel, "logLevel");
        this.configFile = b.configFile;
        this.warnings = List.copyOf(b.warnings);
        this.passwords = new PasswordSettings(b.passwordHashing, b.authFailureDelayMs, b.maxAuthFailureDelayMs,
                b.authFailureForgetAfterMs);
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.amqpListeners = new ArrayList<>(amqpListeners);
        b.amqpsListeners = new ArrayList<>(amqpsListeners);
        b.sslOptions = sslOptions; b.sslHandshakeTimeoutMs = sslHandshakeTimeoutMs;
        b.managementTlsHost = managementTlsHost; b.managementTlsPort = managementTlsPort;
        b.managementTlsOptions = managementTlsOptions;
        b.prometheusTlsHost = prometheusTlsHost; b.prometheusTlsPort = prometheusTlsPort;
        b.prometheusTlsOptions = prometheusTlsOptions;
        b.managementHost = managementHost; b.managementPort = managementPort;
        b.managementHttp = managementHttp;
        b.prometheusHost = prometheusHost; b.prometheusPort = prometheusPort;
        b.dataDir = dataDir; b.definitionsFile = definitionsFile;
        b.segmentSize = segmentSize; b.fsyncPerBatch = fsyncPerBatch; b.startOnAccessDamage = startOnAccessDamage;
        b.maxMessageSize = maxMessageSize; b.frameMax = frameMax; b.channelMax = channelMax;
        b.heartbeatSeconds = heartbeatSeconds; b.handshakeTimeoutMs = handshakeTimeoutMs;
        b.consumerTimeoutMs = consumerTimeoutMs;
        b.sendTimeoutMs = sendTimeoutMs; b.maxSockets = maxSockets; b.defaultUser = defaultUser; b.defaultPass = defaultPass;
        b.defaultVhost = defaultVhost; b.defaultPermissions = defaultPermissions;
        b.loopbackUsers = new LinkedHashSet<>(loopbackUsers);
        b.authMechanisms = new ArrayList<>(login.mechanisms()); b.certLoginFrom = login.certLoginFrom();
        b.certLoginSanType = login.sanType(); b.certLoginSanIndex = login.sanIndex();
        b.memoryHighWatermarkRelative = memoryHighWatermarkRelative;
        b.memoryHighWatermarkAbsolute = memoryHighWatermarkAbsolute;
        b.diskFreeLimitBytes = diskFreeLimitBytes; b.diskFreeLimitRelative = diskFreeLimitRelative;
        b.clusterName = clusterName; b.logLevel = logLevel; b.configFile = configFile;
        b.warnings = new ArrayList<>(warnings);
        b.passwordHashing = passwords.passwordHashing(); b.authFailureDelayMs = passwords.failureDelayMs();
        b.maxAuthFailureDelayMs = passwords.maxFailureDelayMs(); b.authFailureForgetAfterMs = passwords.forgetAfterMs();
        return b;
    }

    /**
     * Every address to accept AMQP connections on ({@code listeners.tcp.*}); bind all of them. Empty
     * when the file says {@code listeners.tcp = none}.
     */
    public List<ListenAddress> amqpListeners() { return amqpListeners; }
    /** Interface of the first AMQP listener; null means every interface (or no listener at all). */
    public String amqpHost() { return amqpListeners.isEmpty() ? null : amqpListeners.get(0).host(); }
    /** Port of the first AMQP listener, -1 when there is none; 0 picks a free one (tests). */
    public int amqpPort() { return amqpListeners.isEmpty() ? -1 : amqpListeners.get(0).port(); }
    /**
     * Every address to accept AMQP-over-TLS connections on ({@code listeners.ssl.*}); none by
     * default. They use {@link #sslOptions()}.
     */
    public List<ListenAddress> amqpsListeners() { return amqpsListeners; }
    /**
     * RabbitMQ's {@code ssl_options.*} for the AMQPS listeners, or null when none is set (then
     * an AMQPS listener fails the start for want of a certificate).
     */
    public TlsOptions sslOptions() { return sslOptions; }
    /** {@code ssl_handshake_timeout}: milliseconds a client has to finish the TLS handshake (5,000, as in RabbitMQ). */
    public long sslHandshakeTimeoutMs() { return sslHandshakeTimeoutMs; }
    /** Interface of the management HTTP API ({@code management.tcp.ip}); null means every interface. */
    public String managementHost() { return managementHost; }
    /** Port of the management API over plain HTTP; -1 when only HTTPS is configured (as RabbitMQ does then). */
    public int managementPort() { return managementPort; }
    /** Interface of the management API over HTTPS ({@code management.ssl.ip}); null means every interface. */
    public String managementTlsHost() { return managementTlsHost; }
    /** Port of the management API over HTTPS ({@code management.ssl.port}); -1 for none (the default). */
    public int managementTlsPort() { return managementTlsPort; }
    /** {@code management.ssl.*}, or null when there is no HTTPS listener. */
    public TlsOptions managementTlsOptions() { return managementTlsOptions; }
    /**
     * The management HTTP server's body limit ({@code management.http.max_body_size}) and response
     * security headers ({@code management.headers.*}, {@code management.csp.policy},
     * {@code management.hsts.policy}).
     */
    public HttpOptions managementHttp() { return managementHttp; }
    /** Interface of the Prometheus endpoint ({@code prometheus.tcp.ip}); null means every interface. */
    public String prometheusHost() { return prometheusHost; }
    /** Port of the Prometheus endpoint over plain HTTP; -1 when only HTTPS is configured. */
    public int prometheusPort() { return prometheusPort; }
    /** Interface of the Prometheus endpoint over HTTPS ({@code prometheus.ssl.ip}); null means every interface. */
    public String prometheusTlsHost() { return prometheusTlsHost; }
    /** Port of the Prometheus endpoint over HTTPS ({@code prometheus.ssl.port}); -1 for none (the default). */
    public int prometheusTlsPort() { return prometheusTlsPort; }
    /** {@code prometheus.ssl.*}, or null when there is no HTTPS listener. */
    public TlsOptions prometheusTlsOptions() { return prometheusTlsOptions; }
    public Path dataDir() { return dataDir; }
    /** Size of a message-store segment file, in bytes (warren.segment_size, 8 MiB by default). */
    public int segmentSize() { return segmentSize; }
    /** warren.fsync: true (per_batch, the default) fsyncs every group commit before confirming. */
    public boolean fsyncPerBatch() { return fsyncPerBatch; }
    /**
     * warren.topology_journal.access_damage: false (refuse, the default) keeps the broker from
     * starting when damage to topology.log may have cost a change that took access away; true
     * (start) starts with every record that can be read.
     */
    public boolean startOnAccessDamage() { return startOnAccessDamage; }
    /** A RabbitMQ definitions file to load at boot, or null. */
    public Path definitionsFile() { return definitionsFile; }
    public long maxMessageSize() { return maxMessageSize; }
    public int frameMax() { return frameMax; }
    /** Highest channel number a client may open; 0 means no limit (65535, the wire maximum). */
    public int channelMax() { return channelMax; }
    /** Heartbeat the server proposes in connection.tune; 0 disables heartbeats. */
    public int heartbeatSeconds() { return heartbeatSeconds; }
    /**
     * {@code handshake_timeout}: milliseconds a network connection has to complete its handshake
     * before it is closed (10,000, as in RabbitMQ); 0 never closes it.
     */
    public long handshakeTimeoutMs() { return handshakeTimeoutMs; }
    /**
     * {@code consumer_timeout}: milliseconds a delivery may stay unacknowledged before its channel is
     * closed with 406 (1,800,000, 30 minutes, as in RabbitMQ); 0 sets no broker-wide timeout (a
     * queue's {@code x-consumer-timeout} or {@code consumer-timeout} policy still applies).
     */
    public long consumerTimeoutMs() { return consumerTimeoutMs; }

    /**
     * password_hashing_module (the algorithm for passwords given in clear; SHA-256 by default) and
     * warren.auth_failure_delay.initial / .max / .forget_after (how failed logins are slowed).
     */
    public PasswordSettings passwords() { return passwords; }
    /**
     * {@code tcp_listen_options.send_timeout}: milliseconds a connection's outgoing data may stay
     * undrained before it is closed (30,000, Ranch's default that RabbitMQ runs with); 0 never closes it.
     */
    public long sendTimeoutMs() { return sendTimeoutMs; }
    /**
     * {@code ranch_connection_max}: AMQP sockets open at once before accepting pauses; 0 (the
     * default) derives the limit from the file descriptor limit, as RabbitMQ's file handle cache does.
     */
    public int maxSockets() { return maxSockets; }
    public String defaultUser() { return defaultUser; }
    public String defaultPass() { return defaultPass; }
    public String defaultVhost() { return defaultVhost; }
    /** What the default user is granted on the default virtual host at first start. */
    public DefaultPermissions defaultPermissions() { return defaultPermissions; }
    /**
     * Users who may connect only from a loopback address ({@code loopback_users}); {@code {"guest"}}
     * by default, as in RabbitMQ. Matched by user name, not by "the default user".
     */
    public Set<String> loopbackUsers() { return loopbackUsers; }
    /**
     * The SASL mechanisms offered ({@code auth_mechanisms.N}, AMQPLAIN and PLAIN by default) and
     * where EXTERNAL logins find the user ({@code ssl_cert_login_from}, the whole subject by default).
     */
    public LoginSettings login() { return login; }
    /** True when the user named "guest" may connect only from loopback. */
    public boolean guestLoopbackOnly() { return loopbackUsers.contains("guest"); }
    /** Fraction of total memory at which publishers are blocked; ignored when an absolute limit is set. */
    public double memoryHighWatermarkRelative() { return memoryHighWatermarkRelative; }
    /** Memory limit in bytes at which publishers are blocked; 0 means unset (the relative one applies). */
    public long memoryHighWatermarkAbsolute() { return memoryHighWatermarkAbsolute; }
    /** Free disk space below which publishers are blocked; ignored when a relative limit is set. */
    public long diskFreeLimitBytes() { return diskFreeLimitBytes; }
    /** Disk free limit as a multiple of total memory; 0 means unset (the byte limit applies). */
    public double diskFreeLimitRelative() { return diskFreeLimitRelative; }
    /** Shown by the management API; defaults to {@code warren@<short host name>}. */
    public String clusterName() { return clusterName; }
    /** Console log level ({@code log.console.level}). */
    public LogLevel logLevel() { return logLevel; }
    /** The file this configuration was read from, or null (defaults only, or built in code). */
    public Path configFile() { return configFile; }
    /**
     * Things the loader accepted but the operator should know about (settings of RabbitMQ features
     * Warren does not have, a key set twice, ...). The server logs each at WARN when it starts.
     */
    public List<String> warnings() { return warnings; }

    /**
     * The memory limit in bytes for a machine with this much memory, by RabbitMQ's rule: an absolute
     * limit, capped at the total, wins over the relative one.
     */
    public long resolveMemoryHighWatermark(long totalMemoryBytes) {
        if (memoryHighWatermarkAbsolute > 0) {
            return Math.min(memoryHighWatermarkAbsolute, totalMemoryBytes);
        }
        return (long) (memoryHighWatermarkRelative * totalMemoryBytes);
    }

    /** The disk free limit in bytes for a machine with this much memory. */
    public long resolveDiskFreeLimit(long totalMemoryBytes) {
        if (diskFreeLimitRelative > 0) {
            return Math.round(diskFreeLimitRelative * totalMemoryBytes);
        }
        return diskFreeLimitBytes;
    }

    /** Mutable builder; every setter returns this. Not thread-safe. */
    public static final class Builder {
        private List<ListenAddress> amqpListeners = new ArrayList<>(List.of(ListenAddress.anyInterface(5672)));
        private List<ListenAddress> amqpsListeners = new ArrayList<>();
        private TlsOptions sslOptions;
        private long sslHandshakeTimeoutMs = 5_000;
        private String managementTlsHost;
        private int managementTlsPort = -1;
        private TlsOptions managementTlsOptions;
        private String prometheusTlsHost;
        private int prometheusTlsPort = -1;
        private TlsOptions prometheusTlsOptions;
        private String managementHost;
        private int managementPort = 15672;
        private HttpOptions managementHttp = HttpOptions.defaults();
        private String prometheusHost;
        private int prometheusPort = 15692;
        private Path dataDir = Path.of("data");
        private int segmentSize = 8 * 1024 * 1024;
        private boolean fsyncPerBatch = true;
        private boolean startOnAccessDamage;
        private Path definitionsFile;
        private long maxMessageSize = 128L * 1024 * 1024;
        private int frameMax = 131072;
        private int channelMax = 2047;
        private int heartbeatSeconds = 60;
        private long handshakeTimeoutMs = 10_000;
        private long consumerTimeoutMs = 1_800_000;
        private long sendTimeoutMs = 30_000;
        private int maxSockets;
        private String defaultUser = "guest";
        private String defaultPass = "guest";
        private String defaultVhost = "/";
        private DefaultPermissions defaultPermissions = DefaultPermissions.ALL;
        private Set<String> loopbackUsers = new LinkedHashSet<>(Set.of("guest"));
        private List<AuthMechanism> authMechanisms = new ArrayList<>(LoginSettings.DEFAULTS.mechanisms());
        private CertLoginFrom certLoginFrom = LoginSettings.DEFAULTS.certLoginFrom();
        private SubjectAlternativeNames.Type certLoginSanType = LoginSettings.DEFAULTS.sanType();
        private int certLoginSanIndex = LoginSettings.DEFAULTS.sanIndex();
        private double memoryHighWatermarkRelative = 0.4;
        private long memoryHighWatermarkAbsolute;
        private long diskFreeLimitBytes = 50_000_000L;
        private double diskFreeLimitRelative;
        private String clusterName;
        private LogLevel logLevel = LogLevel.INFO;
        private Path configFile;
        private List<String> warnings = new ArrayList<>();
        private HashingAlgorithm passwordHashing = HashingAlgorithm.SHA256;
        private long authFailureDelayMs = PasswordSettings.DEFAULT_FAILURE_DELAY_MS;
        private long maxAuthFailureDelayMs = PasswordSettings.DEFAULT_MAX_FAILURE_DELAY_MS;
        private long authFailureForgetAfterMs = PasswordSettings.DEFAULT_FORGET_AFTER_MS;

        /** Sets the interface of the first AMQP listener, creating it on 5672 if there is none. */
        public Builder amqpHost(String v) {
            ListenAddress first = amqpListeners.isEmpty() ? ListenAddress.anyInterface(5672) : amqpListeners.get(0);
            return replaceFirstListener(new ListenAddress(v, first.port()));
        }

        /** Sets the port of the first AMQP listener, creating it on every interface if there is none. */
        public Builder amqpPort(int v) {
            String host = amqpListeners.isEmpty() ? null : amqpListeners.get(0).host();
            return replaceFirstListener(new ListenAddress(host, v));
        }

        /** Replaces every AMQP listener; an empty list means no AMQP listener. */
        public Builder amqpListeners(List<ListenAddress> v) { amqpListeners = new ArrayList<>(v); return this; }
        /** Replaces every AMQPS listener; an empty list (the default) means none. */
        public Builder amqpsListeners(List<ListenAddress> v) { amqpsListeners = new ArrayList<>(v); return this; }
        /** One AMQPS listener on every interface on this port (0 picks a free one), replacing any others. */
        public Builder amqpsPort(int v) { amqpsListeners = new ArrayList<>(List.of(ListenAddress.anyInterface(v))); return this; }
        /** {@code ssl_options.*}: the certificate, key, CAs and checks of the AMQPS listeners. */
        public Builder sslOptions(TlsOptions v) { sslOptions = v; return this; }
        public Builder sslHandshakeTimeoutMs(long v) { sslHandshakeTimeoutMs = v; return this; }
        public Builder managementHost(String v) { managementHost = v; return this; }
        /** The management API over HTTPS on this port (0 picks a free one; -1 for none) with these options. */
        public Builder managementTls(int port, TlsOptions options) {
            managementTlsPort = port; managementTlsOptions = options; return this;
        }
        public Builder managementTlsHost(String v) { managementTlsHost = v; return this; }
        /** The Prometheus endpoint over HTTPS on this port (0 picks a free one; -1 for none) with these options. */
        public Builder prometheusTls(int port, TlsOptions options) {
            prometheusTlsPort = port; prometheusTlsOptions = options; return this;
        }
        public Builder prometheusTlsHost(String v) { prometheusTlsHost = v; return this; }
        public Builder managementPort(int v) { managementPort = v; return this; }
        public Builder managementHttp(HttpOptions v) { managementHttp = v; return this; }
        public HttpOptions managementHttp() { return managementHttp; }
        public Builder prometheusHost(String v) { prometheusHost = v; return this; }
        public Builder prometheusPort(int v) { prometheusPort = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder segmentSize(int v) { segmentSize = v; return this; }
        public Builder fsyncPerBatch(boolean v) { fsyncPerBatch = v; return this; }
        public Builder startOnAccessDamage(boolean v) { startOnAccessDamage = v; return this; }
        public Builder definitionsFile(Path v) { definitionsFile = v; return this; }
        public Builder maxMessageSize(long v) { maxMessageSize = v; return this; }
        public Builder frameMax(int v) { frameMax = v; return this; }
        public Builder channelMax(int v) { channelMax = v; return this; }
        public Builder heartbeatSeconds(int v) { heartbeatSeconds = v; return this; }
        public Builder handshakeTimeoutMs(long v) { handshakeTimeoutMs = v; return this; }
        /** {@code consumer_timeout} in milliseconds; 0 for none. */
        public Builder consumerTimeoutMs(long v) { consumerTimeoutMs = v; return this; }
        public Builder sendTimeoutMs(long v) { sendTimeoutMs = v; return this; }
        public Builder maxSockets(int v) { maxSockets = v; return this; }
        public Builder defaultUser(String v) { defaultUser = v; return this; }
        public Builder defaultPass(String v) { defaultPass = v; return this; }
        public Builder defaultVhost(String v) { defaultVhost = v; return this; }
        public Builder defaultPermissions(DefaultPermissions v) { defaultPermissions = v; return this; }
        public Builder loopbackUsers(Set<String> v) { loopbackUsers = new LinkedHashSet<>(v); return this; }
        /** The mechanisms connection.start offers, in this order; EXTERNAL is offered on TLS connections only. */
        public Builder authMechanisms(List<AuthMechanism> v) { authMechanisms = new ArrayList<>(v); return this; }
        public Builder certLoginFrom(CertLoginFrom v) { certLoginFrom = v; return this; }
        /** With {@link CertLoginFrom#SUBJECT_ALTERNATIVE_NAME}: the name at {@code index} among those of {@code type}. */
        public Builder certLoginSan(SubjectAlternativeNames.Type type, int index) {
            certLoginSanType = type; certLoginSanIndex = index; return this;
        }

        /** Adds or removes "guest" from {@link #loopbackUsers(Set)}. */
        public Builder guestLoopbackOnly(boolean v) {
            if (v) {
                loopbackUsers.add("guest");
            } else {
                loopbackUsers.remove("guest");
            }
            return this;
        }

        public Builder memoryHighWatermarkRelative(double v) { memoryHighWatermarkRelative = v; return this; }
        public Builder memoryHighWatermarkAbsolute(long v) { memoryHighWatermarkAbsolute = v; return this; }
        public Builder diskFreeLimitBytes(long v) { diskFreeLimitBytes = v; return this; }
        public Builder diskFreeLimitRelative(double v) { diskFreeLimitRelative = v; return this; }
        public Builder clusterName(String v) { clusterName = v; return this; }
        public Builder logLevel(LogLevel v) { logLevel = v; return this; }
        public Builder configFile(Path v) { configFile = v; return this; }
        public Builder warnings(List<String> v) { warnings = new ArrayList<>(v); return this; }
        public Builder passwordHashing(HashingAlgorithm v) { passwordHashing = v; return this; }
        public Builder authFailureDelayMs(long v) { authFailureDelayMs = v; return this; }
        public Builder maxAuthFailureDelayMs(long v) { maxAuthFailureDelayMs = v; return this; }
        public Builder authFailureForgetAfterMs(long v) { authFailureForgetAfterMs = v; return this; }
        public WarrenConfig build() { return new WarrenConfig(this); }

        private Builder replaceFirstListener(ListenAddress first) {
            if (amqpListeners.isEmpty()) {
                amqpListeners.add(first);
            } else {
                amqpListeners.set(0, first);
            }
            return this;
        }
    }
}
