package io.warren.exchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The queues a message is routed to: names, each once, in the order routing found them.
 *
 * <p>The engine does not know which queues exist. A name comes from a binding, or, for the
 * default exchange, is the routing key itself; the broker drops names that are not queues (and
 * handles {@code amq.rabbitmq.reply-to.*} itself).
 *
 * <p>Reusable and meant to be reused: {@link ExchangeRegistry#route} clears it first, and neither
 * routing nor {@link #clear} allocates once its arrays have grown to the largest fan-out seen.
 * Not thread-safe: keep one per thread, e.g. per event loop or per channel. Iterate with
 * {@link #size()} and {@link #get(int)} on hot paths; {@link #iterator()} allocates.
 */
public final class RouteResult implements Iterable<String> {
    final RouteWalk walk = new RouteWalk(this);
    private String[] names = new String[8];
    private int size;
    private String[] table = new String[16];
    private int[] stamps = new int[16];
    private int generation = 1;

    /** Forgets every name, in constant time. */
    public void clear() {
        Arrays.fill(names, 0, size, null);
        size = 0;
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(stamps, 0);
            generation = 1;
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The {@code index}-th queue name found, from 0 to {@code size() - 1}. */
    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return names[index];
    }

    public boolean contains(String queue) {
        int mask = table.length - 1;
        for (int i = spread(queue.hashCode()) & mask; stamps[i] == generation; i = (i + 1) & mask) {
            if (table[i].equals(queue)) {
                return true;
            }
        }
        return false;
    }

    /** A copy of the names, in order. */
    public List<String> toList() {
        return new ArrayList<>(Arrays.asList(names).subList(0, size));
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public String next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return names[next++];
            }
        };
    }

    /** Adds a queue name unless present; true when added. */
    boolean add(String queue) {
        if ((size + 1) * 2 > table.length) {
            growTable();
        }
        int mask = table.length - 1;
        int i = spread(queue.hashCode()) & mask;
        while (stamps[i] == generation) {
            if (table[i].equals(queue)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        stamps[i] = generation;
        table[i] = queue;
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
        }
        names[size++] = queue;
        return true;
    }

    private void growTable() {
        table = new String[table.length * 2];
        stamps = new int[stamps.length * 2];
        generation = 1;
        int mask = table.length - 1;
        for (int n = 0; n < size; n++) {
            int i = spread(names[n].hashCode()) & mask;
            while (stamps[i] == generation) {
                i = (i + 1) & mask;
            }
            stamps[i] = generation;
            table[i] = names[n];
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    @Override
    public String toString() {
        return toList().toString();
    }
}
