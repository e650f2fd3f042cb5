package io.warren.broker;

import io.warren.broker.alarm.DiskMonitor;
import io.warren.broker.alarm.MemoryMonitor;
import io.warren.broker.access.PasswordSettings;
import io.warren.broker.sasl.LoginSettings;
import io.warren.broker.tls.TlsListeners;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The broker's own settings, taken from the server's configuration.
 *
 * @param listeners                addresses to accept AMQP connections on (port 0 picks a free one); may be empty
 * @param frameMax                 largest frame offered in connection.tune
 * @param channelMax               most channels offered in connection.tune
 * @param heartbeatSeconds         heartbeat offered in connection.tune (0 disables)
 * @param maxMessageSize           largest message body accepted
 * @param clusterName              the cluster_name server property
 * @param loopbackUsers            RabbitMQ's loopback_users: users who may connect only from loopback
 * @param memoryHighWatermarkBytes heap in use above which publishers are blocked (vm_memory_high_watermark,
 *                                 resolved to bytes; a relative one is a fraction of the JVM's maximum heap);
 *                                 0 blocks all publishing
 * @param diskFreeLimitBytes       free space on the data directory's file system below which publishers
 *                                 are blocked (disk_free_limit, resolved to bytes)
 * @param dataDir                  the data directory, whose file system the disk alarm watches
 * @param statisticsIntervalMs     how often statistics are sampled (collect_statistics_interval)
 * @param network                  handshake and send timeouts, and the socket limit
 * @param amqps                    the AMQP-over-TLS listeners ({@code listeners.ssl.*}, {@code ssl_options.*})
 * @param login                    the SASL mechanisms offered and where certificate logins find the user
 * @param passwords                password hashing and the slowing of failed logins
 * @param consumerTimeoutMs        RabbitMQ's consumer_timeout: ms a delivery may stay unacknowledged
 *                                 before its channel is closed, unless its queue sets its own; 0 for none
 */
public record BrokerSettings(List<InetSocketAddress> listeners, int frameMax, int channelMax, int heartbeatSeconds,
                             long maxMessageSize, String clusterName, Set<String> loopbackUsers,
                             long memoryHighWatermarkBytes, long diskFreeLimitBytes, Path dataDir,
                             long statisticsIntervalMs, NetworkSettings network, TlsListeners amqps,
                             LoginSettings login, PasswordSettings passwords, long consumerTimeoutMs) {
    /** RabbitMQ's default collect_statistics_interval. */
    public static final long DEFAULT_STATISTICS_INTERVAL_MS = 5000;
    /** RabbitMQ's default consumer_timeout, 30 minutes. */
    public static final long DEFAULT_CONSUMER_TIMEOUT_MS = 1_800_000;

    public BrokerSettings {
        if (consumerTimeoutMs < 0) {
            throw new IllegalArgumentException("negative consumer timeout: " + consumerTimeoutMs);
        }
    }

    /** Settings with RabbitMQ's consumer timeout ({@value #DEFAULT_CONSUMER_TIMEOUT_MS} ms). */
    public BrokerSettings(List<InetSocketAddress> listeners, int frameMax, int channelMax, int heartbeatSeconds,
                          long maxMessageSize, String clusterName, Set<String> loopbackUsers,
                          long memoryHighWatermarkBytes, long diskFreeLimitBytes, Path dataDir,
                          long statisticsIntervalMs, NetworkSettings network, TlsListeners amqps,
                          LoginSettings login, PasswordSettings passwords) {
        this(listeners, frameMax, channelMax, heartbeatSeconds, maxMessageSize, clusterName, loopbackUsers,
                memoryHighWatermarkBytes, diskFreeLimitBytes, dataDir, statisticsIntervalMs, network, amqps, login,
                passwords, DEFAULT_CONSUMER_TIMEOUT_MS);
    }

    /** Settings with the default password hash and login delays ({@link PasswordSettings#DEFAULTS}). */
    public BrokerSettings(List<InetSocketAddress> listeners, int frameMax, int channelMax, int heartbeatSeconds,
                          long maxMessageSize, String clusterName, Set<String> loopbackUsers,
                          long memoryHighWatermarkBytes, long diskFreeLimitBytes, Path dataDir,
                          long statisticsIntervalMs, NetworkSettings network, TlsListeners amqps,
                          LoginSettings login) {
        this(listeners, frameMax, channelMax, heartbeatSeconds, maxMessageSize, clusterName, loopbackUsers,
                memoryHighWatermarkBytes, diskFreeLimitBytes, dataDir, statisticsIntervalMs, network, amqps, login,
                PasswordSettings.DEFAULTS);
    }

    /** Settings with RabbitMQ's login mechanisms ({@link LoginSettings#DEFAULTS}). */
    public BrokerSettings(List<InetSocketAddress> listeners, int frameMax, int channelMax, int heartbeatSeconds,
                          long maxMessageSize, String clusterName, Set<String> loopbackUsers,
                          long memoryHighWatermarkBytes, long diskFreeLimitBytes, Path dataDir,
                          long statisticsIntervalMs, NetworkSettings network, TlsListeners amqps) {
        this(listeners, frameMax, channelMax, heartbeatSeconds, maxMessageSize, clusterName, loopbackUsers,
                memoryHighWatermarkBytes, diskFreeLimitBytes, dataDir, statisticsIntervalMs, network, amqps,
                LoginSettings.DEFAULTS);
    }

    /** Settings without AMQPS listeners. */
    public BrokerSettings(List<InetSocketAddress> listeners, int frameMax, int channelMax, int heartbeatSeconds,
                          long maxMessageSize, String clusterName, Set<String> loopbackUsers,
                          long memoryHighWatermarkBytes, long diskFreeLimitBytes, Path dataDir,
                          long statisticsIntervalMs, NetworkSettings network) {
        this(listeners, frameMax, channelMax, heartbeatSeconds, maxMessageSize, clusterName, loopbackUsers,
                memoryHighWatermarkBytes, diskFreeLimitBytes, dataDir, statisticsIntervalMs, network, TlsListeners.NONE);
    }

    /** Settings with RabbitMQ's socket timeouts ({@link NetworkSettings#DEFAULTS}). */
    public BrokerSettings(List<InetSocketAddress> listeners, int frameMax, int channelMax, int heartbeatSeconds,
                          long maxMessageSize, String clusterName, Set<String> loopbackUsers,
                          long memoryHighWatermarkBytes, long diskFreeLimitBytes, Path dataDir,
                          long statisticsIntervalMs) {
        this(listeners, frameMax, channelMax, heartbeatSeconds, maxMessageSize, clusterName, loopbackUsers,
                memoryHighWatermarkBytes, diskFreeLimitBytes, dataDir, statisticsIntervalMs, NetworkSettings.DEFAULTS);
    }

    /** Settings that sample statistics every {@value #DEFAULT_STATISTICS_INTERVAL_MS} ms. */
    public BrokerSettings(List<InetSocketAddress> listeners, int frameMax, int channelMax, int heartbeatSeconds,
                          long maxMessageSize, String clusterName, Set<String> loopbackUsers,
                          long memoryHighWatermarkBytes, long diskFreeLimitBytes, Path dataDir) {
        this(listeners, frameMax, channelMax, heartbeatSeconds, maxMessageSize, clusterName, loopbackUsers,
                memoryHighWatermarkBytes, diskFreeLimitBytes, dataDir, DEFAULT_STATISTICS_INTERVAL_MS);
    }

    /**
     * Settings with RabbitMQ's default resource limits: a memory watermark of 0.4 of the maximum
     * heap, a disk free limit of 50 MB, watched on the working directory's file system.
     */
    public BrokerSettings(List<InetSocketAddress> listeners, int frameMax, int channelMax, int heartbeatSeconds,
                          long maxMessageSize, String clusterName, Set<String> loopbackUsers) {
        this(listeners, frameMax, channelMax, heartbeatSeconds, maxMessageSize, clusterName, loopbackUsers,
                MemoryMonitor.relativeWatermark(MemoryMonitor.DEFAULT_RELATIVE_WATERMARK),
                DiskMonitor.DEFAULT_FREE_LIMIT, Path.of("").toAbsolutePath());
    }
}
