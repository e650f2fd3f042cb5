package io.warren.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The ready messages of a queue in delivery order: highest priority level first (a queue without
 * x-max-priority has one level), and within a level, requeued messages before new ones.
 *
 * <p>Within a level new messages append to a FIFO; requeued ones go to a small heap ordered by
 * original sequence. Everything ever handed out came from the head, so a requeued entry is
 * always older than everything still in the FIFO: serving the heap first puts each requeued
 * message back exactly where it was, as RabbitMQ does.
 *
 * <p>An entry can also leave from the middle (it expired): {@link #remove} counts it out at once
 * and leaves it in place as a tombstone, skipped when it reaches the head, so that removal costs
 * no search; tombstones are swept out when they outnumber the live entries.
 */
final class ReadyList {
    private static final int SWEEP_MIN = 1024;

    private static final class Level {
        final ArrayDeque<QueueEntry> fifo = new ArrayDeque<>();
        final PriorityQueue<QueueEntry> requeued = new PriorityQueue<>(Comparator.comparingLong(QueueEntry::sequence));

        QueueEntry peek() {
            return requeued.isEmpty() ? fifo.peekFirst() : requeued.peek();
        }

        QueueEntry poll() {
            return requeued.isEmpty() ? fifo.pollFirst() : requeued.poll();
        }

        boolean isEmpty() {
            return fifo.isEmpty() && requeued.isEmpty();
        }
    }

    private final Level[] levels;
    private Consumer<QueueEntry> onAdd;
    private int size;
    private long bytes;
    // Heap the entries hold, as Message#memorySize counts it.
    private long memory;
    private final PersistentTally persistent = new PersistentTally();
    private int tombstones;

    ReadyList() {
        this(0);
    }

    /** @param maxPriority the highest priority level; 0 for a queue without priorities */
    ReadyList(int maxPriority) {
        levels = new Level[maxPriority + 1];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new Level();
        }
    }

    /** Runs for every entry that becomes ready (added or requeued); null for none. */
    void onAdd(Consumer<QueueEntry> onAdd) {
        this.onAdd = onAdd;
    }

    void add(QueueEntry e) {
        level(e).fifo.addLast(e);
        added(e);
    }

    void requeue(QueueEntry e) {
        level(e).requeued.add(e);
        added(e);
    }

    private void added(QueueEntry e) {
        e.state(QueueEntry.State.READY);
        size++;
        bytes += e.message().bodySize();
        memory += e.message().memorySize();
        persistent.add(e.message());
        if (onAdd != null) {
            onAdd.accept(e);
        }
    }

    private Level level(QueueEntry e) {
        return levels[Math.min(e.message().priority(), levels.length - 1)];
    }

    QueueEntry poll() {
        QueueEntry e = peek();
        if (e != null) {
            levelOf(e).poll();
            taken(e);
        }
        return e;
    }

    /** The next entry to deliver, without taking it. */
    QueueEntry peek() {
        for (int i = levels.length - 1; i >= 0; i--) {
            Level l = levels[i];
            QueueEntry e;
            while ((e = l.peek()) != null && e.state() != QueueEntry.State.READY) {
                l.poll();
                tombstones--;
            }
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private Level levelOf(QueueEntry e) {
        return level(e);
    }

    /** Takes a ready entry out from wherever it is; it is marked {@code GONE}. */
    void remove(QueueEntry e) {
        assert e.state() == QueueEntry.State.READY;
        taken(e);
        e.state(QueueEntry.State.GONE);
        tombstones++;
        if (tombstones > SWEEP_MIN && tombstones > size) {
            sweep();
        }
    }

    private void taken(QueueEntry e) {
        size--;
        bytes -= e.message().bodySize();
        memory -= e.message().memorySize();
        persistent.remove(e.message());
    }

    /**
     * Takes entries from the back of the lowest level's FIFO, newest first, until {@code maxMemory}
     * of them was taken: the part of the head a paging queue can move to its backlog. Requeued
     * entries stay. Stops before an entry at or below {@code floor} (by sequence), and before a
     * tombstone still being dead-lettered whose record is live (paged records must follow one
     * another in the log with nothing live between them); other tombstones are dropped on the way.
     * The entries taken are marked {@code PAGED}.
     */
    List<QueueEntry> takeNewest(long maxMemory, long floor) {
        ArrayDeque<QueueEntry> fifo = levels[0].fifo;
        List<QueueEntry> out = new ArrayList<>();
        long taken = 0;
        QueueEntry e;
        while (taken < maxMemory && (e = fifo.peekLast()) != null && e.sequence() > floor) {
            if (e.state() != QueueEntry.State.READY) {
                if (e.state() == QueueEntry.State.DEAD_LETTERING && e.stored() != null) {
                    break;
                }
                fifo.pollLast();
                tombstones--;
                continue;
            }
            fifo.pollLast();
            taken(e);
            e.state(QueueEntry.State.PAGED);
            taken += e.message().memorySize();
            out.add(e);
        }
        return out;
    }

    /** Heap the ready entries hold (see {@link Message#memorySize()}). */
    long memory() {
        return memory;
    }

    private void sweep() {
        for (Level l : levels) {
            l.fifo.removeIf(e -> e.state() != QueueEntry.State.READY);
            l.requeued.removeIf(e -> e.state() != QueueEntry.State.READY);
        }
        tombstones = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    long bytes() {
        return bytes;
    }

    PersistentTally persistent() {
        return persistent;
    }

    /**
     * Up to {@code max} ready entries in the order they would be delivered, without taking or
     * marking them: highest priority first, and within a level requeued ones (by sequence) first.
     */
    List<QueueEntry> firstInOrder(int max) {
        List<QueueEntry> out = new ArrayList<>(Math.min(max, size));
        for (int i = levels.length - 1; i >= 0 && out.size() < max; i--) {
            Level l = levels[i];
            List<QueueEntry> requeued = new ArrayList<>(l.requeued);
            requeued.sort(Comparator.comparingLong(QueueEntry::sequence));
            addReady(requeued, out, max);
            addReady(l.fifo, out, max);
        }
        return out;
    }

    private static void addReady(Iterable<QueueEntry> from, List<QueueEntry> out, int max) {
        for (QueueEntry e : from) {
            if (out.size() >= max) {
                return;
            }
            if (e.state() == QueueEntry.State.READY) {
                out.add(e);
            }
        }
    }

    /** Every ready entry, in no particular order. */
    void forEach(Consumer<QueueEntry> action) {
        for (Level l : levels) {
            for (QueueEntry e : l.requeued) {
                if (e.state() == QueueEntry.State.READY) {
                    action.accept(e);
                }
            }
            for (QueueEntry e : l.fifo) {
                if (e.state() == QueueEntry.State.READY) {
                    action.accept(e);
                }
            }
        }
    }

    /** Removes every entry, handing each to {@code sink}; returns how many. */
    int drain(Consumer<QueueEntry> sink) {
        int n = size;
        forEach(e -> {
            e.state(QueueEntry.State.GONE);
            sink.accept(e);
        });
        clear();
        return n;
    }

    int clear() {
        int n = size;
        for (Level l : levels) {
            l.fifo.forEach(e -> e.state(QueueEntry.State.GONE));
            l.requeued.forEach(e -> e.state(QueueEntry.State.GONE));
            l.fifo.clear();
            l.requeued.clear();
        }
        size = 0;
        bytes = 0;
        memory = 0;
        persistent.clear();
        tombstones = 0;
        return n;
    }
}
