package io.warren.broker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfirmTrackerTest {
    @Test
    void transientPublishesAreConfirmedTogetherWithMultipleOnlyWhenItCoversSeveral() {
        ConfirmTracker t = new ConfirmTracker();
        t.publish();
        assertEquals(1, t.confirmable());
        assertFalse(t.confirm(1), "one publish: multiple=false, as RabbitMQ sends it");
        t.publish();
        t.publish();
        assertEquals(3, t.confirmable());
        assertTrue(t.confirm(3));
        assertEquals(0, t.confirmable(), "nothing new");
    }

    @Test
    void aDeferredPublishHoldsBackLaterConfirmsUntilItIsSettled() {
        ConfirmTracker t = new ConfirmTracker();
        t.publish();                       // 1
        long durable = t.publishDeferred(); // 2
        t.publish();                       // 3
        assertEquals(1, t.confirmable());
        t.confirm(1);
        assertEquals(0, t.confirmable(), "2 is not on disk yet, so 3 waits too");
        t.settled(durable);
        assertEquals(3, t.confirmable());
        assertTrue(t.confirm(3));
    }

    @Test
    void settlementsOutOfOrderConfirmOnlyTheContiguousPrefix() {
        ConfirmTracker t = new ConfirmTracker();
        long a = t.publishDeferred();
        long b = t.publishDeferred();
        t.settled(b);
        assertEquals(0, t.confirmable());
        t.settled(a);
        assertEquals(2, t.confirmable());
    }
}
