package io.warren.queue;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The ready messages of a queue in delivery order. New messages append to a FIFO; requeued ones
 * go to a small heap ordered by original sequence. Everything ever handed out came from the head,
 * so a requeued entry is always older than everything still in the FIFO: serving the heap first
 * puts each requeued message back exactly where it was, as RabbitMQ does.
 */
final class ReadyList {
    private final ArrayDeque<QueueEntry> fifo = new ArrayDeque<>();
    private final PriorityQueue<QueueEntry> requeued =
            new PriorityQueue<>(Comparator.comparingLong(QueueEntry::sequence));
    private long bytes;

    void add(QueueEntry e) {
        fifo.addLast(e);
        bytes += e.message().bodySize();
    }

    void requeue(QueueEntry e) {
        requeued.add(e);
        bytes += e.message().bodySize();
    }

    QueueEntry poll() {
        QueueEntry e = requeued.isEmpty() ? fifo.pollFirst() : requeued.poll();
        if (e != null) {
            bytes -= e.message().bodySize();
        }
        return e;
    }

    QueueEntry peek() {
        return requeued.isEmpty() ? fifo.peekFirst() : requeued.peek();
    }

    boolean isEmpty() {
        return fifo.isEmpty() && requeued.isEmpty();
    }

    int size() {
        return fifo.size() + requeued.size();
    }

    long bytes() {
        return bytes;
    }

    /** Removes every entry, handing each to {@code sink}; returns how many. */
    int drain(java.util.function.Consumer<QueueEntry> sink) {
        int n = size();
        requeued.forEach(sink);
        fifo.forEach(sink);
        clear();
        return n;
    }

    int clear() {
        int n = size();
        fifo.clear();
        requeued.clear();
        bytes = 0;
        return n;
    }
}
