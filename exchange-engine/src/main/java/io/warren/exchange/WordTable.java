package io.warren.exchange;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The literal-word children of a topic trie node: an open-addressing hash table with one writer
 * and any number of lock-free readers, looked up by a region of the routing key so that a route
 * cuts no substrings.
 *
 * <p>A change is one volatile slot write (an entry, or the removed marker over an entry), or the
 * publication of a rebuilt table; readers holding an older table still find a consistent one.
 * Slots never go back to empty in place, and a table is rebuilt before three quarters of its
 * slots are used, so a probe always reaches an empty slot.
 */
final class WordTable {
    private record Entry(String word, int hash, TopicNode node) {
    }

    private static final Entry REMOVED = new Entry("", 0, null);
    private static final int INITIAL_CAPACITY = 4;

    private volatile AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(INITIAL_CAPACITY);
    private int size;
    private int used;

    /** The child for the word at {@code key[start, end)}, or null. Any thread. */
    TopicNode get(String key, int start, int end) {
        int hash = spread(regionHash(key, start, end));
        int length = end - start;
        AtomicReferenceArray<Entry> table = slots;
        int mask = table.length() - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Entry entry = table.get(i);
            if (entry == null) {
                return null;
            }
            if (entry.hash == hash && entry != REMOVED && entry.word.length() == length
                    && key.regionMatches(start, entry.word, 0, length)) {
                return entry.node;
            }
        }
    }

    TopicNode get(String word) {
        return get(word, 0, word.length());
    }

    /** Whether there are no children. Writer only. */
    boolean isEmpty() {
        return size == 0;
    }

    /** Adds a child for a word that has none. Writer only. */
    void put(String word, TopicNode node) {
        if ((used + 1) * 4 > slots.length() * 3) {
            rebuild(size + 1);
        }
        int hash = spread(word.hashCode());
        AtomicReferenceArray<Entry> table = slots;
        int mask = table.length() - 1;
        int i = hash & mask;
        while (table.get(i) != null && table.get(i) != REMOVED) {
            i = (i + 1) & mask;
        }
        if (table.get(i) == null) {
            used++;
        }
        table.set(i, new Entry(word, hash, node));
        size++;
    }

    /** Removes the child for a word. Writer only. */
    void remove(String word) {
        int hash = spread(word.hashCode());
        AtomicReferenceArray<Entry> table = slots;
        int mask = table.length() - 1;
        for (int i = hash & mask; table.get(i) != null; i = (i + 1) & mask) {
            Entry entry = table.get(i);
            if (entry != REMOVED && entry.hash == hash && entry.word.equals(word)) {
                table.set(i, REMOVED);
                size--;
                return;
            }
        }
    }

    private void rebuild(int expectedSize) {
        int capacity = INITIAL_CAPACITY;
        while (expectedSize * 2 > capacity) {
            capacity <<= 1;
        }
        AtomicReferenceArray<Entry> old = slots;
        AtomicReferenceArray<Entry> rebuilt = new AtomicReferenceArray<>(capacity);
        int mask = capacity - 1;
        for (int j = 0; j < old.length(); j++) {
            Entry entry = old.get(j);
            if (entry != null && entry != REMOVED) {
                int i = entry.hash & mask;
                while (rebuilt.get(i) != null) {
                    i = (i + 1) & mask;
                }
                rebuilt.set(i, entry);
            }
        }
        used = size;
        slots = rebuilt;
    }

    /** String.hashCode of the region, so that it agrees with the stored words' cached hashes. */
    private static int regionHash(String key, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + key.charAt(i);
        }
        return hash;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
