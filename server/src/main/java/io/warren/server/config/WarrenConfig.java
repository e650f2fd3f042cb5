package io.warren.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a Warren node is configured with, immutable. Built with {@link #builder()}; the
 * defaults are the embedded defaults that RabbitMQ also uses (AMQP on 5672, guest/guest on "/").
 */
public final class WarrenConfig {
    private final String amqpHost;
    private final int amqpPort;
    private final int managementPort;
    private final int prometheusPort;
    private final Path dataDir;
    private final Path definitionsFile;
    private final long maxMessageSize;
    private final int frameMax;
    private final int channelMax;
    private final int heartbeatSeconds;
    private final String defaultUser;
    private final String defaultPass;
    private final String defaultVhost;
    private final boolean guestLoopbackOnly;

    private WarrenConfig(Builder b) {
        this.amqpHost = b.amqpHost;
        this.amqpPort = b.amqpPort;
        this.managementPort = b.managementPort;
        this.prometheusPort = b.prometheusPort;
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir");
        this.definitionsFile = b.definitionsFile;
        this.maxMessageSize = b.maxMessageSize;
        this.frameMax = b.frameMax;
        this.channelMax = b.channelMax;
        this.heartbeatSeconds = b.heartbeatSeconds;
        this.defaultUser = b.defaultUser;
        this.defaultPass = b.defaultPass;
        this.defaultVhost = b.defaultVhost;
        this.guestLoopbackOnly = b.guestLoopbackOnly;
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.amqpHost = amqpHost; b.amqpPort = amqpPort; b.managementPort = managementPort;
        b.prometheusPort = prometheusPort; b.dataDir = dataDir; b.definitionsFile = definitionsFile;
        b.maxMessageSize = maxMessageSize; b.frameMax = frameMax; b.channelMax = channelMax;
        b.heartbeatSeconds = heartbeatSeconds; b.defaultUser = defaultUser; b.defaultPass = defaultPass;
        b.defaultVhost = defaultVhost; b.guestLoopbackOnly = guestLoopbackOnly;
        return b;
    }

    /** Interface to bind AMQP to; null means every interface. */
    public String amqpHost() { return amqpHost; }
    /** AMQP port; 0 picks a free one (tests). */
    public int amqpPort() { return amqpPort; }
    public int managementPort() { return managementPort; }
    public int prometheusPort() { return prometheusPort; }
    public Path dataDir() { return dataDir; }
    /** A RabbitMQ definitions file to load at boot, or null. */
    public Path definitionsFile() { return definitionsFile; }
    public long maxMessageSize() { return maxMessageSize; }
    public int frameMax() { return frameMax; }
    public int channelMax() { return channelMax; }
    public int heartbeatSeconds() { return heartbeatSeconds; }
    public String defaultUser() { return defaultUser; }
    public String defaultPass() { return defaultPass; }
    public String defaultVhost() { return defaultVhost; }
    /** RabbitMQ's loopback_users: when true, the default "guest" user may connect only from loopback. */
    public boolean guestLoopbackOnly() { return guestLoopbackOnly; }

    /** Mutable builder; every setter returns this. */
    public static final class Builder {
        private String amqpHost;
        private int amqpPort = 5672;
        private int managementPort = 15672;
        private int prometheusPort = 15692;
        private Path dataDir = Path.of("data");
        private Path definitionsFile;
        private long maxMessageSize = 128L * 1024 * 1024;
        private int frameMax = 131072;
        private int channelMax = 2047;
        private int heartbeatSeconds = 60;
        private String defaultUser = "guest";
        private String defaultPass = "guest";
        private String defaultVhost = "/";
        private boolean guestLoopbackOnly = true;

        public Builder amqpHost(String v) { amqpHost = v; return this; }
        public Builder amqpPort(int v) { amqpPort = v; return this; }
        public Builder managementPort(int v) { managementPort = v; return this; }
        public Builder prometheusPort(int v) { prometheusPort = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder definitionsFile(Path v) { definitionsFile = v; return this; }
        public Builder maxMessageSize(long v) { maxMessageSize = v; return this; }
        public Builder frameMax(int v) { frameMax = v; return this; }
        public Builder channelMax(int v) { channelMax = v; return this; }
        public Builder heartbeatSeconds(int v) { heartbeatSeconds = v; return this; }
        public Builder defaultUser(String v) { defaultUser = v; return this; }
        public Builder defaultPass(String v) { defaultPass = v; return this; }
        public Builder defaultVhost(String v) { defaultVhost = v; return this; }
        public Builder guestLoopbackOnly(boolean v) { guestLoopbackOnly = v; return this; }
        public WarrenConfig build() { return new WarrenConfig(this); }
    }
}
