package io.warren.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the loader refuses, what it accepts with a warning, and what the messages say. */
class ConfigLoaderValidationTest {

    private static WarrenConfig parse(String text) {
        return ConfigLoader.parse(text, Map.of());
    }

    private static List<String> problems(String text) {
        return assertThrows(ConfigException.class, () -> parse(text)).problems();
    }

    /** The bad line is always the second, so each message must point at line 2 and name its key. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "listeners.tcp.default = 65536        | '65536' is not a port (0-65535)",
            "listeners.tcp.default = localhost:1  | 'localhost' is not an IP address (host names are not accepted here)",
            "listeners.tcp = all                  | only 'none' is accepted here",
            "management.tcp.port = -1             | '-1' is not a port (0-65535)",
            "management.tcp.ip = example.com      | 'example.com' is not an IP address",
            "management.http.max_body_size = 10MB | '10MB' is not a whole number",
            "management.http.max_body_size = -1   | -1 is out of range; use 0-1073741824",
            "management.tcp.request_timeout = 5s  | '5s' is not a whole number",
            "management.csp.policy = default-src \u00e9 | an HTTP header value may hold only visible ASCII",
            "prometheus.tcp.port = http           | 'http' is not a port (0-65535)",
            "prometheus.tcp.ip = 256.0.0.1        | '256.0.0.1' is not an IP address",
            "load_definitions = /no/such/file.json | '/no/such/file.json' does not exist or cannot be read",
            "vm_memory_high_watermark.relative = -0.5 | '-0.5' is not a non-negative number",
            "vm_memory_high_watermark.absolute = 2 GB | '2 GB' is not a byte quantity",
            "vm_memory_high_watermark.absolute = 10T  | '10T' has an unknown unit 'T'",
            "vm_memory_high_watermark.absolute = 0    | 0 is not a usable limit; to block every publisher, set vm_memory_high_watermark.relative = 0",
            "disk_free_limit.absolute = 50 MB     | '50 MB' is not a byte quantity",
            "disk_free_limit.relative = much      | 'much' is not a non-negative number",
            "default_vhost = ''                   | must not be empty",
            "default_user = ''                    | must not be empty",
            "loopback_users.guest = no            | 'no' is not true or false",
            "loopback_users = guest               | only 'none' is accepted here",
            "heartbeat = -1                       | -1 is out of range; use 0-65535",
            "heartbeat = 65536                    | 65536 is out of range; use 0-65535",
            "frame_max = 4095                     | 4095 is out of range; use 4096 (RabbitMQ's minimum)",
            "frame_max = 0                        | 0 is out of range; use 4096 (RabbitMQ's minimum)",
            "frame_max = 128KiB                   | '128KiB' has an unknown unit 'KiB'",
            "channel_max = 65536                  | 65536 is out of range; use 0-65535",
            "channel_max = -1                     | -1 is out of range; use 0-65535",
            "max_message_size = 0                 | 0 is out of range; use 1-536870912",
            "consumer_timeout = 0                 | 0 is out of range; use 1-9223372036854",
            "consumer_timeout = 30m               | '30m' is not a whole number",
            "consumer_timeout = true              | 'true' is not a whole number",
            "max_message_size = 536870913         | 536870913 is out of range; use 1-536870912",
            "max_message_size = 128MB             | '128MB' is not a whole number",
            "cluster_name = ''                    | must not be empty",
            "handshake_timeout = 0                | 0 is out of range; use 1-2147483647",
            "handshake_timeout = 10s              | '10s' is not a whole number",
            "tcp_listen_options.send_timeout = -5 | -5 is out of range; use 1-2147483647",
            "tcp_listen_options.send_timeout_close = yes | 'yes' is not true or false",
            "ranch_connection_max = 0             | 0 is out of range; use 1-2147483647",
            "password_hashing_module = rabbit_password_hashing_bcrypt | must be one of rabbit_password_hashing_sha256, rabbit_password_hashing_sha512, rabbit_password_hashing_md5, warren_password_hashing_pbkdf2_sha256, was rabbit_password_hashing_bcrypt",
            "warren.auth_failure_delay.initial = 1s | '1s' is not a whole number",
            "warren.auth_failure_delay.max = 600001 | 600001 is out of range; use 0-600000",
            "warren.auth_failure_delay.forget_after = 0 | 0 is out of range; use 1-86400000",
            "warren.auth_failure_delay.max = 50   | warren.auth_failure_delay.max (50) must not be below warren.auth_failure_delay.initial (100)",
            "log.console.level = verbose          | 'verbose' is not a log level",
            "warren.data_dir = ''                 | must not be empty",
            "warren.segment_size = 1              | must be between 64KiB and 1GiB, was 1",
            "warren.ssl_provider = boringssl      | must be auto, jdk or openssl, was 'boringssl'",
            "warren.made_up = 1                   | not a Warren setting; Warren's own settings are warren.data_dir, warren.segment_size, warren.fsync, warren.topology_journal.access_damage",
    })
    void anInvalidValueNamesFileLineAndKey(String line, String reason) {
        List<String> problems = problems("heartbeat = 30\n" + line + "\n");

        String key = line.substring(0, line.indexOf(' '));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("<config>:2: " + key + ": " + reason), problems.get(0));
    }

    @Test
    void anUnknownKeyFailsTheBootWithSuggestions() {
        List<String> problems = problems("listners.tcp.default = 5672");

        assertEquals(List.of("<config>:1: listners.tcp.default: unknown setting (RabbitMQ would refuse it too); "
                + "did you mean listeners.tcp.default or listeners.ssl.default?"), problems);
    }

    @Test
    void anUnknownKeyWithNothingCloseHasNoSuggestion() {
        assertEquals(List.of("<config>:1: completely.made.up: unknown setting (RabbitMQ would refuse it too)"),
                problems("completely.made.up = 1"));
    }

    @Test
    void aTypoInAnIgnoredRabbitMqKeyIsStillCaught() {
        List<String> problems = problems("num_acceptor.tcp = 10");

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).endsWith("did you mean num_acceptors.tcp?"), problems.get(0));
    }

    @Test
    void aPartialSetOfDefaultPermissionsIsRefusedLikeRabbitMqDoes() {
        assertEquals(List.of("<config>:2: default_permissions.configure: default_permissions.configure, .write and "
                        + ".read must be set together; missing write, read"),
                problems("heartbeat = 1\ndefault_permissions.configure = ^x\n"));
    }

    @Test
    void anInvalidPermissionRegexIsRefused() {
        List<String> problems = problems("""
                default_permissions.configure = .*
                default_permissions.write = [unclosed
                default_permissions.read = .*
                """);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("<config>:2: default_permissions.write: '[unclosed' is not a valid regular"),
                problems.get(0));
    }

    @Test
    void everyProblemInTheFileIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                heartbeat = -1
                frame_max = 10
                no_such_key = 1
                """));

        assertEquals(3, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("<config>:1: heartbeat:"));
        assertTrue(e.problems().get(1).startsWith("<config>:2: frame_max:"));
        assertTrue(e.problems().get(2).startsWith("<config>:3: no_such_key:"));
        assertTrue(e.getMessage().contains("<config>:2: frame_max:"), e.getMessage());
    }

    @Test
    void rabbitMqSettingsWarrenLacksAreAcceptedWithAWarning() {
        WarrenConfig config = parse("""
                ssl_options.reuse_sessions = true
                ssl_options.honor_ecc_order = true
                num_acceptors.tcp = 10
                auth_backends.1 = internal
                log.file.level = debug
                cluster_formation.peer_discovery_backend = classic_config
                """);

        assertEquals(List.of(
                "<config>:1: ssl_options.reuse_sessions: ignored: configures a RabbitMQ feature Warren does not implement",
                "<config>:2: ssl_options.honor_ecc_order: ignored: configures a RabbitMQ feature Warren does not "
                        + "implement",
                "<config>:3: num_acceptors.tcp: ignored: configures a RabbitMQ feature Warren does not implement",
                "<config>:4: auth_backends.1: ignored: configures a RabbitMQ feature Warren does not implement",
                "<config>:5: log.file.level: ignored: configures a RabbitMQ feature Warren does not implement",
                "<config>:6: cluster_formation.peer_discovery_backend: ignored: configures a RabbitMQ feature Warren "
                        + "does not implement"), config.warnings());
    }

    @Test
    void pluginSettingsAreAcceptedWithAWarningNamingThePlugin() {
        WarrenConfig config = parse("""
                mqtt.listeners.tcp.default = 1883
                management.ssl.compress = true
                prometheus.return_per_object_metrics = true
                """);

        assertEquals(List.of(
                "<config>:1: mqtt.listeners.tcp.default: ignored: configures the MQTT plugin, which Warren does not have",
                "<config>:2: management.ssl.compress: ignored: configures a part of the management plugin that Warren does "
                        + "not implement",
                "<config>:3: prometheus.return_per_object_metrics: ignored: configures a part of the Prometheus plugin "
                        + "that Warren does not implement"), config.warnings());
    }

    /** A trimmed copy of RabbitMQ's rabbitmq.conf.example with its common settings uncommented. */
    @Test
    void aTypicalRabbitMqConfigurationLoads() {
        WarrenConfig config = parse("""
                # ======================================
                # RabbitMQ broker section
                # ======================================
                listeners.tcp.local    = 127.0.0.1:5672
                listeners.tcp.local_v6 = ::1:5672
                num_acceptors.tcp = 10
                handshake_timeout = 10000
                reverse_dns_lookups = false
                loopback_users.guest = false
                default_vhost = /
                default_user = guest
                default_pass = guest
                default_permissions.configure = .*
                default_permissions.read = .*
                default_permissions.write = .*
                vm_memory_high_watermark.relative = 0.4
                memory_monitor_interval = 2500
                disk_free_limit.absolute = 50MB
                channel_max = 128
                heartbeat = 60
                frame_max = 131072
                collect_statistics_interval = 5000
                management.tcp.port = 15672
                management.tcp.ip   = 0.0.0.0
                log.console.level = warning
                """);

        assertEquals(2, config.amqpListeners().size());
        assertEquals(128, config.channelMax());
        assertEquals(LogLevel.WARNING, config.logLevel());
        assertEquals("0.0.0.0", config.managementHost());
        assertEquals(10_000L, config.handshakeTimeoutMs());
        assertEquals(4, config.warnings().size(), config.warnings()::toString);
    }
}
