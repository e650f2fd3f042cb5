package io.warren.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * The consumers of one queue, grouped by priority (highest first) with a round-robin cursor in
 * each group. A lower-priority consumer gets a message only when every higher-priority one is
 * out of credit, which is RabbitMQ's consumer-priority rule.
 */
final class ConsumerRing {
    private static final class Group {
        final int priority;
        final List<QueueConsumer> members = new ArrayList<>();
        int next;

        Group(int priority) {
            this.priority = priority;
        }
    }

    private final List<Group> groups = new ArrayList<>();
    private int size;

    void add(QueueConsumer c) {
        int i = 0;
        while (i < groups.size() && groups.get(i).priority > c.priority()) {
            i++;
        }
        if (i == groups.size() || groups.get(i).priority != c.priority()) {
            groups.add(i, new Group(c.priority()));
        }
        groups.get(i).members.add(c);
        size++;
    }

    boolean remove(QueueConsumer c) {
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            int idx = g.members.indexOf(c);
            if (idx >= 0) {
                g.members.remove(idx);
                if (idx < g.next) {
                    g.next--;
                }
                if (g.members.isEmpty()) {
                    groups.remove(i);
                }
                size--;
                return true;
            }
        }
        return false;
    }

    /** The next consumer, in priority then round-robin order, that took a unit of credit; or null. */
    QueueConsumer nextWithCredit() {
        for (Group g : groups) {
            int n = g.members.size();
            for (int tried = 0; tried < n; tried++) {
                if (g.next >= n) {
                    g.next = 0;
                }
                QueueConsumer c = g.members.get(g.next++);
                if (c.tryAcquireCredit()) {
                    return c;
                }
            }
        }
        return null;
    }

    int size() {
        return size;
    }

    List<QueueConsumer> snapshot() {
        List<QueueConsumer> all = new ArrayList<>(size);
        for (Group g : groups) {
            all.addAll(g.members);
        }
        return all;
    }

    void clear() {
        groups.clear();
        size = 0;
    }
}
