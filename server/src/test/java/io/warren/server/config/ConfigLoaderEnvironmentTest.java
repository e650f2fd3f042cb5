package io.warren.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environment variables over the file, and which file {@link ConfigLoader#load} reads. */
class ConfigLoaderEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void environmentVariablesOverrideTheFile() throws IOException {
        Path definitions = Files.writeString(dir.resolve("defs.json"), "{}");
        WarrenConfig config = ConfigLoader.parse("""
                listeners.tcp.default = 5672
                management.tcp.port = 15672
                prometheus.tcp.port = 15692
                warren.data_dir = /from/file
                load_definitions = /dev/null
                """, Map.of(
                "WARREN_AMQP_PORT", "6000",
                "WARREN_MANAGEMENT_PORT", "6001",
                "WARREN_PROMETHEUS_PORT", "6002",
                "WARREN_DATA_DIR", "/from/env",
                "WARREN_DEFINITIONS", definitions.toString()));

        assertEquals(List.of(ListenAddress.anyInterface(6000)), config.amqpListeners());
        assertEquals(6001, config.managementPort());
        assertEquals(6002, config.prometheusPort());
        assertEquals(Path.of("/from/env"), config.dataDir());
        assertEquals(definitions, config.definitionsFile());
    }

    @Test
    void theAmqpPortVariableMovesEveryListenerAndKeepsItsInterface() {
        WarrenConfig config = ConfigLoader.parse("""
                listeners.tcp.local    = 127.0.0.1:5672
                listeners.tcp.local_v6 = ::1:5672
                """, Map.of("WARREN_AMQP_PORT", "0"));

        assertEquals(List.of(new ListenAddress("127.0.0.1", 0), new ListenAddress("::1", 0)), config.amqpListeners());
    }

    @Test
    void theAmqpPortVariableOpensAListenerTheFileDisabled() {
        WarrenConfig config = ConfigLoader.parse("listeners.tcp = none", Map.of("WARREN_AMQP_PORT", "5673"));

        assertEquals(List.of(ListenAddress.anyInterface(5673)), config.amqpListeners());
    }

    @Test
    void emptyVariablesCountAsUnset() {
        WarrenConfig config = ConfigLoader.parse("management.tcp.port = 15673",
                Map.of("WARREN_MANAGEMENT_PORT", "", "WARREN_AMQP_PORT", "  "));

        assertEquals(15673, config.managementPort());
        assertEquals(5672, config.amqpPort());
    }

    @Test
    void invalidVariablesAreAllNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("",
                Map.of("WARREN_AMQP_PORT", "70000", "WARREN_DEFINITIONS", "/no/such/defs.json")));

        assertEquals(List.of(
                "environment variable WARREN_AMQP_PORT: '70000' is not a port (0-65535)",
                "environment variable WARREN_DEFINITIONS: '/no/such/defs.json' does not exist or cannot be read"),
                e.problems());
    }

    @Test
    void anUnknownWarrenVariableIsReportedAndOthersAreNot() {
        WarrenConfig config = ConfigLoader.parse("", Map.of("WARREN_AMQPPORT", "5673", "PATH", "/usr/bin"));

        assertEquals(List.of("environment variable WARREN_AMQPPORT: ignored, Warren reads only WARREN_CONFIG, "
                + "WARREN_AMQP_PORT, WARREN_AMQPS_PORT, WARREN_MANAGEMENT_PORT, WARREN_PROMETHEUS_PORT, WARREN_DATA_DIR, WARREN_DEFINITIONS"),
                config.warnings());
        assertEquals(5672, config.amqpPort());
    }

    @Test
    void withNoFileTheDefaultsAndEnvironmentApply() {
        WarrenConfig config = ConfigLoader.load(Map.of("WARREN_AMQP_PORT", "5680"), dir);

        assertEquals(5680, config.amqpPort());
        assertEquals(15672, config.managementPort());
        assertNull(config.configFile());
    }

    @Test
    void warrenConfInTheWorkingDirectoryIsRead() throws IOException {
        Path file = Files.writeString(dir.resolve("warren.conf"), "heartbeat = 15\n");

        WarrenConfig config = ConfigLoader.load(Map.of(), dir);

        assertEquals(15, config.heartbeatSeconds());
        assertEquals(file, config.configFile());
    }

    @Test
    void warrenConfigNamesTheFileInsteadOfWarrenConf() throws IOException {
        Files.writeString(dir.resolve("warren.conf"), "heartbeat = 15\n");
        Path named = Files.writeString(dir.resolve("other.conf"), "heartbeat = 25\n");

        WarrenConfig config = ConfigLoader.load(Map.of("WARREN_CONFIG", named.toString()), dir);

        assertEquals(25, config.heartbeatSeconds());
        assertEquals(named, config.configFile());
    }

    @Test
    void aRelativeWarrenConfigIsResolvedAgainstTheWorkingDirectory() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/w.conf"), "heartbeat = 35\n");

        assertEquals(35, ConfigLoader.load(Map.of("WARREN_CONFIG", "etc/w.conf"), dir).heartbeatSeconds());
    }

    @Test
    void aMissingWarrenConfigFileIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Map.of("WARREN_CONFIG", "missing.conf"), dir));

        assertEquals("environment variable WARREN_CONFIG names missing.conf, which does not exist", e.getMessage());
    }

    @Test
    void messagesNameTheFileAsItWasGiven() throws IOException {
        Files.writeString(dir.resolve("warren.conf"), "# header\nframe_max = 1\n");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), dir));

        assertTrue(e.getMessage().startsWith("warren.conf:2: frame_max: "), e.getMessage());
    }

    @Test
    void relativePathsInTheFileAreRelativeToTheWorkingDirectory() throws IOException {
        Files.writeString(dir.resolve("defs.json"), "{}");
        Files.writeString(dir.resolve("warren.conf"), "load_definitions = defs.json\nwarren.data_dir = data2\n");

        WarrenConfig config = ConfigLoader.load(Map.of(), dir);

        assertEquals(dir.resolve("defs.json"), config.definitionsFile());
        assertEquals(dir.resolve("data2"), config.dataDir());
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Files.write(dir.resolve("warren.conf"), new byte[] {'a', ' ', '=', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), dir));

        assertEquals("warren.conf: not UTF-8 text", e.getMessage());
    }

    @Test
    void fileWarningsAndEnvironmentWarningsAreBothKept() throws IOException {
        Files.writeString(dir.resolve("warren.conf"), "num_acceptors.tcp = 10\n");

        WarrenConfig config = ConfigLoader.load(Map.of("WARREN_TYPO", "1"), dir);

        assertEquals(2, config.warnings().size(), config.warnings()::toString);
        assertTrue(config.warnings().get(0).startsWith("warren.conf:1: num_acceptors.tcp: ignored"));
        assertTrue(config.warnings().get(1).startsWith("environment variable WARREN_TYPO: ignored"));
    }
}
