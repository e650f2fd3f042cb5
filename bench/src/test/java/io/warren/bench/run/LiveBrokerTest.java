package io.warren.bench.run;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.bench.report.ScenarioResult;
import io.warren.bench.scenario.AckMode;
import io.warren.bench.scenario.Routing;
import io.warren.bench.scenario.ScenarioSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs small, rate-limited scenarios against a real broker over sockets. Needs one, so it runs
 * only with {@code -Dwarren.bench.uri=amqp://guest:guest@localhost:5672} (or a Warren's URI).
 */
@EnabledIfSystemProperty(named = LiveBrokerTest.URI_PROPERTY, matches = ".+")
class LiveBrokerTest {
    static final String URI_PROPERTY = "warren.bench.uri";
    private static final ConnectionFactory FACTORY = new ConnectionFactory();

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream progress = new PrintStream(log, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void connect() throws Exception {
        FACTORY.setUri(System.getProperty(URI_PROPERTY));
        FACTORY.setAutomaticRecoveryEnabled(false);
    }

    @Test
    void measuresRatesAndLatencyOverTheWindow() throws Exception {
        ScenarioSpec spec = ScenarioSpec.builder(90, "live-ack", "test").ratePerProducer(500)
                .ackMode(AckMode.EACH).prefetch(50).bodySize(100).build();
        ScenarioRunner runner = new ScenarioRunner(FACTORY, Duration.ofMillis(500), Duration.ofSeconds(2), "live",
                "the broker", "", progress);

        ScenarioResult result = runner.run(spec);

        assertEquals("live-ack", result.scenario());
        assertEquals("live", result.label());
        assertEquals(2.0, result.seconds(), 0.2);
        assertEquals(500, result.sentPerSecond(), 50, "the pacer holds the rate");
        assertEquals(result.sentPerSecond(), result.receivedPerSecond(), 50, "the consumer keeps up");
        assertTrue(result.latency().samples() > 800, "samples: " + result.latency().samples());
        assertTrue(result.latency().p50Ms() > 0 && result.latency().p50Ms() <= result.latency().p99Ms()
                && result.latency().p99Ms() <= result.latency().maxMs(), result.latency().toString());
        assertTrue(text(log).contains("live-ack measure"), text(log));
    }

    @Test
    void fanoutWithConfirmsDeliversACopyPerQueueAndCleansUp() throws Exception {
        ScenarioSpec spec = ScenarioSpec.builder(91, "live-fanout", "test").routing(Routing.FANOUT).queues(3)
                .ratePerProducer(300).persistent(true).confirmWindow(5).build();
        List<String> queues;
        TrafficCounters counters;
        try (RunningScenario run = RunningScenario.start(spec, FACTORY, progress)) {
            queues = run.queues();
            counters = run.counters();
            Thread.sleep(1_000);
            run.control().throwIfFailed();
        }

        assertEquals(0, counters.nacked().sum());
        assertTrue(counters.sent() > 100, "sent " + counters.sent());
        assertTrue(counters.received() > 2 * counters.sent() && counters.received() <= 3 * counters.sent(),
                "sent " + counters.sent() + ", received " + counters.received());
        assertFalse(text(log).contains("could not delete"), text(log));
        try (Connection connection = FACTORY.newConnection()) {
            for (String queue : queues) {
                Channel channel = connection.createChannel();
                IOException gone = assertThrows(IOException.class, () -> channel.queueDeclarePassive(queue));
                assertTrue(String.valueOf(gone.getCause()).contains("NOT_FOUND"), String.valueOf(gone.getCause()));
            }
        }
    }

    @Test
    void aQueueDeletedUnderTheRunFailsIt() throws Exception {
        ScenarioSpec spec = ScenarioSpec.builder(92, "live-cancel", "test").ratePerProducer(100).build();
        try (RunningScenario run = RunningScenario.start(spec, FACTORY, progress);
             Connection other = FACTORY.newConnection()) {
            other.createChannel().queueDelete(run.queues().get(0));

            ScenarioFailedException e = assertThrows(ScenarioFailedException.class, () -> awaitFailure(run));
            assertTrue(e.getMessage().contains("was cancelled by the broker"), e.getMessage());
        }
        // Deleting a queue that is already gone succeeds on RabbitMQ, so teardown stays quiet.
        assertFalse(text(log).contains("could not delete"), text(log));
    }

    private static void awaitFailure(RunningScenario run) throws Exception {
        for (int i = 0; i < 50; i++) {
            run.control().throwIfFailed();
            Thread.sleep(100);
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
