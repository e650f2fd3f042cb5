package io.warren.broker.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed set of long slots with one writer thread and any number of readers. The writer adds
 * with a plain read and an opaque store: no fence, no lock, no contention, which is what keeps
 * counting on the hot path cheap. Readers see every slot as of some recent moment, never torn.
 * Only the owning thread may call {@link #add} and {@link #set}.
 */
public final class OpaqueCounters {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] slots;

    public OpaqueCounters(int size) {
        this.slots = new long[size];
    }

    public int size() {
        return slots.length;
    }

    /** Owner thread only. */
    public void add(int slot, long n) {
        SLOT.setOpaque(slots, slot, slots[slot] + n);
    }

    /** Owner thread only. */
    public void increment(int slot) {
        SLOT.setOpaque(slots, slot, slots[slot] + 1);
    }

    /** Owner thread only. */
    public void set(int slot, long value) {
        SLOT.setOpaque(slots, slot, value);
    }

    /** Any thread. */
    public long get(int slot) {
        return (long) SLOT.getOpaque(slots, slot);
    }
}
