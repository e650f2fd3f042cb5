package io.warren.queue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The budget's plan: who pages out how much. Pure logic, no queues. */
class MemoryBudgetTest {

    @Property
    void theBiggestPageFirstAndNobodyGivesMoreThanItHas(
            @ForAll @Size(max = 50) List<@LongRange(min = 0, max = 100_000_000) Long> sizes,
            @ForAll @LongRange(min = 1, max = 2_000_000_000) long excess) {
        long[] pageable = sizes.stream().mapToLong(Long::longValue).toArray();
        long[] plan = MemoryBudget.plan(pageable, excess);
        long total = 0;
        long available = 0;
        for (int i = 0; i < pageable.length; i++) {
            assertTrue(plan[i] >= 0 && plan[i] <= pageable[i], "queue " + i + " asked for " + plan[i]);
            total += plan[i];
            available += pageable[i];
        }
        assertTrue(total >= Math.min(excess, available), "frees the excess, or all there is: " + total);
        for (int i = 0; i < pageable.length; i++) {
            for (int j = 0; j < pageable.length; j++) {
                if (pageable[i] > pageable[j] && plan[j] > 0) {
                    assertEquals(pageable[i], plan[i], "a bigger queue gives all before a smaller one is asked");
                }
            }
        }
    }

    @Property
    void onlyTheLastQueueAskedGivesLessThanAll(
            @ForAll @Size(min = 1, max = 50) List<@LongRange(min = 1, max = 100_000_000) Long> sizes,
            @ForAll @LongRange(min = 1, max = 2_000_000_000) long excess) {
        long[] pageable = sizes.stream().mapToLong(Long::longValue).toArray();
        long[] plan = MemoryBudget.plan(pageable, excess);
        int partial = 0;
        for (int i = 0; i < pageable.length; i++) {
            if (plan[i] > 0 && plan[i] < pageable[i]) {
                partial++;
                assertTrue(plan[i] >= MemoryBudget.MIN_PAGE_OUT, "a partial page-out is worth its flush");
            }
        }
        assertTrue(partial <= 1, partial + " queues page out part of what they have");
    }

    @Test
    void nothingIsAskedWithoutAnExcess() {
        assertArrayEquals(new long[] {0, 0}, MemoryBudget.plan(new long[] {5, 7}, 0));
    }

    @Test
    void aQueueAskedPagesAtLeastTheMinimum() {
        long[] plan = MemoryBudget.plan(new long[] {10_000_000, 1}, 1);
        assertEquals(MemoryBudget.MIN_PAGE_OUT, plan[0]);
        assertEquals(0, plan[1]);
    }

    @Test
    void theUnlimitedBudgetNeverPages() {
        MemoryBudget b = MemoryBudget.unlimited();
        b.inFlight(1L << 40);
        try {
            assertEquals(0, b.rebalance());
            assertFalse(b.tight());
        } finally {
            b.inFlight(-(1L << 40));
        }
    }

    @Test
    void inFlightMessagesCountUntilTaken() {
        MemoryBudget b = new MemoryBudget(1000);
        b.inFlight(1500);
        assertEquals(1500, b.used());
        b.rebalance();
        assertTrue(b.tight(), "over the limit");
        b.inFlight(-1500);
        b.rebalance();
        assertFalse(b.tight());
    }
}
