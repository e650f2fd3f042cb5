package io.warren.server.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link WarrenConfig} from a configuration file in RabbitMQ's rabbitmq.conf format and the
 * {@code WARREN_*} environment variables, which win over the file. Keys shared with RabbitMQ mean
 * what they mean there; Warren's own keys start with {@code warren.}. Keys of RabbitMQ features
 * Warren lacks are accepted and reported in {@link WarrenConfig#warnings()}; any other key, a bad
 * value or a malformed line fails the load with a {@link ConfigException} naming file, line and key.
 * See server/CONFIGURATION.md for the keys. Stateless: any thread may call it, normally {@code main}
 * once at startup.
 */
public final class ConfigLoader {
    /** The file read from the working directory when {@code WARREN_CONFIG} is not set. */
    public static final String DEFAULT_FILE = "warren.conf";

    private static final String INLINE_SOURCE = "<config>";

    private ConfigLoader() {}

    /**
     * Reads the file named by {@code WARREN_CONFIG} (an error if it does not exist), else
     * {@code ./warren.conf} if there is one, else uses the defaults; then applies the environment.
     *
     * @param env the process environment, normally {@code System.getenv()}
     * @throws ConfigException if the file is missing, unreadable or invalid, or a variable is invalid
     */
    public static WarrenConfig load(Map<String, String> env) {
        return load(env, Path.of(""));
    }

    /**
     * Parses configuration text as if it were the file, then applies {@code env}. Relative paths
     * are relative to the working directory; messages call the text {@code <config>}.
     */
    public static WarrenConfig parse(String fileText, Map<String, String> env) {
        return fromText(INLINE_SOURCE, fileText, null, env, Path.of(""));
    }

    /**
     * Applies settings in rabbitmq.conf syntax on top of {@code builder}, for embedded use: a key
     * the text names takes its value from the text, every other keeps the builder's. No
     * environment variable is read. Relative paths are relative to the working directory;
     * messages call the text {@code <config>}.
     *
     * @return what was accepted but deserves attention (RabbitMQ keys Warren does not act on, a key
     *         set twice), as {@link WarrenConfig#warnings()} would list them
     * @throws ConfigException listing every invalid line
     */
    public static List<String> apply(String fileText, WarrenConfig.Builder builder) {
        List<String> warnings = new ArrayList<>();
        FileSettings.apply(INLINE_SOURCE, ConfFileParser.parse(INLINE_SOURCE, fileText), Path.of(""), builder, warnings);
        return List.copyOf(warnings);
    }

    /** {@link #load(Map)} with the working directory made explicit, so tests need not change it. */
    static WarrenConfig load(Map<String, String> env, Path workingDir) {
        String named = EnvironmentOverrides.get(env, EnvironmentOverrides.CONFIG);
        Path file;
        if (named != null) {
            file = workingDir.resolve(named);
            if (!Files.exists(file)) {
                throw new ConfigException("environment variable " + EnvironmentOverrides.CONFIG + " names " + named
                        + ", which does not exist");
            }
        } else {
            file = workingDir.resolve(DEFAULT_FILE);
            if (!Files.exists(file)) {
                return EnvironmentOverrides.apply(WarrenConfig.builder().build(), env, workingDir);
            }
        }
        String source = named != null ? named : DEFAULT_FILE;
        return fromText(source, read(source, file), file, env, workingDir);
    }

    private static WarrenConfig fromText(String source, String text, Path file, Map<String, String> env, Path workingDir) {
        List<ConfSetting> settings = ConfFileParser.parse(source, text);
        WarrenConfig.Builder builder = WarrenConfig.builder().configFile(file);
        List<String> warnings = new ArrayList<>();
        FileSettings.apply(source, settings, workingDir, builder, warnings);
        return EnvironmentOverrides.apply(builder.warnings(warnings).build(), env, workingDir);
    }

    private static String read(String source, Path file) {
        try {
            return Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new ConfigException(source + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot be read (" + e + ")");
        }
    }
}
