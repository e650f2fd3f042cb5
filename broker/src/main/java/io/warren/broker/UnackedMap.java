package io.warren.broker;

import io.netty.util.collection.LongObjectHashMap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's deliveries awaiting ack, by delivery tag. Tags only grow, so the deliveries are kept
 * in tag order in a deque (for ack-multiple and close, which take a prefix or everything) and in
 * a primitive map (for single acks in any order). Settled entries are dropped from the deque
 * lazily when they reach its head.
 */
final class UnackedMap {
    private final ArrayDeque<Unacked> order = new ArrayDeque<>();
    private final LongObjectHashMap<Unacked> byTag = new LongObjectHashMap<>();

    void add(Unacked u) {
        order.addLast(u);
        byTag.put(u.tag, u);
    }

    /** Removes and returns the delivery with this tag, or null when there is none. */
    Unacked remove(long tag) {
        Unacked u = byTag.remove(tag);
        if (u != null) {
            u.settled = true;
            trimHead();
        }
        return u;
    }

    /** Removes every delivery with a tag up to and including {@code tag}. */
    List<Unacked> removeUpTo(long tag) {
        List<Unacked> out = new ArrayList<>();
        while (!order.isEmpty() && order.peekFirst().tag <= tag) {
            Unacked u = order.pollFirst();
            if (!u.settled) {
                u.settled = true;
                byTag.remove(u.tag);
                out.add(u);
            }
        }
        return out;
    }

    List<Unacked> removeAll() {
        return removeUpTo(Long.MAX_VALUE);
    }

    /** Puts settled-then-rolled-back deliveries back, keeping tag order. */
    void restore(List<Unacked> back) {
        List<Unacked> all = new ArrayList<>(order);
        for (Unacked u : back) {
            u.settled = false;
            byTag.put(u.tag, u);
            all.add(u);
        }
        all.removeIf(u -> u.settled);
        all.sort(java.util.Comparator.comparingLong(u -> u.tag));
        order.clear();
        order.addAll(all);
    }

    boolean contains(long tag) {
        return byTag.containsKey(tag);
    }

    int size() {
        return byTag.size();
    }

    /** Deliveries to consumers among them, basic.get's left out; walks them all. */
    int fromConsumers() {
        int n = 0;
        for (Unacked u : order) {
            if (!u.settled && u.consumer != null) {
                n++;
            }
        }
        return n;
    }

    private void trimHead() {
        while (!order.isEmpty() && order.peekFirst().settled) {
            order.pollFirst();
        }
    }
}
