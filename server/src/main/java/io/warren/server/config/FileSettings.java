package io.warren.server.config;

import io.warren.broker.access.PasswordSettings;
import io.warren.broker.definitions.HashingAlgorithm;
import io.warren.broker.sasl.AuthMechanism;
import io.warren.broker.sasl.CertLoginFrom;
import io.warren.broker.tls.TlsProvider;
import io.warren.broker.x509.SubjectAlternativeNames;
import io.warren.management.http.SecurityHeaders;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Applies the settings of one rabbitmq.conf-style file to a {@link WarrenConfig.Builder}, with
 * RabbitMQ's meaning for every key it shares with RabbitMQ. One instance per file; not thread-safe.
 * Every problem in the file is collected and thrown together as one {@link ConfigException}.
 */
final class FileSettings {
    /**
     * Keys Warren acts on, apart from the {@code listeners.tcp.*}, {@code loopback_users.*} and
     * {@code auth_mechanisms.*} families.
     */
    static final List<String> KEYS = List.of(
            "listeners.tcp", "management.tcp.port", "management.tcp.ip", "prometheus.tcp.port",
            "prometheus.tcp.ip", "load_definitions", "definitions.local.path", "management.load_definitions",
            "vm_memory_high_watermark.relative", "vm_memory_high_watermark.absolute", "disk_free_limit.absolute",
            "disk_free_limit.relative", "default_user", "default_pass", "default_vhost",
            "default_permissions.configure", "default_permissions.read", "default_permissions.write",
            "loopback_users", "heartbeat", "frame_max", "channel_max", "max_message_size", "cluster_name",
            "log.console.level", "warren.data_dir", "warren.segment_size", "warren.fsync", "handshake_timeout",
            "tcp_listen_options.send_timeout", "tcp_listen_options.send_timeout_close", "ranch_connection_max",
            "warren.topology_journal.access_damage", "listeners.ssl", "ssl_handshake_timeout",
            "ssl_cert_login_from", "ssl_cert_login_san_type", "ssl_cert_login_san_index",
            "management.http.max_body_size", "management.tcp.request_timeout", "management.tcp.idle_timeout",
            "management.headers.content_type_options", "management.headers.xss_protection",
            "management.headers.frame_options", "management.csp.policy", "management.hsts.policy",
            "password_hashing_module", "warren.auth_failure_delay.initial", "warren.auth_failure_delay.max",
            "warren.auth_failure_delay.forget_after", "warren.ssl_provider", "consumer_timeout");

    /** A body is held in one array while it is handled, so the limit stays far below 2 GiB. */
    static final long MAX_BODY_SIZE_CEILING = 1L << 30;

    /** Segment files between 64 KiB and 1 GiB: smaller wastes files, larger delays reclaiming space. */
    private static int segmentSize(String v) {
        long size = ByteQuantities.parseInformationUnit(v);
        if (size < 64 * 1024 || size > 1024 * 1024 * 1024) {
            throw new InvalidValueException("must be between 64KiB and 1GiB, was " + v);
        }
        return (int) size;
    }

    private static TlsProvider sslProvider(String v) {
        try {
            return TlsProvider.fromConfValue(v);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(e.getMessage());
        }
    }

    /** per_batch: a confirm means the message survives power loss; none: it survives kill -9 only. */
    private static boolean fsync(String v) {
        return switch (v) {
            case "per_batch" -> true;
            case "none" -> false;
            default -> throw new InvalidValueException("must be per_batch or none, was " + v);
        };
    }

    /** Milliseconds, or {@code infinity} (0 in Warren's settings: never time out), as RabbitMQ's timeouts are given. */
    private static long timeoutOrInfinity(String v) {
        return v.equals("infinity") ? 0 : SettingValues.integer(v, 1, Integer.MAX_VALUE);
    }

    /**
     * Milliseconds above 0, as RabbitMQ's schema takes them, or {@code false}: no broker-wide
     * timeout, what RabbitMQ's advanced.config {@code {consumer_timeout, false}} means (Warren
     * reads no advanced.config). Up to about 292 years, so that it fits in nanoseconds.
     */
    static long consumerTimeout(String v) {
        return v.equals("false") ? 0 : SettingValues.integer(v, 1, Long.MAX_VALUE / 1_000_000);
    }

