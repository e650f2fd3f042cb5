package io.warren.exchange;

import java.util.Arrays;

/**
 * A set of longs for one thread, emptied in constant time: each slot carries the generation that
 * wrote it, and {@link #clear} starts a new generation. Routing clears its scratch sets on every
 * message, so clearing must not cost a pass over the table, and adding must not allocate.
 */
final class StampedLongSet {
    private long[] keys = new long[16];
    private int[] stamps = new int[16];
    private int generation = 1;
    private int size;

    void clear() {
        size = 0;
        if (++generation == Integer.MAX_VALUE) {
            // After two billion clears, reset the stamps once rather than let them wrap.
            Arrays.fill(stamps, 0);
            generation = 1;
        }
    }

    /** Adds a key; true when it was not yet in the set. */
    boolean add(long key) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (stamps[i] != generation) {
                stamps[i] = generation;
                keys[i] = key;
                size++;
                return true;
            }
            if (keys[i] == key) {
                return false;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldStamps = stamps;
        int oldGeneration = generation;
        keys = new long[oldKeys.length * 2];
        stamps = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldStamps[i] == oldGeneration) {
                add(oldKeys[i]);
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
