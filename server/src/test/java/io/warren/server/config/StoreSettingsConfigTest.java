package io.warren.server.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreSettingsConfigTest {
    @Test
    void defaultsAreEightMebibyteSegmentsAndAnFsyncPerBatch() {
        WarrenConfig c = ConfigLoader.parse("", Map.of());
        assertEquals(8 * 1024 * 1024, c.segmentSize());
        assertTrue(c.fsyncPerBatch());
    }

    @Test
    void segmentSizeTakesUnitsAndFsyncTakesItsTwoPolicies() {
        WarrenConfig c = ConfigLoader.parse("warren.segment_size = 64MiB\nwarren.fsync = none\n", Map.of());
        assertEquals(64 * 1024 * 1024, c.segmentSize());
        assertFalse(c.fsyncPerBatch());
        assertTrue(ConfigLoader.parse("warren.fsync = per_batch", Map.of()).fsyncPerBatch());
    }

    @Test
    void topologyJournalAccessDamageRefusesByDefaultAndCanBeToldToStart() {
        assertFalse(ConfigLoader.parse("", Map.of()).startOnAccessDamage());
        assertTrue(ConfigLoader.parse("warren.topology_journal.access_damage = start", Map.of()).startOnAccessDamage());
        assertFalse(ConfigLoader.parse("warren.topology_journal.access_damage = refuse", Map.of()).startOnAccessDamage());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("warren.topology_journal.access_damage = maybe", Map.of()));
        assertTrue(bad.getMessage().contains("refuse or start"), bad.getMessage());
    }

    @Test
    void outOfRangeOrUnknownValuesAreRefusedNamingTheLineAndKey() {
        ConfigException small = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("warren.segment_size = 1KiB", Map.of()));
        assertTrue(small.getMessage().contains("warren.segment_size"), small.getMessage());
        ConfigException policy = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("\nwarren.fsync = always", Map.of()));
        assertTrue(policy.getMessage().contains(":2") && policy.getMessage().contains("per_batch or none"),
                policy.getMessage());
    }
}