    /**
     * With {@code false} the Erlang socket stays open after a send times out, but RabbitMQ's writer
     * fails and the connection closes all the same; Warren always closes it.
     */
    private void sendTimeoutClose(ConfSetting s) {
        if (!SettingValues.bool(s.value())) {
            warn(s, "a connection whose send times out is closed all the same, as RabbitMQ's writer closes it");
        }
    }

    /** refuse: damage that may have given access back stops the broker; start: it starts with what can be read. */
    private static boolean accessDamage(String v) {
        return switch (v) {
            case "refuse" -> false;
            case "start" -> true;
            default -> throw new InvalidValueException("must be refuse or start, was " + v);
        };
    }

    /** The longest hold of a refused login: 10 minutes. */
    static final long MAX_AUTH_FAILURE_DELAY_MS = 600_000;

    /** RabbitMQ's module names, and Warren's PBKDF2. */
    private static HashingAlgorithm passwordHashing(String v) {
        HashingAlgorithm a = HashingAlgorithm.fromWireName(v);
        if (a == null) {
            throw new InvalidValueException("must be one of " + HashingAlgorithm.wireNames() + ", was " + v);
        }
        return a;
    }

    /** RabbitMQ's frame_max floor (AMQP's frame-min-size): every peer must accept frames this large. */
    static final int MIN_FRAME_MAX = 4096;
    /** RabbitMQ's max_message_size ceiling, 512 MiB. */
    static final long MAX_MESSAGE_SIZE_CEILING = 536_870_912L;

    private static final KeyPattern TCP_LISTENER = KeyPattern.of("listeners.tcp.*");
    private static final KeyPattern SSL_LISTENER = KeyPattern.of("listeners.ssl.*");
    private static final KeyPattern MANAGEMENT_TCP = KeyPattern.of("management.tcp.**");
    private static final KeyPattern PROMETHEUS_TCP = KeyPattern.of("prometheus.tcp.**");
    /** RabbitMQ's default ports of the HTTPS listeners, when a {@code *.ssl.*} key is set without a port. */
    static final int MANAGEMENT_TLS_PORT = 15671;
    static final int PROMETHEUS_TLS_PORT = 15691;

    /** The TLS keys Warren acts on, for spelling suggestions. */
    static List<String> tlsKeys() {
        return Stream.of(new TlsSettings("ssl_options", false, Path.of("")), new TlsSettings("management.ssl", true,
                Path.of("")), new TlsSettings("prometheus.ssl", true, Path.of(""))).flatMap(t -> t.keys().stream()).toList();
    }
    private static final KeyPattern LOOPBACK_USER = KeyPattern.of("loopback_users.*");
    private static final KeyPattern AUTH_MECHANISM = KeyPattern.of("auth_mechanisms.*");

    private final String source;
    private final Path workingDir;
    private final WarrenConfig.Builder builder;
    private final List<String> warnings;
    private final List<String> problems = new ArrayList<>();

    private final Map<String, ListenAddress> tcpListeners = new LinkedHashMap<>();
    private ConfSetting tcpListenersNone;
    private final Map<String, ListenAddress> sslListeners = new LinkedHashMap<>();
    private ConfSetting sslListenersNone;
    private final TlsSettings sslOptions;
    private final TlsSettings managementTls;
    private final TlsSettings prometheusTls;
    private TlsProvider sslProvider = TlsProvider.AUTO;
    private boolean managementTcpSet;
    private boolean prometheusTcpSet;
    private ConfSetting definitions;
    private Parsed<Double> memoryRelative;
    private Parsed<Long> memoryAbsolute;
    private Parsed<Double> diskRelative;
    private Parsed<Long> diskAbsolute;
    /** Every default_permissions line, valid or not, and the patterns of the valid ones. */
    private final Map<String, ConfSetting> permissionLines = new LinkedHashMap<>();
    private final Map<String, String> permissionPatterns = new LinkedHashMap<>();
    private ConfSetting loopbackUsersNone;
    /** The management.headers.*, .csp and .hsts values set, by key; the rest keep Warren's defaults. */
    private final Map<String, String> managementHeaders = new LinkedHashMap<>();
    private Parsed<Long> authFailureDelay;
    private Parsed<Long> maxAuthFailureDelay;
    private final Map<String, Boolean> loopbackUsers = new LinkedHashMap<>();
    private final Map<String, AuthMechanism> authMechanisms = new LinkedHashMap<>();
    /** ssl_cert_login_san_type and _index, when the file sets them. */
    private SubjectAlternativeNames.Type sanType;
    private Integer sanIndex;

