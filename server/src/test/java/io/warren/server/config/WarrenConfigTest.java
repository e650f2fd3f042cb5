package io.warren.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WarrenConfigTest {

    @Test
    void amqpHostAndPortEditTheFirstListener() {
        WarrenConfig config = WarrenConfig.builder().amqpPort(0).amqpHost("127.0.0.1").build();

        assertEquals(List.of(new ListenAddress("127.0.0.1", 0)), config.amqpListeners());
        assertEquals("127.0.0.1", config.amqpHost());
        assertEquals(0, config.amqpPort());
    }

    @Test
    void amqpPortRecreatesAListenerAfterAllWereRemoved() {
        WarrenConfig config = WarrenConfig.builder().amqpListeners(List.of()).amqpPort(5673).build();

        assertEquals(List.of(ListenAddress.anyInterface(5673)), config.amqpListeners());
    }

    @Test
    void toBuilderCopiesEveryField() {
        WarrenConfig original = WarrenConfig.builder()
                .amqpListeners(List.of(new ListenAddress("::1", 1), ListenAddress.anyInterface(2)))
                .managementHost("127.0.0.1").managementPort(3).prometheusHost("::1").prometheusPort(4)
                .dataDir(Path.of("d")).definitionsFile(Path.of("defs.json"))
                .maxMessageSize(5).frameMax(8192).channelMax(6).heartbeatSeconds(7)
                .defaultUser("u").defaultPass("p").defaultVhost("v")
                .defaultPermissions(new DefaultPermissions("c", "w", "r"))
                .loopbackUsers(Set.of("a", "b"))
                .memoryHighWatermarkRelative(0.5).memoryHighWatermarkAbsolute(9)
                .diskFreeLimitBytes(10).diskFreeLimitRelative(1.5)
                .clusterName("c1").logLevel(LogLevel.DEBUG).configFile(Path.of("w.conf"))
                .warnings(List.of("w1"))
                .build();

        WarrenConfig copy = original.toBuilder().build();

        assertEquals(original.amqpListeners(), copy.amqpListeners());
        assertEquals("127.0.0.1", copy.managementHost());
        assertEquals(3, copy.managementPort());
        assertEquals("::1", copy.prometheusHost());
        assertEquals(4, copy.prometheusPort());
        assertEquals(Path.of("d"), copy.dataDir());
        assertEquals(Path.of("defs.json"), copy.definitionsFile());
        assertEquals(5, copy.maxMessageSize());
        assertEquals(8192, copy.frameMax());
        assertEquals(6, copy.channelMax());
        assertEquals(7, copy.heartbeatSeconds());
        assertEquals("u", copy.defaultUser());
        assertEquals("p", copy.defaultPass());
        assertEquals("v", copy.defaultVhost());
        assertEquals(new DefaultPermissions("c", "w", "r"), copy.defaultPermissions());
        assertEquals(Set.of("a", "b"), copy.loopbackUsers());
        assertEquals(0.5, copy.memoryHighWatermarkRelative());
        assertEquals(9, copy.memoryHighWatermarkAbsolute());
        assertEquals(10, copy.diskFreeLimitBytes());
        assertEquals(1.5, copy.diskFreeLimitRelative());
        assertEquals("c1", copy.clusterName());
        assertEquals(LogLevel.DEBUG, copy.logLevel());
        assertEquals(Path.of("w.conf"), copy.configFile());
        assertEquals(List.of("w1"), copy.warnings());
    }

    @Test
    void theBuiltConfigDoesNotChangeWhenItsBuilderDoes() {
        WarrenConfig.Builder builder = WarrenConfig.builder();
        WarrenConfig config = builder.build();

        builder.amqpPort(1).guestLoopbackOnly(false).warnings(List.of("later"));

        assertEquals(5672, config.amqpPort());
        assertTrue(config.guestLoopbackOnly());
        assertEquals(List.of(), config.warnings());
        assertThrows(UnsupportedOperationException.class, () -> config.loopbackUsers().add("x"));
    }

    @Test
    void guestLoopbackOnlyAddsOrRemovesGuestAndKeepsOtherUsers() {
        WarrenConfig config = WarrenConfig.builder().loopbackUsers(Set.of("guest", "ops")).guestLoopbackOnly(false).build();

        assertFalse(config.guestLoopbackOnly());
        assertEquals(Set.of("ops"), config.loopbackUsers());
        assertTrue(config.toBuilder().guestLoopbackOnly(true).build().guestLoopbackOnly());
    }

    @Test
    void anAbsoluteMemoryWatermarkIsCappedAtTotalMemory() {
        WarrenConfig config = WarrenConfig.builder().memoryHighWatermarkAbsolute(4_000).build();

        assertEquals(4_000, config.resolveMemoryHighWatermark(10_000));
        assertEquals(3_000, config.resolveMemoryHighWatermark(3_000));
    }

    @Test
    void theRelativeMemoryWatermarkIsAFractionOfTotalMemory() {
        assertEquals(4_000, WarrenConfig.builder().build().resolveMemoryHighWatermark(10_000));
    }

    @Test
    void diskFreeLimitIsBytesUnlessARelativeLimitIsSet() {
        assertEquals(50_000_000, WarrenConfig.builder().build().resolveDiskFreeLimit(1L << 34));
        assertEquals(15_000, WarrenConfig.builder().diskFreeLimitRelative(1.5).build().resolveDiskFreeLimit(10_000));
    }

    @Test
    void listenAddressesPrintAsTheyWouldBeConfigured() {
        assertEquals("127.0.0.1:5672", new ListenAddress("127.0.0.1", 5672).toString());
        assertEquals("[::1]:5672", new ListenAddress("::1", 5672).toString());
        assertEquals("*:5672", ListenAddress.anyInterface(5672).toString());
        assertThrows(IllegalArgumentException.class, () -> new ListenAddress(null, 65536));
    }

    @Test
    void shortHostNamesDropTheDomainButKeepAddresses() {
        assertEquals("node1", LocalHost.shorten("node1.example.com"));
        assertEquals("node1", LocalHost.shorten("node1"));
        assertEquals("10.0.0.5", LocalHost.shorten("10.0.0.5"));
        assertEquals("localhost", LocalHost.shorten(""));
    }
}
