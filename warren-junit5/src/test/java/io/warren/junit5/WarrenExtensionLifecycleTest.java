package io.warren.junit5;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * When the extension starts and stops brokers. Each case runs a small test class (a fixture
 * below, which surefire does not run by itself) through the JUnit launcher, and then checks
 * what the fixture's tests saw and what is left once JUnit has finished with it: every broker
 * stopped (its AMQP port refuses connections) and every data directory gone.
 */
class WarrenExtensionLifecycleTest {
    /** What one fixture test saw; filled while a fixture runs, read after. */
    record Seen(String test, EmbeddedWarren warren, int amqpPort, int managementPort, Path dataDir,
                boolean queueFromEarlierTest) {}

    static final List<Seen> SEEN = new ArrayList<>();

    private static final String FIXTURES = "io.warren.junit5.fixtures";

    /** Keeps the fixtures from running on their own (surefire runs nested classes that -Dtest names). */
    static final class OnlyAsFixture implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(FIXTURES).isPresent()
                    ? ConditionEvaluationResult.enabled("run by WarrenExtensionLifecycleTest")
                    : ConditionEvaluationResult.disabled("a fixture of WarrenExtensionLifecycleTest");
        }
    }

    /** Declares a queue each test: one that already exists came from an earlier test on the same broker. */
    static void record(String test, EmbeddedWarren warren) throws Exception {
        assertTrue(Files.isDirectory(warren.dataDir()), "data directory " + warren.dataDir());
        boolean earlier = warren.queue("left.behind").exists();
        try (Connection c = warren.connectionFactory().newConnection()) {
            c.createChannel().queueDeclare("left.behind", true, false, false, null);
        }
        SEEN.add(new Seen(test, warren, warren.amqpPort(), warren.server().managementPort(), warren.dataDir(), earlier));
    }

    private static TestExecutionSummary run(Class<?> fixture) {
        SEEN.clear();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
                .configurationParameter(FIXTURES, "true").build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private static void assertAllPassed(TestExecutionSummary summary, long tests) {
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 20);
        assertEquals(0, summary.getTotalFailureCount(), failures::toString);
        assertEquals(tests, summary.getTestsSucceededCount(), failures::toString);
    }

    /** After the fixture: nothing listens on the ports any more and the directories are gone. */
    private static void assertAllStoppedAndDeleted() {
        for (Seen s : SEEN) {
            assertFalse(Files.exists(s.dataDir()), s.test() + ": data directory left behind: " + s.dataDir());
            assertRefused(s.amqpPort(), s.test());
            assertRefused(s.managementPort(), s.test());
            assertThrows(IllegalStateException.class, s.warren()::amqpUri, "a stopped broker still answers");
        }
    }

    private static void assertRefused(int port, String test) {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(EmbeddedWarren.HOST, port), 2000);
            }
        }, test + ": port " + port + " still accepts connections");
    }

    @Test
    void extendWithStartsOneBrokerForTheClassAndItsNestedClassesAndStopsItAfterwards() {
        assertAllPassed(run(PerClassFixture.class), 3);

        assertEquals(3, SEEN.size());
        assertEquals(1, SEEN.stream().map(s -> System.identityHashCode(s.warren())).distinct().count(), SEEN::toString);
        assertEquals(2, SEEN.stream().filter(Seen::queueFromEarlierTest).count(), "the class shares one broker");
        assertAllStoppedAndDeleted();
    }

    @Test
    void anInstanceFieldStartsABrokerForEachTestWhileAStaticOneServesTheClass() {
        assertAllPassed(run(PerTestFixture.class), 3);

        List<Seen> perTest = SEEN.stream().filter(s -> s.test().startsWith("instance")).toList();
        List<Seen> perClass = SEEN.stream().filter(s -> s.test().startsWith("static")).toList();
        assertEquals(3, perTest.size());
        assertEquals(3, perClass.size());
        assertEquals(3, perTest.stream().map(Seen::dataDir).distinct().count(), "one data directory per test");
        assertTrue(perTest.stream().noneMatch(Seen::queueFromEarlierTest), "a test saw an earlier test's queue");
        assertEquals(1, perClass.stream().map(Seen::dataDir).distinct().count());
        // Both brokers run during each test, so their ports must differ.
        for (int i = 0; i < 3; i++) {
            assertNotEquals(perTest.get(i).amqpPort(), perClass.get(i).amqpPort());
            assertNotEquals(perTest.get(i).dataDir(), perClass.get(i).dataDir());
        }
        assertAllStoppedAndDeleted();
    }

    @Test
    void perTestOnAStaticFieldStartsABrokerForEachTest() {
        assertAllPassed(run(ExplicitPerTestFixture.class), 2);

        Set<Path> dirs = SEEN.stream().map(Seen::dataDir).collect(Collectors.toSet());
        assertEquals(2, dirs.size());
        assertTrue(SEEN.stream().noneMatch(Seen::queueFromEarlierTest));
        assertAllStoppedAndDeleted();
    }

    @Test
    void perClassOnAnInstanceFieldFailsTheTestSayingWhy() {
        TestExecutionSummary summary = run(PerClassOnInstanceFieldFixture.class);

        assertEquals(1, summary.getTotalFailureCount());
        String message = summary.getFailures().get(0).getException().getMessage();
        assertTrue(message.contains("make the field static"), message);
    }

    @Test
    void builderStartRunsABrokerOutsideJunitUntilClosed() throws Exception {
        Path dataDir;
        int port;
        try (EmbeddedWarren warren = WarrenExtension.builder().start()) {
            dataDir = warren.dataDir();
            port = warren.amqpPort();
            try (Connection c = warren.connectionFactory().newConnection()) {
                assertTrue(c.isOpen());
            }
        }
        assertFalse(Files.exists(dataDir), "data directory left behind");
        assertRefused(port, "builder");
    }

    @Test
    void aBrokerThatCannotStartLeavesNoDataDirectory() {
        // Other builds on this machine make and delete such directories too, so the test follows its own.
        AtomicReference<Path> badConfig = new AtomicReference<>();
        var e = assertThrows(RuntimeException.class, () -> WarrenExtension.builder()
                .configure(b -> badConfig.set(b.build().dataDir()))
                .config("no_such_setting", "1").start());
        assertTrue(e.getMessage().contains("no_such_setting"), e.getMessage());
        assertFalse(Files.exists(badConfig.get()), "left behind: " + badConfig.get());

        // This one fails after the broker has started: it is stopped again, and its directory goes.
        AtomicReference<Path> badDefinitions = new AtomicReference<>();
        e = assertThrows(RuntimeException.class, () -> WarrenExtension.builder()
                .configure(b -> badDefinitions.set(b.build().dataDir()))
                .definitionsResource("no-such-definitions.json").start());
        assertTrue(e.getMessage().contains("no-such-definitions.json"), e.getMessage());
        assertFalse(Files.exists(badDefinitions.get()), "left behind: " + badDefinitions.get());
    }

    // The fixtures: run only through run(...) above.

    @ExtendWith({OnlyAsFixture.class, WarrenExtension.class})
    static class PerClassFixture {
        @Test
        void first(EmbeddedWarren warren) throws Exception {
            record("first", warren);
        }

        @Test
        void second(EmbeddedWarren warren) throws Exception {
            record("second", warren);
        }

        @Nested
        class Inner {
            @Test
            void nested(EmbeddedWarren warren) throws Exception {
                record("nested", warren);
            }
        }
    }

    @ExtendWith(OnlyAsFixture.class)
    static class PerTestFixture {
        @RegisterExtension
        static WarrenExtension shared = WarrenExtension.builder().build();

        @RegisterExtension
        WarrenExtension own = WarrenExtension.builder().build();

        @Test
        void one() throws Exception {
            both("one");
        }

        @Test
        void two() throws Exception {
            both("two");
        }

        @Test
        void three() throws Exception {
            both("three");
        }

        private void both(String test) throws Exception {
            record("instance " + test, own.warren());
            record("static " + test, shared.warren());
            assertNotSame(own.warren(), shared.warren());
        }

        private static void assertNotSame(Object a, Object b) {
            assertFalse(a == b, "one broker for both fields");
        }
    }

    @ExtendWith(OnlyAsFixture.class)
    static class ExplicitPerTestFixture {
        @RegisterExtension
        static WarrenExtension warren = WarrenExtension.builder().perTest().build();

        /** Set by the extension before each test. */
        EmbeddedWarren injected;

        @Test
        void one(EmbeddedWarren parameter) throws Exception {
            assertSame(parameter, injected);
            assertSame(parameter, warren.warren());
            record("one", parameter);
        }

        @Test
        void two(ConnectionFactory factory) throws Exception {
            assertEquals(injected.amqpPort(), factory.getPort());
            try (Connection c = factory.newConnection()) {
                Channel ch = c.createChannel();
                assertTrue(ch.isOpen());
            }
            record("two", injected);
        }
    }

    @ExtendWith(OnlyAsFixture.class)
    static class PerClassOnInstanceFieldFixture {
        @RegisterExtension
        WarrenExtension warren = WarrenExtension.builder().perClass().build();

        @Test
        void test() {
            warren.warren();
        }
    }
}
