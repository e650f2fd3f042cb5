package io.warren.broker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.warren.broker.ChannelLimiter.REFUSED;
import static io.warren.broker.ChannelLimiter.UNCOUNTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The channel's global prefetch as rabbit_limiter keeps it, and the line that makes its queues take turns. */
class ChannelLimiterTest {
    private final ChannelLimiter limiter = new ChannelLimiter();
    private final List<String> woken = new ArrayList<>();

    private ChannelLimiter.Waiter waiter(String name) {
        return new ChannelLimiter.Waiter() {
            @Override
            public void creditFreed() {
                woken.add(name);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    @Test
    void withoutALimitNothingIsCountedOrRefused() {
        ChannelLimiter.Waiter a = waiter("a");
        for (int i = 0; i < 1000; i++) {
            assertEquals(UNCOUNTED, limiter.tryAcquire(a, true));
        }
        limiter.count(5);
        limiter.release(3);
        assertEquals(0, limiter.volume());
    }

    @Test
    void aNewLimitCountsWhatIsAlreadyUnacked() {
        ChannelLimiter.Waiter a = waiter("a");
        limiter.setLimit(2, 5);

        assertEquals(REFUSED, limiter.tryAcquire(a, true));
        limiter.release(3);
        assertEquals(2, limiter.volume());
        assertEquals(List.of(), woken, "2 unacked of 2 allowed: still full");
        limiter.release(1);

        assertEquals(List.of("a"), woken);
        assertNotEquals(REFUSED, limiter.tryAcquire(a, true));
        assertEquals(2, limiter.volume());
    }

    @Test
    void changingALimitKeepsTheVolumeAndLiftingItForgetsIt() {
        ChannelLimiter.Waiter a = waiter("a");
        limiter.setLimit(3, 0);
        limiter.tryAcquire(a, true);
        limiter.tryAcquire(a, true);
        limiter.setLimit(1, 99);
        assertEquals(2, limiter.volume());
        assertEquals(REFUSED, limiter.tryAcquire(a, true));

        limiter.setLimit(0, 0);

        assertEquals(List.of("a"), woken, "waiters are told the limit is gone");
        assertEquals(0, limiter.volume());
        assertEquals(UNCOUNTED, limiter.tryAcquire(a, true));
    }

    @Test
    void noAckDeliveriesWaitForTheLimitButDoNotCount() {
        ChannelLimiter.Waiter acking = waiter("acking");
        ChannelLimiter.Waiter noAck = waiter("no-ack");
        limiter.setLimit(1, 0);
        for (int i = 0; i < 10; i++) {
            assertEquals(UNCOUNTED, limiter.tryAcquire(noAck, false));
        }
        assertEquals(0, limiter.volume());
        assertNotEquals(REFUSED, limiter.tryAcquire(acking, true));

        assertEquals(REFUSED, limiter.tryAcquire(noAck, false));

        limiter.release(1);
        assertEquals(List.of("no-ack"), woken);
        assertEquals(UNCOUNTED, limiter.tryAcquire(noAck, false));
        assertEquals(UNCOUNTED, limiter.tryAcquire(noAck, false));
        assertEquals(0, limiter.volume());
    }

    @Test
    void freedCreditGoesToTheConsumersInTheOrderTheyWereRefused() {
        ChannelLimiter.Waiter a = waiter("a");
        ChannelLimiter.Waiter b = waiter("b");
        limiter.setLimit(1, 0);
        limiter.tryAcquire(a, true);
        assertEquals(REFUSED, limiter.tryAcquire(a, true));
        assertEquals(REFUSED, limiter.tryAcquire(b, true));

        limiter.release(1);
        assertEquals(List.of("a"), woken);
        assertEquals(REFUSED, limiter.tryAcquire(b, true), "a's credit is set aside for a");
        assertNotEquals(REFUSED, limiter.tryAcquire(a, true));
        assertEquals(REFUSED, limiter.tryAcquire(a, true));

        limiter.release(1);
        assertEquals(List.of("a", "b"), woken, "a went to the back of the line behind b");
    }

    @Test
    void creditSetAsideAndNotTakenGoesToTheNextInLine() {
        ChannelLimiter.Waiter a = waiter("a");
        ChannelLimiter.Waiter b = waiter("b");
        limiter.setLimit(1, 1);
        limiter.tryAcquire(a, true);
        limiter.tryAcquire(b, true);
        limiter.release(1);
        assertEquals(List.of("a"), woken);

        limiter.giveBack(a);

        assertEquals(List.of("a", "b"), woken);
        assertNotEquals(REFUSED, limiter.tryAcquire(b, true));
        assertTrue(limiter.waiting().isEmpty());
    }

    @Test
    void aCancelledConsumerLeavesTheLineAndPassesOnItsCredit() {
        ChannelLimiter.Waiter a = waiter("a");
        ChannelLimiter.Waiter b = waiter("b");
        ChannelLimiter.Waiter c = waiter("c");
        limiter.setLimit(1, 1);
        limiter.tryAcquire(a, true);
        limiter.tryAcquire(b, true);
        limiter.tryAcquire(c, true);
        limiter.forget(b);
        limiter.release(1);
        assertEquals(List.of("a"), woken);

        limiter.forget(a);

        assertEquals(List.of("a", "c"), woken);
    }

    @Test
    void aDeliveryTakenBeforeTheLimitIsCountedWhenWritten() {
        ChannelLimiter.Waiter a = waiter("a");
        int before = limiter.tryAcquire(a, true);
        limiter.setLimit(1, 0);
        int counted = limiter.tryAcquire(a, true);

        assertEquals(UNCOUNTED, before);
        assertEquals(limiter.epoch(), counted);
        limiter.count(1);
        assertEquals(2, limiter.volume());
        limiter.dropped(counted);
        assertEquals(1, limiter.volume());
        limiter.dropped(UNCOUNTED);
        assertEquals(1, limiter.volume());
    }

    @Test
    void aLimitSetAgainStartsANewEpoch() {
        ChannelLimiter.Waiter a = waiter("a");
        limiter.setLimit(2, 0);
        int first = limiter.tryAcquire(a, true);
        limiter.setLimit(0, 0);
        limiter.setLimit(2, 0);

        assertNotEquals(first, limiter.epoch());
        limiter.dropped(first);
        assertEquals(0, limiter.volume(), "a delivery of the old limit is not taken off the new one");
    }
}
