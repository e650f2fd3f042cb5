package io.warren.bench.management;

import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScaleFixtureTest {
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final ScaleFixture fixture = new ScaleFixture(new ConnectionFactory(), "run.", 1_000, 0,
            new PrintStream(progress, true, StandardCharsets.UTF_8));

    @Test
    void queuesAreNumberedSoThatTheySortByNumber() {
        assertEquals("run.q00007", fixture.queueName(7));
        assertEquals("run.q", fixture.queuePrefix());
        assertTrue(fixture.queueName(99).compareTo(fixture.queueName(100)) < 0);
    }

    @Test
    void everyTenthQueueHoldsOneToFiftyMessagesAndEveryHundredthHasAConsumer() {
        assertEquals(1, ScaleFixture.messagesFor(0));
        assertEquals(0, ScaleFixture.messagesFor(5));
        assertEquals(2, ScaleFixture.messagesFor(10));
        assertEquals(50, ScaleFixture.messagesFor(490));
        assertEquals(1, ScaleFixture.messagesFor(500));
        assertTrue(ScaleFixture.hasConsumer(300));
        assertFalse(ScaleFixture.hasConsumer(310));
    }

    @Test
    void theTotalIsWhatTheOverviewMustReachBeforeTiming() {
        // 100 filled queues of 1..50 messages, twice round: 2 * (1 + ... + 50).
        assertEquals(2 * 1275, fixture.totalMessages());
    }

    @Test
    void closingWhatWasNeverCreatedDoesNothingAndMayBeRepeated() {
        fixture.close();
        fixture.close();

        String said = progress.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.split("removed the queues and connections", -1).length - 1, said);
    }
}
