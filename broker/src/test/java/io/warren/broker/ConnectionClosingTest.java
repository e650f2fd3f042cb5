package io.warren.broker;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rabbit_reader's wait for a closing client, on an embedded channel's clock. */
class ConnectionClosingTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ConnectionClosing closing = new ConnectionClosing(channel.pipeline().firstContext());

    ConnectionClosingTest() {
        // Only advanceTimeBy moves the clock, so the test does not depend on how fast it runs.
        channel.freezeTime();
    }

    @Test
    void theWaitIsThreeSecondsUntilTunedThenTheHeartbeatUpToThirtySeconds() {
        assertEquals(3, closing.timeoutSeconds());
        closing.tuned(0);
        assertEquals(30, closing.timeoutSeconds(), "no heartbeats");
        closing.tuned(1);
        assertEquals(1, closing.timeoutSeconds());
        closing.tuned(29);
        assertEquals(29, closing.timeoutSeconds());
        closing.tuned(30);
        assertEquals(30, closing.timeoutSeconds());
        closing.tuned(60);
        assertEquals(30, closing.timeoutSeconds(), "RabbitMQ's default heartbeat");
    }

    @Test
    void theSocketIsClosedWhenTheWaitEnds() {
        closing.tuned(5);
        closing.awaitClient();

        elapse(4_999);
        assertTrue(channel.isOpen());
        elapse(1);
        assertFalse(channel.isOpen());
    }

    @Test
    void aNewWaitReplacesTheOneRunning() {
        closing.awaitClient();
        elapse(2_000);
        closing.closeAfter(10, TimeUnit.SECONDS);

        elapse(9_999);
        assertTrue(channel.isOpen(), "the first wait still closed the socket");
        elapse(1);
        assertFalse(channel.isOpen());
    }

    @Test
    void aCancelledWaitClosesNothing() {
        closing.awaitClient();
        closing.cancel();

        elapse(60_000);
        assertTrue(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    private void elapse(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }
}