    private FileSettings(String source, Path workingDir, WarrenConfig.Builder builder, List<String> warnings) {
        this.source = source;
        this.workingDir = workingDir;
        this.builder = builder;
        this.warnings = warnings;
        this.sslOptions = new TlsSettings("ssl_options", false, workingDir);
        this.managementTls = new TlsSettings("management.ssl", true, workingDir);
        this.prometheusTls = new TlsSettings("prometheus.ssl", true, workingDir);
    }

    /**
     * Applies {@code settings} to {@code builder}, adding to {@code warnings} what was accepted but
     * deserves the operator's attention.
     *
     * @param source     names the file in messages
     * @param workingDir what relative paths in the file are relative to, as for RabbitMQ: the
     *                   directory the node was started in, not the file's own directory
     * @throws ConfigException listing every invalid line
     */
    static void apply(String source, List<ConfSetting> settings, Path workingDir,
                      WarrenConfig.Builder builder, List<String> warnings) {
        FileSettings file = new FileSettings(source, workingDir, builder, warnings);
        for (ConfSetting setting : file.lastOfEachKey(settings)) {
            file.applyOne(setting);
        }
        file.applyCombinedSettings();
        if (!file.problems.isEmpty()) {
            throw new ConfigException(file.problems);
        }
    }

    /** Cuttlefish keeps the last value of a key set twice; so does Warren, but it says so. */
    private List<ConfSetting> lastOfEachKey(List<ConfSetting> settings) {
        Map<List<String>, ConfSetting> last = new LinkedHashMap<>();
        for (ConfSetting setting : settings) {
            ConfSetting earlier = last.remove(setting.path());
            if (earlier != null) {
                warn(setting, "set again; this value replaces the one on line " + earlier.line());
            }
            last.put(setting.path(), setting);
        }
        return List.copyOf(last.values());
    }

    private void applyOne(ConfSetting setting) {
        try {
            managementTcpSet |= MANAGEMENT_TCP.matches(setting.path());
            prometheusTcpSet |= PROMETHEUS_TCP.matches(setting.path());
            if (sslOptions.apply(setting) || managementTls.apply(setting) || prometheusTls.apply(setting)) {
                return;
            }
            if (!applyWarrenSetting(setting)) {
                applyForeignSetting(setting);
            }
        } catch (InvalidValueException e) {
            problems.add(where(setting) + e.getMessage());
        }
    }

