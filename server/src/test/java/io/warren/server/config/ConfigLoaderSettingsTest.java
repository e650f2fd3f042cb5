package io.warren.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.management.http.SecurityHeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every key Warren acts on, read through the public {@link ConfigLoader#parse} entry point. */
class ConfigLoaderSettingsTest {
    @TempDir
    Path dir;

    private static WarrenConfig parse(String text) {
        return ConfigLoader.parse(text, Map.of());
    }

    @Test
    void anEmptyFileGivesRabbitMqDefaults() {
        WarrenConfig config = parse("# nothing but a comment\n");

        assertEquals(List.of(ListenAddress.anyInterface(5672)), config.amqpListeners());
        assertNull(config.amqpHost());
        assertEquals(5672, config.amqpPort());
        assertEquals(15672, config.managementPort());
        assertNull(config.managementHost());
        assertEquals(15692, config.prometheusPort());
        assertNull(config.prometheusHost());
        assertEquals(131072, config.frameMax());
        assertEquals(2047, config.channelMax());
        assertEquals(60, config.heartbeatSeconds());
        assertEquals(10_000L, config.handshakeTimeoutMs());
        assertEquals(30_000L, config.sendTimeoutMs());
        assertEquals(0, config.maxSockets());
        assertEquals(134217728L, config.maxMessageSize());
        assertEquals("guest", config.defaultUser());
        assertEquals("guest", config.defaultPass());
        assertEquals("/", config.defaultVhost());
        assertEquals(DefaultPermissions.ALL, config.defaultPermissions());
        assertEquals(Set.of("guest"), config.loopbackUsers());
        assertEquals(0.4, config.memoryHighWatermarkRelative());
        assertEquals(0L, config.memoryHighWatermarkAbsolute());
        assertEquals(50_000_000L, config.diskFreeLimitBytes());
        assertEquals(0.0, config.diskFreeLimitRelative());
        assertEquals("warren@" + LocalHost.shortName(), config.clusterName());
        assertEquals(LogLevel.INFO, config.logLevel());
        assertNull(config.definitionsFile());
        assertNull(config.configFile());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void listenersTcpDefaultTakesAPort() {
        WarrenConfig config = parse("listeners.tcp.default = 5673");

        assertEquals(List.of(ListenAddress.anyInterface(5673)), config.amqpListeners());
        assertEquals(5673, config.amqpPort());
    }

    @Test
    void namedListenersAreAllKeptInFileOrder() {
        WarrenConfig config = parse("""
                listeners.tcp.local    = 127.0.0.1:5672
                listeners.tcp.local_v6 = ::1:5672
                listeners.tcp.other    = [::1]:5673
                """);

        assertEquals(List.of(new ListenAddress("127.0.0.1", 5672), new ListenAddress("::1", 5672),
                new ListenAddress("::1", 5673)), config.amqpListeners());
        assertEquals("127.0.0.1", config.amqpHost());
        assertEquals(5672, config.amqpPort());
    }

    @Test
    void listenersTcpNoneDisablesAmqp() {
        WarrenConfig config = parse("listeners.tcp = none");

        assertEquals(List.of(), config.amqpListeners());
        assertEquals(-1, config.amqpPort());
        assertNull(config.amqpHost());
    }

    @Test
    void listenersTcpNoneWinsOverNamedListenersWithAWarning() {
        WarrenConfig config = parse("listeners.tcp.default = 5672\nlisteners.tcp = none\n");

        assertEquals(List.of(), config.amqpListeners());
        assertEquals(List.of("<config>:2: listeners.tcp: disables the listeners.tcp.<name> lines too ([default])"),
                config.warnings());
    }

    @Test
    void managementAndPrometheusListeners() {
        WarrenConfig config = parse("""
                management.tcp.port = 15673
                management.tcp.ip   = 127.0.0.1
                prometheus.tcp.port = 15693
                prometheus.tcp.ip   = ::1
                """);

        assertEquals(15673, config.managementPort());
        assertEquals("127.0.0.1", config.managementHost());
        assertEquals(15693, config.prometheusPort());
        assertEquals("::1", config.prometheusHost());
    }

    @Test
    void managementHttpHardeningKeys() {
        WarrenConfig defaults = parse("");
        assertEquals(10_000_000, defaults.managementHttp().maxBodySize(), "RabbitMQ 3.13's default");
        assertEquals(SecurityHeaders.defaults(), defaults.managementHttp().securityHeaders());

        WarrenConfig config = parse("""
                management.http.max_body_size = 65536
                management.tcp.request_timeout = 2500
                management.tcp.idle_timeout = 0
                management.headers.content_type_options = nosniff
                management.headers.xss_protection = 1; mode=block
                management.headers.frame_options = DENY
                management.csp.policy = default-src 'self'; frame-ancestors 'none'
                management.hsts.policy = max-age=31536000; includeSubDomains
                """);

        assertEquals(65536, config.managementHttp().maxBodySize());
        assertEquals(2500, config.managementHttp().requestTimeoutMs());
        assertEquals(0, config.managementHttp().idleTimeoutMs(), "0: no limit");
        assertEquals(5000, defaults.managementHttp().requestTimeoutMs(), "Cowboy's request_timeout");
        assertEquals(60000, defaults.managementHttp().idleTimeoutMs(), "Cowboy's idle_timeout");
        assertEquals(new SecurityHeaders("nosniff", "DENY", "1; mode=block", "default-src 'self'; frame-ancestors 'none'",
                "max-age=31536000; includeSubDomains"), config.managementHttp().securityHeaders());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
        assertEquals(SecurityHeaders.DEFAULT_CSP,
                parse("management.headers.frame_options = DENY").managementHttp().securityHeaders().contentSecurityPolicy(),
                "a key not set keeps Warren's default");
    }

    @Test
    void loadDefinitionsNamesAFileToImportAtBoot() throws IOException {
        Path definitions = Files.writeString(dir.resolve("definitions.json"), "{}");

        WarrenConfig config = parse("load_definitions = " + definitions);

        assertEquals(definitions, config.definitionsFile());
    }

    @Test
    void loadDefinitionsMayNameADirectoryOfFiles() {
        assertEquals(dir, parse("load_definitions = " + dir).definitionsFile());
    }

    @Test
    void theNewerDefinitionKeysAreAliases() throws IOException {
        Path first = Files.writeString(dir.resolve("a.json"), "{}");
        Path second = Files.writeString(dir.resolve("b.json"), "{}");

        assertEquals(first, parse("definitions.local.path = " + first).definitionsFile());
        assertEquals(first, parse("management.load_definitions = " + first).definitionsFile());

        WarrenConfig both = parse("load_definitions = " + first + "\ndefinitions.local.path = " + second + "\n");
        assertEquals(second, both.definitionsFile());
        assertEquals(List.of("<config>:2: definitions.local.path: replaces load_definitions on line 1 "
                + "(both name the definitions to load at boot)"), both.warnings());
    }

    @Test
    void memoryHighWatermarkRelative() {
        WarrenConfig config = parse("vm_memory_high_watermark.relative = 0.6");

        assertEquals(0.6, config.memoryHighWatermarkRelative());
        assertEquals(0L, config.memoryHighWatermarkAbsolute());
        assertEquals(600L, config.resolveMemoryHighWatermark(1000));
    }

    @Test
    void memoryHighWatermarkAbsoluteTakesRabbitMqUnits() {
        assertEquals(2_000_000_000L, parse("vm_memory_high_watermark.absolute = 2GB").memoryHighWatermarkAbsolute());
        assertEquals(1_073_741_824L, parse("vm_memory_high_watermark.absolute = 1024MiB").memoryHighWatermarkAbsolute());
        assertEquals(1_073_741_824L, parse("vm_memory_high_watermark.absolute = 1073741824").memoryHighWatermarkAbsolute());
        assertEquals(1_000_000_000L, parse("vm_memory_high_watermark.absolute = 1G").memoryHighWatermarkAbsolute());
    }

    @Test
    void anAbsoluteMemoryWatermarkWinsOverARelativeOne() {
        WarrenConfig config = parse("vm_memory_high_watermark.relative = 0.6\nvm_memory_high_watermark.absolute = 2GB\n");

        assertEquals(2_000_000_000L, config.memoryHighWatermarkAbsolute());
        assertEquals(0.4, config.memoryHighWatermarkRelative());
        assertEquals(List.of("<config>:2: vm_memory_high_watermark.absolute: takes precedence over "
                + "vm_memory_high_watermark.relative on line 1"), config.warnings());
    }

    @Test
    void aRelativeMemoryWatermarkAboveOneIsCappedLikeRabbitMqDoes() {
        WarrenConfig config = parse("vm_memory_high_watermark.relative = 1.5");

        assertEquals(1.0, config.memoryHighWatermarkRelative());
        assertEquals(List.of("<config>:1: vm_memory_high_watermark.relative: is above 1.0, the allowed maximum; using 1.0"),
                config.warnings());
    }

    @Test
    void aRelativeMemoryWatermarkOfZeroBlocksPublishers() {
        assertEquals(0L, parse("vm_memory_high_watermark.relative = 0").resolveMemoryHighWatermark(8_000_000_000L));
    }

    @Test
    void diskFreeLimitAbsoluteTakesRabbitMqUnits() {
        assertEquals(2_000_000_000L, parse("disk_free_limit.absolute = 2GB").diskFreeLimitBytes());
        assertEquals(1_048_576L, parse("disk_free_limit.absolute = 1MiB").diskFreeLimitBytes());
        assertEquals(0L, parse("disk_free_limit.absolute = 0").diskFreeLimitBytes());
    }

    @Test
    void diskFreeLimitRelativeIsAMultipleOfMemory() {
        WarrenConfig config = parse("disk_free_limit.relative = 1.5");

        assertEquals(1.5, config.diskFreeLimitRelative());
        assertEquals(3_000_000_000L, config.resolveDiskFreeLimit(2_000_000_000L));
    }

    @Test
    void anAbsoluteDiskFreeLimitWinsOverARelativeOne() {
        WarrenConfig config = parse("disk_free_limit.absolute = 1GB\ndisk_free_limit.relative = 2.0\n");

        assertEquals(1_000_000_000L, config.diskFreeLimitBytes());
        assertEquals(0.0, config.diskFreeLimitRelative());
        assertEquals(1_000_000_000L, config.resolveDiskFreeLimit(16_000_000_000L));
        assertEquals(1, config.warnings().size());
        assertTrue(config.warnings().get(0).startsWith("<config>:1: disk_free_limit.absolute: takes precedence"),
                config.warnings().get(0));
    }

    @Test
    void aRelativeDiskFreeLimitOfZeroMeansNoLimit() {
        WarrenConfig config = parse("disk_free_limit.relative = 0.0");

        assertEquals(0L, config.diskFreeLimitBytes());
        assertEquals(0L, config.resolveDiskFreeLimit(16_000_000_000L));
    }

    @Test
    void passwordHashingAndLoginDelays() {
        assertEquals(io.warren.broker.access.PasswordSettings.DEFAULTS, parse("").passwords());
        WarrenConfig config = parse("""
                password_hashing_module = warren_password_hashing_pbkdf2_sha256
                warren.auth_failure_delay.initial = 0
                warren.auth_failure_delay.max = 2000
                warren.auth_failure_delay.forget_after = 1000
                """);

        assertEquals(new io.warren.broker.access.PasswordSettings(
                io.warren.broker.definitions.HashingAlgorithm.PBKDF2_SHA256, 0, 2000, 1000), config.passwords());
        assertEquals(io.warren.broker.definitions.HashingAlgorithm.SHA512,
                parse("password_hashing_module = rabbit_password_hashing_sha512").passwords().passwordHashing());
    }

    @Test
    void defaultUserPasswordAndVhost() {
        WarrenConfig config = parse("""
                default_user  = admin
                default_pass  = 'p#ss word'
                default_vhost = production
                """);

        assertEquals("admin", config.defaultUser());
        assertEquals("p#ss word", config.defaultPass());
        assertEquals("production", config.defaultVhost());
    }

    @Test
    void defaultPermissions() {
        WarrenConfig config = parse("""
                default_permissions.configure = ^admin-.*
                default_permissions.read      = .*
                default_permissions.write     = ^amq\\.
                """);

        assertEquals(new DefaultPermissions("^admin-.*", "^amq\\.", ".*"), config.defaultPermissions());
    }

    @Test
    void loopbackUsersGuestFalseLetsGuestConnectRemotely() {
        WarrenConfig config = parse("loopback_users.guest = false");

        assertFalse(config.guestLoopbackOnly());
        assertEquals(Set.of(), config.loopbackUsers());
    }

    @Test
    void loopbackUsersNoneRestrictsNobody() {
        assertEquals(Set.of(), parse("loopback_users = none").loopbackUsers());
    }

    /** RabbitMQ's translation replaces the default list: naming another user frees guest (checked against 3.10). */
    @Test
    void namingALoopbackUserReplacesTheDefaultList() {
        WarrenConfig config = parse("loopback_users.admin = true");

        assertEquals(Set.of("admin"), config.loopbackUsers());
        assertFalse(config.guestLoopbackOnly());
    }

    @Test
    void loopbackUserNamesMayContainEscapedDots() {
        assertEquals(Set.of("first.last", "guest"),
                parse("loopback_users.first\\.last = true\nloopback_users.guest = true\n").loopbackUsers());
    }

    @Test
    void protocolLimits() {
        WarrenConfig config = parse("""
                heartbeat = 0
                frame_max = 8192
                channel_max = 0
                max_message_size = 536870912
                """);

        assertEquals(0, config.heartbeatSeconds());
        assertEquals(8192, config.frameMax());
        assertEquals(0, config.channelMax());
        assertEquals(536_870_912L, config.maxMessageSize());
    }

    @Test
    void socketTimeoutsAndTheSocketLimitTakeRabbitMqKeys() {
        WarrenConfig config = parse("""
                handshake_timeout = 1500
                tcp_listen_options.send_timeout = 2500
                tcp_listen_options.send_timeout_close = true
                ranch_connection_max = 900
                """);

        assertEquals(1500L, config.handshakeTimeoutMs());
        assertEquals(2500L, config.sendTimeoutMs());
        assertEquals(900, config.maxSockets());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void consumerTimeoutTakesRabbitMqsKeyAndDefault() {
        assertEquals(1_800_000L, parse("").consumerTimeoutMs());
        assertEquals(1000L, parse("consumer_timeout = 1000\n").consumerTimeoutMs());
        // RabbitMQ turns it off with advanced.config's {consumer_timeout, false}; Warren reads false here.
        assertEquals(0L, parse("consumer_timeout = false\n").consumerTimeoutMs());
        assertEquals(List.of(), parse("consumer_timeout = 1000\n").warnings());
    }

    @Test
    void aNegativeConsumerTimeoutFromTheBuilderIsRefusedByName() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> WarrenConfig.builder().consumerTimeoutMs(-1).build());
        assertTrue(e.getMessage().startsWith("consumer_timeout: "), e.getMessage());
    }

    @Test
    void infinityDisablesTheSocketTimeoutsAndTheLimit() {
        WarrenConfig config = parse("""
                handshake_timeout = infinity
                tcp_listen_options.send_timeout = infinity
                ranch_connection_max = infinity
                """);

        assertEquals(0L, config.handshakeTimeoutMs());
        assertEquals(0L, config.sendTimeoutMs());
        assertEquals(Integer.MAX_VALUE, config.maxSockets());
    }

    @Test
    void sendTimeoutCloseFalseIsAcceptedWithAWarning() {
        WarrenConfig config = parse("tcp_listen_options.send_timeout_close = false\n");

        assertEquals(List.of("<config>:1: tcp_listen_options.send_timeout_close: a connection whose send times out "
                + "is closed all the same, as RabbitMQ's writer closes it"), config.warnings());
    }

    @Test
    void otherTcpListenOptionsAreStillIgnoredWithAWarning() {
        WarrenConfig config = parse("tcp_listen_options.backlog = 4096\n");

        assertEquals(1, config.warnings().size(), config.warnings()::toString);
        assertTrue(config.warnings().get(0).contains("ignored"), config.warnings().get(0));
    }

    @Test
    void frameMaxTakesCuttlefishByteSizes() {
        assertEquals(131072, parse("frame_max = 128KB").frameMax());
        assertEquals(1048576, parse("frame_max = 1MB").frameMax());
        assertEquals(4096, parse("frame_max = 4096").frameMax());
    }

    @Test
    void upperLimitsAreAccepted() {
        WarrenConfig config = parse("heartbeat = 65535\nchannel_max = 65535\n");

        assertEquals(65535, config.heartbeatSeconds());
        assertEquals(65535, config.channelMax());
    }

    @Test
    void clusterName() {
        assertEquals("production east", parse("cluster_name = production east").clusterName());
    }

    @ParameterizedTest
    @EnumSource(LogLevel.class)
    void logConsoleLevel(LogLevel level) {
        assertEquals(level, parse("log.console.level = " + level.confValue()).logLevel());
    }

    @Test
    void warrenDataDir() {
        assertEquals(Path.of("/var/lib/warren"), parse("warren.data_dir = /var/lib/warren").dataDir());
        assertEquals(Path.of("relative/dir"), parse("warren.data_dir = relative/dir").dataDir());
    }

    @Test
    void aKeySetTwiceKeepsTheLaterValueAndSaysSo() {
        WarrenConfig config = parse("heartbeat = 10\nheartbeat = 20\n");

        assertEquals(20, config.heartbeatSeconds());
        assertEquals(List.of("<config>:2: heartbeat: set again; this value replaces the one on line 1"), config.warnings());
    }
}
