package io.warren.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ConfigLoader#apply}: rabbitmq.conf lines on top of an embedded builder's values. */
class ConfigLoaderApplyTest {
    @Test
    void keysTheTextNamesWinAndTheOthersKeepTheBuildersValues() {
        WarrenConfig.Builder builder = WarrenConfig.builder().amqpPort(0).managementPort(0).dataDir(Path.of("/tmp/x"));

        List<String> warnings = ConfigLoader.apply("max_message_size = 1000\ndefault_user = admin\n", builder);
        WarrenConfig config = builder.build();

        assertEquals(List.of(), warnings);
        assertEquals(1000, config.maxMessageSize());
        assertEquals("admin", config.defaultUser());
        assertEquals(0, config.amqpPort());
        assertEquals(0, config.managementPort());
        assertEquals(Path.of("/tmp/x"), config.dataDir());
        assertEquals(15692, config.prometheusPort());
    }

    @Test
    void aKeySetTwiceIsAWarningAndABadValueNamesTheKey() {
        List<String> warnings = ConfigLoader.apply("heartbeat = 5\nheartbeat = 7\n", WarrenConfig.builder());
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("heartbeat"), warnings::toString);

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.apply("max_message_size = lots\n", WarrenConfig.builder()));
        assertTrue(e.getMessage().contains("max_message_size"), e::getMessage);
    }
}
