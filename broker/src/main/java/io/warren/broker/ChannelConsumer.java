package io.warren.broker;

import io.warren.queue.MessageQueue;
import io.warren.queue.QueueConsumer;
import io.warren.queue.QueueEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A basic.consume subscription as its queue sees it. The queue thread takes credit, collects
 * deliveries and, once per pass, hands the batch to the channel's event loop, which writes it and
 * flushes once.
 *
 * <p>Credit: a prefetch-limited consumer gets credit back on ack; a no-ack consumer, or one with
 * no prefetch limit, gets it back once its deliveries are written, so a slow socket (which turns
 * the channel unwritable) stops the queue rather than growing memory. When credit runs out the
 * consumer marks itself blocked; whoever gives credit back wakes the queue. The channel's global
 * prefetch ({@link ChannelLimiter}) is asked after the consumer's own credit, for no-ack consumers
 * too, and wakes the queue itself when it sets credit aside for this consumer.
 */
final class ChannelConsumer implements QueueConsumer, ChannelLimiter.Waiter {
    /** Deliveries a write-released consumer may have in flight between queue and socket. */
    static final int WINDOW = 2000;

    /**
     * One message handed out, with the properties to deliver it with, and the epoch of the
     * channel's limit it was counted in ({@link ChannelLimiter#UNCOUNTED} when it was not).
     */
    record Delivery(QueueEntry entry, boolean redelivered, byte[] properties, int countedIn) {
        /** What it takes in the connection's write buffer, near enough: body and properties. */
        long bytes() {
            return (long) entry.message().bodySize() + properties.length;
        }
    }

    final String tag;
    final MessageQueue queue;
    final boolean autoAck;
    private final int priority;
    private final Deliveries deliveries;
    private final Credit credit;
    private final ChannelLimiter limiter;
    private final boolean releaseOnWrite;
    private final int prefetch;
    private final AtomicBoolean blocked = new AtomicBoolean();
    private List<Delivery> batch = new ArrayList<>();
    // Bytes of the batch being collected; the connection counts them once the batch is handed off,
    // so a batch that never is (a queue pass that failed) cannot leave the count too high.
    private long batchBytes;
    // What the last successful take got from the channel's limiter; queue thread only.
    private int countedIn;
    volatile boolean cancelled;
    // Where ConsumerTimeouts keeps this consumer's unacked deliveries; channel thread only.
    ConsumerTimeouts.Lane lane;

    ChannelConsumer(Deliveries deliveries, String tag, MessageQueue queue, boolean autoAck, int priority,
                    int prefetch, ChannelLimiter limiter) {
        this.deliveries = deliveries;
        this.tag = tag;
        this.queue = queue;
        this.autoAck = autoAck;
        this.priority = priority;
        this.releaseOnWrite = autoAck || prefetch == 0;
        this.prefetch = prefetch;
        this.credit = new Credit(releaseOnWrite ? WINDOW : prefetch);
        this.limiter = limiter;
    }

    @Override
    public boolean tryAcquireCredit() {
        if (take()) {
            return true;
        }
        blocked.set(true);
        // Credit may have come back between the failed take and the flag: look once more.
        if (take()) {
            blocked.set(false);
            return true;
        }
        return false;
    }

    private boolean take() {
        if (cancelled || !deliveries.canDeliver() || batchBytes >= AmqpConnection.DELIVERY_BYTES_IN_FLIGHT) {
            return false;
        }
        if (!credit.tryAcquire()) {
            return false;
        }
        int counted = limiter.tryAcquire(this, !autoAck);
        if (counted == ChannelLimiter.REFUSED) {
            credit.release(1);
            return false;
        }
        countedIn = counted;
        return true;
    }

    @Override
    public void deliver(MessageQueue q, QueueEntry entry, boolean redelivered) {
        Delivery d = new Delivery(entry, redelivered, DeliveryCount.properties(queue, entry), countedIn);
        batch.add(d);
        batchBytes += d.bytes();
    }

    @Override
    public void endOfBatch() {
        List<Delivery> out = batch;
        batch = new ArrayList<>(Math.max(16, out.size()));
        deliveries.deliveryHandedOff(batchBytes);
        batchBytes = 0;
        deliveries.handOff(this, out);
    }

    /** The basic.qos prefetch count in effect when the consumer was created; 0 is unlimited. */
    int prefetch() {
        return prefetch;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public boolean autoAck() {
        return autoAck;
    }

    @Override
    public void cancelledByQueue(MessageQueue q) {
        cancelled = true;
        deliveries.cancelledByQueue(this);
    }

    /**
     * Called on the channel's thread after a batch was written. Wakes the queue in any case: a
     * batch may have ended because it reached the byte limit, with credit to spare.
     */
    void written(int n) {
        if (releaseOnWrite) {
            credit.release(n);
        }
        wake();
    }

    /** Called on the channel's thread when deliveries of this consumer are settled. */
    void settled(int n) {
        if (!releaseOnWrite) {
            credit.release(n);
        }
        wake();
    }

    /**
     * The channel's limiter set credit aside for this consumer (or lifted its limit): the queue
     * offers again, and whatever was set aside and not taken in that pass goes back to the
     * limiter for the next consumer in line. The owner runs tasks in order, so the give-back
     * runs after the pass.
     */
    @Override
    public void creditFreed() {
        blocked.set(false);
        var owner = queue.owner();
        owner.execute(() -> {
            queue.requestDrain();
            owner.execute(() -> limiter.giveBack(this));
        });
    }

    /** Lets the queue offer again if it had stopped for lack of credit or writability. */
    void wake() {
        if (blocked.compareAndSet(true, false)) {
            queue.owner().execute(queue::requestDrain);
        }
    }
}
