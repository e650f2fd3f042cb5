package io.warren.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies the {@code WARREN_*} environment variables, which override the configuration file (the
 * usual way to adjust a container image without rewriting its file). A variable set to an empty
 * string counts as unset, as shells and compose files often leave them that way. Not thread-safe;
 * used once per load.
 */
final class EnvironmentOverrides {
    static final String CONFIG = "WARREN_CONFIG";
    static final String AMQP_PORT = "WARREN_AMQP_PORT";
    static final String AMQPS_PORT = "WARREN_AMQPS_PORT";
    static final String MANAGEMENT_PORT = "WARREN_MANAGEMENT_PORT";
    static final String PROMETHEUS_PORT = "WARREN_PROMETHEUS_PORT";
    static final String DATA_DIR = "WARREN_DATA_DIR";
    static final String DEFINITIONS = "WARREN_DEFINITIONS";

    private static final List<String> KNOWN = List.of(CONFIG, AMQP_PORT, AMQPS_PORT, MANAGEMENT_PORT, PROMETHEUS_PORT, DATA_DIR, DEFINITIONS);

    private EnvironmentOverrides() {}

    /** The value of {@code name}, or null when it is unset or empty. */
    static String get(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Returns {@code fromFile} with the environment's overrides applied and its warnings added.
     *
     * @throws ConfigException naming every variable whose value is invalid
     */
    static WarrenConfig apply(WarrenConfig fromFile, Map<String, String> env, Path workingDir) {
        WarrenConfig.Builder builder = fromFile.toBuilder();
        List<String> warnings = new ArrayList<>(fromFile.warnings());
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            String value = get(env, name);
            if (value == null || !name.startsWith("WARREN_")) {
                continue;
            }
            try {
                applyOne(name, value, fromFile, builder, workingDir, warnings);
            } catch (InvalidValueException e) {
                problems.add("environment variable " + name + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return builder.warnings(warnings).build();
    }

    private static void applyOne(String name, String value, WarrenConfig fromFile, WarrenConfig.Builder builder,
                                 Path workingDir, List<String> warnings) {
        switch (name) {
            case CONFIG -> {
                // Already used by ConfigLoader to pick the file these settings came from.
            }
            case AMQP_PORT -> builder.amqpListeners(withPort(fromFile.amqpListeners(), SettingValues.port(value)));
            case AMQPS_PORT -> builder.amqpsListeners(withPort(fromFile.amqpsListeners(), SettingValues.port(value)));
            case MANAGEMENT_PORT -> builder.managementPort(SettingValues.port(value));
            case PROMETHEUS_PORT -> builder.prometheusPort(SettingValues.port(value));
            case DATA_DIR -> builder.dataDir(workingDir.resolve(value));
            case DEFINITIONS -> builder.definitionsFile(SettingValues.readablePath(workingDir, value));
            default -> warnings.add("environment variable " + name + ": ignored, Warren reads only "
                    + String.join(", ", KNOWN));
        }
    }

    /**
     * The file's AMQP (or AMQPS) listeners moved to {@code port}, keeping their interfaces; a node
     * whose file has none gets one listener on every interface, since the variable asks for one.
     */
    private static List<ListenAddress> withPort(List<ListenAddress> listeners, int port) {
        if (listeners.isEmpty()) {
            return List.of(ListenAddress.anyInterface(port));
        }
        return listeners.stream().map(l -> l.withPort(port)).toList();
    }
}