    /** False when the key is not one Warren acts on. */
    private boolean applyWarrenSetting(ConfSetting s) {
        String v = s.value();
        switch (s.key()) {
            case "listeners.tcp" -> tcpListenersNone = none(s, "disables the AMQP listeners; name a listener as "
                    + "listeners.tcp.<name> = <port> or <ip>:<port>");
            case "management.tcp.port" -> builder.managementPort(SettingValues.port(v));
            case "management.tcp.ip" -> builder.managementHost(SettingValues.ipLiteral(v));
            case "prometheus.tcp.port" -> builder.prometheusPort(SettingValues.port(v));
            case "prometheus.tcp.ip" -> builder.prometheusHost(SettingValues.ipLiteral(v));
            case "load_definitions", "definitions.local.path", "management.load_definitions" -> setDefinitions(s);
            case "vm_memory_high_watermark.relative" -> memoryRelative = new Parsed<>(s, SettingValues.decimal(v));
            case "vm_memory_high_watermark.absolute" -> memoryAbsolute = new Parsed<>(s, memoryAbsolute(v));
            case "disk_free_limit.absolute" -> diskAbsolute = new Parsed<>(s, ByteQuantities.parseInformationUnit(v));
            case "disk_free_limit.relative" -> diskRelative = new Parsed<>(s, SettingValues.decimal(v));
            case "default_user" -> builder.defaultUser(SettingValues.nonEmpty(v));
            case "default_pass" -> builder.defaultPass(v);
            case "default_vhost" -> builder.defaultVhost(SettingValues.nonEmpty(v));
            case "default_permissions.configure", "default_permissions.read", "default_permissions.write" -> {
                permissionLines.put(s.path().get(1), s);
                permissionPatterns.put(s.path().get(1), SettingValues.regex(v));
            }
            case "loopback_users" -> loopbackUsersNone = none(s, "makes no user loopback-only; restrict a user with "
                    + "loopback_users.<name> = true");
            case "heartbeat" -> builder.heartbeatSeconds((int) SettingValues.integer(v, 0, 65535));
            case "frame_max" -> builder.frameMax(frameMax(v));
            case "channel_max" -> builder.channelMax((int) SettingValues.integer(v, 0, 65535));
            case "max_message_size" -> builder.maxMessageSize(SettingValues.integer(v, 1, MAX_MESSAGE_SIZE_CEILING));
            case "cluster_name" -> builder.clusterName(SettingValues.nonEmpty(v));
            case "log.console.level" -> builder.logLevel(LogLevel.fromConfValue(v));
            case "warren.data_dir" -> builder.dataDir(workingDir.resolve(SettingValues.nonEmpty(v)));
            case "warren.segment_size" -> builder.segmentSize(segmentSize(v));
            case "warren.fsync" -> builder.fsyncPerBatch(fsync(v));
            case "handshake_timeout" -> builder.handshakeTimeoutMs(timeoutOrInfinity(v));
            case "consumer_timeout" -> builder.consumerTimeoutMs(consumerTimeout(v));
            case "listeners.ssl" -> sslListenersNone = none(s, "disables the AMQPS listeners; name a listener as "
                    + "listeners.ssl.<name> = <port> or <ip>:<port>");
            case "ssl_handshake_timeout" -> builder.sslHandshakeTimeoutMs(SettingValues.integer(v, 1, Integer.MAX_VALUE));
            case "tcp_listen_options.send_timeout" -> builder.sendTimeoutMs(timeoutOrInfinity(v));
            case "tcp_listen_options.send_timeout_close" -> sendTimeoutClose(s);
            case "ranch_connection_max" -> builder.maxSockets(
                    v.equals("infinity") ? Integer.MAX_VALUE : (int) SettingValues.integer(v, 1, Integer.MAX_VALUE));
            case "warren.topology_journal.access_damage" -> builder.startOnAccessDamage(accessDamage(v));
            case "ssl_cert_login_from" -> builder.certLoginFrom(certLoginFrom(v));
            case "management.http.max_body_size" -> builder.managementHttp(builder.managementHttp()
                    .withMaxBodySize((int) SettingValues.integer(v, 0, MAX_BODY_SIZE_CEILING)));
            case "management.tcp.request_timeout" -> builder.managementHttp(builder.managementHttp()
                    .withRequestTimeoutMs(SettingValues.integer(v, 0, Integer.MAX_VALUE)));
            case "management.tcp.idle_timeout" -> builder.managementHttp(builder.managementHttp()
                    .withIdleTimeoutMs(SettingValues.integer(v, 0, Integer.MAX_VALUE)));
            case "management.headers.content_type_options", "management.headers.xss_protection",
                 "management.headers.frame_options", "management.csp.policy", "management.hsts.policy" ->
                    managementHeaders.put(s.key(), headerValue(v));
            case "password_hashing_module" -> builder.passwordHashing(passwordHashing(v));
            case "warren.auth_failure_delay.initial" -> authFailureDelay = new Parsed<>(s,
                    SettingValues.integer(v, 0, MAX_AUTH_FAILURE_DELAY_MS));
            case "warren.auth_failure_delay.max" -> maxAuthFailureDelay = new Parsed<>(s,
                    SettingValues.integer(v, 0, MAX_AUTH_FAILURE_DELAY_MS));
            case "warren.auth_failure_delay.forget_after" -> builder.authFailureForgetAfterMs(
                    SettingValues.integer(v, 1, 86_400_000));
            case "warren.ssl_provider" -> sslProvider = sslProvider(v);
            case "ssl_cert_login_san_type" -> sanType = sanType(v);
            case "ssl_cert_login_san_index" -> sanIndex = (int) SettingValues.integer(v, 0, Integer.MAX_VALUE);
            default -> {
                if (TCP_LISTENER.matches(s.path())) {
                    tcpListeners.put(s.path().get(2), SettingValues.listenAddress(v));
                } else if (SSL_LISTENER.matches(s.path())) {
                    sslListeners.put(s.path().get(2), SettingValues.listenAddress(v));
                } else if (LOOPBACK_USER.matches(s.path())) {
                    loopbackUsers.put(s.path().get(1), SettingValues.bool(v));
                } else if (AUTH_MECHANISM.matches(s.path())) {
                    authMechanisms.put(s.path().get(1), authMechanism(v));
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    private void applyForeignSetting(ConfSetting s) {
        if (s.path().get(0).equals("warren")) {
            throw new InvalidValueException("not a Warren setting; Warren's own settings are "
                    + String.join(", ", KEYS.stream().filter(k -> k.startsWith("warren.")).toList()));
        }
        Optional<String> ignored = IgnoredRabbitMqSettings.reason(s.path());
        if (ignored.isPresent()) {
            warn(s, "ignored: configures " + ignored.get());
            return;
        }
        List<String> vocabulary = Stream.of(KEYS, tlsKeys(), List.of("listeners.tcp.default", "listeners.ssl.default",
                        "loopback_users.guest", "auth_mechanisms.1"),
                IgnoredRabbitMqSettings.exactKeys()).flatMap(List::stream).toList();
        List<String> suggestions = KeySuggestions.closeTo(s.key(), vocabulary);
        throw new InvalidValueException("unknown setting (RabbitMQ would refuse it too)"
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?"));
    }

    private void applyCombinedSettings() {
        applyTcpListeners();
        applyTls();
        applyMemoryHighWatermark();
        applyDiskFreeLimit();
        applyDefaultPermissions();
        applyLoopbackUsers();
        applyAuthMechanisms();
        applyManagementHeaders();
        applyAuthFailureDelays();
        if (sanType != null || sanIndex != null) {
            builder.certLoginSan(sanType == null ? SubjectAlternativeNames.Type.DNS : sanType,
                    sanIndex == null ? 0 : sanIndex);
        }
    }

    /**
     * The {@code auth_mechanisms.<name>} lines in the order of their names (1, 2, ... as numbers),
     * which is the order connection.start offers them in; a mechanism named twice counts once.
     */
    private void applyAuthMechanisms() {
        if (authMechanisms.isEmpty()) {
            return;
        }
        List<Map.Entry<String, AuthMechanism>> lines = new ArrayList<>(authMechanisms.entrySet());
        lines.sort(java.util.Comparator.comparing((Map.Entry<String, AuthMechanism> e) -> !e.getKey().matches("[0-9]{1,9}"))
                .thenComparing(e -> e.getKey().matches("[0-9]{1,9}") ? Integer.parseInt(e.getKey()) : 0)
                .thenComparing(Map.Entry::getKey));
        builder.authMechanisms(lines.stream().map(Map.Entry::getValue).distinct().toList());
    }

    private static AuthMechanism authMechanism(String v) {
        AuthMechanism m = AuthMechanism.named(v);
        if (m == null) {
            throw new InvalidValueException("must be PLAIN, AMQPLAIN or EXTERNAL (the mechanisms Warren has), was " + v);
        }
        return m;
    }

    private static CertLoginFrom certLoginFrom(String v) {
        CertLoginFrom f = CertLoginFrom.named(v);
        if (f == null) {
            throw new InvalidValueException("must be distinguished_name, common_name or subject_alternative_name "
                    + "(subject_alt_name), was " + v);
        }
        return f;
    }

    private void applyManagementHeaders() {
        if (managementHeaders.isEmpty()) {
            return;
        }
        SecurityHeaders d = builder.managementHttp().securityHeaders();
        builder.managementHttp(builder.managementHttp().withSecurityHeaders(new SecurityHeaders(
                managementHeaders.getOrDefault("management.headers.content_type_options", d.contentTypeOptions()),
                managementHeaders.getOrDefault("management.headers.frame_options", d.frameOptions()),
                managementHeaders.getOrDefault("management.headers.xss_protection", d.xssProtection()),
                managementHeaders.getOrDefault("management.csp.policy", d.contentSecurityPolicy()),
                managementHeaders.getOrDefault("management.hsts.policy", d.strictTransportSecurity()))));
    }

    /** Sent as is on every response, so only what an HTTP header value may hold: visible ASCII, spaces and tabs. */
    private static String headerValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                throw new InvalidValueException("an HTTP header value may hold only visible ASCII characters, spaces and tabs");
            }
        }
        return SettingValues.nonEmpty(v);
    }

    private void applyAuthFailureDelays() {
        long initial = authFailureDelay == null ? PasswordSettings.DEFAULT_FAILURE_DELAY_MS : authFailureDelay.value();
        long max = maxAuthFailureDelay == null ? PasswordSettings.DEFAULT_MAX_FAILURE_DELAY_MS : maxAuthFailureDelay.value();
        if (max < initial) {
            ConfSetting culprit = maxAuthFailureDelay != null ? maxAuthFailureDelay.setting() : authFailureDelay.setting();
            problems.add(where(culprit) + "warren.auth_failure_delay.max (" + max
                    + ") must not be below warren.auth_failure_delay.initial (" + initial + ")");
            return;
        }
        builder.authFailureDelayMs(initial).maxAuthFailureDelayMs(max);
    }

    private static SubjectAlternativeNames.Type sanType(String v) {
        SubjectAlternativeNames.Type t = SubjectAlternativeNames.Type.named(v);
        if (t == null) {
            throw new InvalidValueException("must be dns, ip, email, uri or other_name, was " + v);
        }
        return t;
    }

    private void applyTcpListeners() {
        if (tcpListenersNone != null) {
            if (!tcpListeners.isEmpty()) {
                warn(tcpListenersNone, "disables the listeners.tcp.<name> lines too (" + tcpListeners.keySet() + ")");
            }
            builder.amqpListeners(List.of());
        } else if (!tcpListeners.isEmpty()) {
            builder.amqpListeners(List.copyOf(tcpListeners.values()));
        }
    }

    /**
     * AMQPS listeners with {@code ssl_options}; the management API and Prometheus get an HTTPS
     * listener when any of their {@code *.ssl.*} keys is set, and, as in RabbitMQ, then keep their
     * plain HTTP listener only when a {@code *.tcp.*} key is set too.
     */
    private void applyTls() {
        if (sslListenersNone != null) {
            if (!sslListeners.isEmpty()) {
                warn(sslListenersNone, "disables the listeners.ssl.<name> lines too (" + sslListeners.keySet() + ")");
            }
            builder.amqpsListeners(List.of());
        } else if (!sslListeners.isEmpty()) {
            builder.amqpsListeners(List.copyOf(sslListeners.values()));
        } else if (sslOptions.configured()) {
            warnings.add(source + ": ssl_options are set but no listeners.ssl.<name> is; there is no AMQPS listener "
                    + "unless WARREN_AMQPS_PORT asks for one");
        }
        if (!sslListeners.isEmpty() || sslOptions.configured()) {
            builder.sslOptions(sslOptions.options().withProvider(sslProvider));
        }
        if (managementTls.configured()) {
            builder.managementTls(managementTls.port() == null ? MANAGEMENT_TLS_PORT : managementTls.port(),
                    managementTls.options().withProvider(sslProvider)).managementTlsHost(managementTls.ip());
            if (!managementTcpSet) {
                builder.managementPort(-1);
            }
        }
        if (prometheusTls.configured()) {
            builder.prometheusTls(prometheusTls.port() == null ? PROMETHEUS_TLS_PORT : prometheusTls.port(),
                    prometheusTls.options().withProvider(sslProvider)).prometheusTlsHost(prometheusTls.ip());
            if (!prometheusTcpSet) {
                builder.prometheusPort(-1);
            }
        }
    }

    private void applyMemoryHighWatermark() {
        if (memoryAbsolute != null) {
            if (memoryRelative != null) {
                warn(memoryAbsolute.setting(), "takes precedence over vm_memory_high_watermark.relative on line "
                        + memoryRelative.setting().line());
            }
            builder.memoryHighWatermarkAbsolute(memoryAbsolute.value());
        } else if (memoryRelative != null) {
            double relative = memoryRelative.value();
            if (relative > 1.0) {
                // RabbitMQ's vm_memory_monitor caps the fraction at 1.0 rather than refusing to boot.
                warn(memoryRelative.setting(), "is above 1.0, the allowed maximum; using 1.0");
                relative = 1.0;
            }
            builder.memoryHighWatermarkRelative(relative);
        }
    }

    private void applyDiskFreeLimit() {
        if (diskAbsolute != null) {
            if (diskRelative != null) {
                warn(diskAbsolute.setting(), "takes precedence over disk_free_limit.relative on line "
                        + diskRelative.setting().line());
            }
            builder.diskFreeLimitBytes(diskAbsolute.value());
        } else if (diskRelative != null) {
            double relative = diskRelative.value();
            if (relative == 0) {
                builder.diskFreeLimitBytes(0);
            } else {
                builder.diskFreeLimitRelative(relative);
            }
        }
    }

    /** RabbitMQ fails to boot on a partial set (its translation needs all three), so Warren refuses one too. */
    private void applyDefaultPermissions() {
        if (permissionLines.isEmpty()) {
            return;
        }
        List<String> missing = Stream.of("configure", "write", "read").filter(p -> !permissionLines.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            ConfSetting first = permissionLines.values().iterator().next();
            problems.add(where(first) + "default_permissions.configure, .write and .read must be set together; missing "
                    + String.join(", ", missing));
        } else if (permissionPatterns.size() == 3) {
            builder.defaultPermissions(new DefaultPermissions(permissionPatterns.get("configure"),
                    permissionPatterns.get("write"), permissionPatterns.get("read")));
        }
    }

    /**
     * As RabbitMQ's translation: any {@code loopback_users.<name>} line replaces the default list
     * ({@code guest}) with the names set to true, and {@code loopback_users = none} empties it.
     */
    private void applyLoopbackUsers() {
        if (loopbackUsersNone != null) {
            if (!loopbackUsers.isEmpty()) {
                warn(loopbackUsersNone, "disables the loopback_users.<name> lines too (" + loopbackUsers.keySet() + ")");
            }
            builder.loopbackUsers(Set.of());
        } else if (!loopbackUsers.isEmpty()) {
            Set<String> restricted = new LinkedHashSet<>();
            loopbackUsers.forEach((user, loopbackOnly) -> {
                if (loopbackOnly) {
                    restricted.add(user);
                }
            });
            builder.loopbackUsers(restricted);
        }
    }

    private void setDefinitions(ConfSetting s) {
        if (definitions != null) {
            warn(s, "replaces " + definitions.key() + " on line " + definitions.line()
                    + " (both name the definitions to load at boot)");
        }
        builder.definitionsFile(SettingValues.readablePath(workingDir, s.value()));
        definitions = s;
    }

    private static int frameMax(String value) {
        long bytes = ByteQuantities.parseBytesize(value);
        if (bytes < MIN_FRAME_MAX || bytes > Integer.MAX_VALUE) {
            throw new InvalidValueException(value + " is out of range; use " + MIN_FRAME_MAX + " (RabbitMQ's minimum) to "
                    + Integer.MAX_VALUE + " bytes");
        }
        return (int) bytes;
    }

    /** 0 is refused because in {@link WarrenConfig} it means "no absolute limit". */
    private static long memoryAbsolute(String value) {
        long bytes = ByteQuantities.parseInformationUnit(value);
        if (bytes == 0) {
            throw new InvalidValueException("0 is not a usable limit; to block every publisher, "
                    + "set vm_memory_high_watermark.relative = 0");
        }
        return bytes;
    }

    private static ConfSetting none(ConfSetting s, String meaning) {
        if (!s.value().equals("none")) {
            throw new InvalidValueException("only 'none' is accepted here, which " + meaning);
        }
        return s;
    }

    private void warn(ConfSetting s, String message) {
        warnings.add(where(s) + message);
    }

    private String where(ConfSetting s) {
        return source + ":" + s.line() + ": " + s.key() + ": ";
    }

    /** A value parsed early, so a bad one is reported on its own line, kept with that line for later rules. */
    private record Parsed<T>(ConfSetting setting, T value) {}
}
