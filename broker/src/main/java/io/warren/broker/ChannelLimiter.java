package io.warren.broker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A channel's global prefetch (basic.qos with global=true), with the meaning of RabbitMQ's
 * rabbit_limiter: the channel's consumers, whatever their queues, together hold at most
 * {@code limit} deliveries awaiting ack.
 * <ul>
 *   <li>The volume counts the channel's consumer deliveries awaiting ack. A limit set where there
 *       was none starts from those already unacked, so that with 5 unacked a limit of 2 lets
 *       nothing through until 4 are acked; a limit of 0 lifts it and forgets the volume.
 *       basic.get is neither held back nor counted, as RabbitMQ means it to be (it counts gets
 *       unacked when a limit is set, and takes their acks off, which its own code calls wrong).</li>
 *   <li>A no-ack consumer waits while the limit is reached too, but what it takes does not count.</li>
 *   <li>Fairness: a consumer refused for want of channel credit joins a line. Credit that comes
 *       back goes to the head of the line first (it is set aside for that consumer, which is then
 *       woken), so the channel's queues take turns instead of the quickest one taking it all. A
 *       consumer that does not use what was set aside for it (its queue had nothing to give)
 *       hands it back, and it goes to the next in line.</li>
 * </ul>
 * Threads: {@link #tryAcquire} and {@link #giveBack} run on queue threads, the rest on the
 * channel's event loop, which is the only writer of the limit and the epoch. Without a limit a
 * delivery costs one volatile read; with one, a short lock.
 */
final class ChannelLimiter {
    /** A consumer that can wait for the channel's credit. */
    interface Waiter {
        /**
         * Credit was set aside for this waiter, or the limit was lifted: its queue should offer
         * to it again. Called on any thread, outside the limiter's lock.
         */
        void creditFreed();
    }

    /** {@link #tryAcquire}: no credit now; the waiter is in line and will be told. */
    static final int REFUSED = -1;
    /** {@link #tryAcquire}: go ahead; the delivery is not counted (no-ack, or no limit). */
    static final int UNCOUNTED = 0;

    private volatile int limit;
    // Changes each time a limit is set where there was none, so that a delivery counted under an
    // earlier limit is counted again (when written) under the new one.
    private volatile int epoch;
    private int volume;
    private final LinkedHashSet<Waiter> waiting = new LinkedHashSet<>();
    private final Set<Waiter> setAside = new HashSet<>();

    /** True while a global limit is set. Any thread. */
    boolean limited() {
        return limit != 0;
    }

    int limit() {
        return limit;
    }

    /** The current epoch, for deliveries counted by {@link #tryAcquire}; channel thread. */
    int epoch() {
        return epoch;
    }

    /** Deliveries counted against the limit now; for tests and statistics. */
    synchronized int volume() {
        return volume;
    }

    /**
     * Sets the limit (0 lifts it). From no limit, the volume starts at {@code unackedNow}; between
     * two limits it is kept. Channel thread.
     */
    void setLimit(int newLimit, int unackedNow) {
        List<Waiter> wake;
        synchronized (this) {
            if (newLimit == 0) {
                limit = 0;
                volume = 0;
                wake = new ArrayList<>(waiting);
                wake.addAll(setAside);
                waiting.clear();
                setAside.clear();
            } else {
                if (limit == 0) {
                    epoch++;
                    volume = unackedNow;
                }
                limit = newLimit;
                wake = handOut();
            }
        }
        wake(wake);
    }

    /**
     * Takes a unit of channel credit for {@code w}'s next delivery. Returns {@link #REFUSED} (and
     * puts {@code w} in line), {@link #UNCOUNTED}, or the epoch the delivery is counted in, which
     * goes back to {@link #count} when it is written. Queue thread.
     */
    int tryAcquire(Waiter w, boolean ackRequired) {
        if (limit == 0) {
            return UNCOUNTED;
        }
        int result;
        List<Waiter> wake;
        synchronized (this) {
            if (limit == 0) {
                return UNCOUNTED;
            }
            if (!setAside.remove(w)) {
                if (volume + setAside.size() >= limit) {
                    waiting.add(w);
                    return REFUSED;
                }
            }
            if (ackRequired) {
                volume++;
                result = epoch;
            } else {
                result = UNCOUNTED;
            }
            // A no-ack delivery taken with credit set aside leaves that unit free for the next in line.
            wake = handOut();
        }
        wake(wake);
        return result;
    }

    /**
     * Counts {@code n} consumer deliveries entering the channel's unacked ones that the limit did
     * not count when they were taken (taken before it was set). Channel thread.
     */
    void count(int n) {
        if (limit == 0 || n == 0) {
            return;
        }
        synchronized (this) {
            if (limit != 0) {
                volume += n;
            }
        }
    }

    /** {@code n} unacked consumer deliveries of the channel were settled (acked, rejected, requeued). Channel thread. */
    void release(int n) {
        if (limit == 0 || n == 0) {
            return;
        }
        List<Waiter> wake;
        synchronized (this) {
            if (limit == 0) {
                return;
            }
            volume = Math.max(0, volume - n);
            wake = handOut();
        }
        wake(wake);
    }

    /** A delivery taken in {@code countedIn} will not be written (its consumer went away). Channel thread. */
    void dropped(int countedIn) {
        if (countedIn != UNCOUNTED && countedIn == epoch) {
            release(1);
        }
    }

    /**
     * After the pass that {@link Waiter#creditFreed} asked for: credit set aside for {@code w}
     * that it did not take goes to the next in line. Queue thread.
     */
    void giveBack(Waiter w) {
        List<Waiter> wake;
        synchronized (this) {
            if (!setAside.remove(w)) {
                return;
            }
            wake = handOut();
        }
        wake(wake);
    }

    /** {@code w} is gone (cancelled): out of the line, and what was set aside for it goes on. Channel thread. */
    void forget(Waiter w) {
        List<Waiter> wake;
        synchronized (this) {
            waiting.remove(w);
            if (!setAside.remove(w)) {
                return;
            }
            wake = handOut();
        }
        wake(wake);
    }

    /** Sets credit aside for the head of the line while there is some; returns whom to wake. Holds the lock. */
    private List<Waiter> handOut() {
        List<Waiter> wake = null;
        while (!waiting.isEmpty() && volume + setAside.size() < limit) {
            Iterator<Waiter> head = waiting.iterator();
            Waiter w = head.next();
            head.remove();
            setAside.add(w);
            if (wake == null) {
                wake = new ArrayList<>(2);
            }
            wake.add(w);
        }
        return wake;
    }

    private static void wake(List<Waiter> wake) {
        if (wake != null) {
            for (Waiter w : wake) {
                w.creditFreed();
            }
        }
    }

    /** Consumers in line, for tests. */
    synchronized List<Waiter> waiting() {
        return List.copyOf(waiting);
    }

    /** Consumers with credit set aside, for tests. */
    synchronized Set<Waiter> setAside() {
        return Set.copyOf(setAside);
    }
}
