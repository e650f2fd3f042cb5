package io.warren.bench.run;

import com.rabbitmq.client.ConfirmListener;

import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds one channel's unconfirmed publishes. The producer thread calls {@link #reserve} before
 * each publish; the connection's consumer work pool calls the {@link ConfirmListener} methods.
 */
final class ConfirmWindow implements ConfirmListener {
    private static final long POLL_MILLIS = 100;

    private final Semaphore permits;
    private final NavigableSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
    private final LongAdder nacked;

    ConfirmWindow(int size, LongAdder nacked) {
        this.permits = new Semaphore(size);
        this.nacked = nacked;
    }

    /**
     * Waits for room for one more publish and records its sequence number.
     *
     * @return false if {@code control} stopped the run while waiting
     */
    boolean reserve(long sequenceNumber, RunControl control) throws InterruptedException {
        while (!permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (!control.isRunning()) {
                return false;
            }
        }
        unconfirmed.add(sequenceNumber);
        return true;
    }

    int inFlight() {
        return unconfirmed.size();
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple);
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        nacked.add(settle(deliveryTag, multiple));
    }

    private int settle(long deliveryTag, boolean multiple) {
        int settled;
        if (multiple) {
            // Only later sequence numbers are added concurrently, so this view is stable.
            NavigableSet<Long> upTo = unconfirmed.headSet(deliveryTag, true);
            settled = upTo.size();
            upTo.clear();
        } else {
            settled = unconfirmed.remove(deliveryTag) ? 1 : 0;
        }
        permits.release(settled);
        return settled;
    }
}
