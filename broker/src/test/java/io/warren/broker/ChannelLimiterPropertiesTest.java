package io.warren.broker;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChannelLimiter} against random sequences of what a channel and its queues do: the volume
 * is what a plain count says, the line and the credit set aside never leave a unit unused while
 * someone waits, and with queues that always have messages the channel's consumers take turns.
 */
class ChannelLimiterPropertiesTest {
    private static final int WAITERS = 4;

    /** One step: {@code kind} picks the operation, {@code a} and {@code b} its arguments. */
    record Step(int kind, int a, int b) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Arbitraries.integers().between(0, 6).flatMap(kind ->
                Arbitraries.integers().between(0, 5).flatMap(a ->
                        Arbitraries.integers().between(0, 5).map(b -> new Step(kind, a, b))));
        return step.list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 300)
    void volumeLineAndSetAsideStayConsistent(@ForAll("steps") List<Step> steps) {
        ChannelLimiter limiter = new ChannelLimiter();
        List<Integer> woken = new ArrayList<>();
        List<ChannelLimiter.Waiter> waiters = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            int id = i;
            waiters.add(() -> woken.add(id));
        }
        int limit = 0;
        int volume = 0;
        for (Step s : steps) {
            ChannelLimiter.Waiter w = waiters.get(s.a() % WAITERS);
            boolean ackRequired = s.b() % 3 != 0;
            switch (s.kind()) {
                case 0 -> {
                    int newLimit = s.b();
                    int unacked = s.a();
                    limiter.setLimit(newLimit, unacked);
                    volume = newLimit == 0 ? 0 : limit == 0 ? unacked : volume;
                    limit = newLimit;
                }
                case 1, 2 -> {
                    boolean hadCreditAside = limiter.setAside().contains(w);
                    int r = limiter.tryAcquire(w, ackRequired);
                    if (limit == 0) {
                        assertEquals(ChannelLimiter.UNCOUNTED, r);
                    } else if (r == ChannelLimiter.REFUSED) {
                        assertTrue(!hadCreditAside, "refused although credit was set aside for it");
                        assertTrue(limiter.waiting().contains(w), "a refused consumer is in line");
                    } else {
                        assertEquals(ackRequired ? limiter.epoch() : ChannelLimiter.UNCOUNTED, r);
                        volume += ackRequired ? 1 : 0;
                    }
                }
                case 3 -> {
                    limiter.release(s.b());
                    volume = limit == 0 ? 0 : Math.max(0, volume - s.b());
                }
                case 4 -> limiter.giveBack(w);
                case 5 -> limiter.forget(w);
                default -> {
                    limiter.count(s.b());
                    volume += limit == 0 ? 0 : s.b();
                }
            }
            assertEquals(volume, limiter.volume(), "volume after " + s);
            Set<ChannelLimiter.Waiter> aside = limiter.setAside();
            List<ChannelLimiter.Waiter> line = limiter.waiting();
            assertTrue(Collections.disjoint(aside, line), "in line and served at once");
            if (limit == 0) {
                assertTrue(aside.isEmpty() && line.isEmpty(), "no line without a limit");
            } else if (!line.isEmpty()) {
                assertTrue(volume + aside.size() >= limit, "credit left unused while " + line + " wait");
            }
        }
    }

    /**
     * Consumers whose queues always have a message, a random order of acks, and each woken
     * consumer's queue offering until refused and then giving back what it did not use, as
     * ChannelConsumer does: however long they run, none gets more than {@code limit + 1} deliveries
     * ahead of another (the first one's burst up to the limit, and its place at the head of the line).
     */
    @Property(tries = 200)
    void consumersWithWorkTakeTurns(@ForAll @IntRange(min = 1, max = 5) int limit,
                                    @ForAll @IntRange(min = 2, max = 6) int consumers,
                                    @ForAll long seed) {
        Random random = new Random(seed);
        ChannelLimiter limiter = new ChannelLimiter();
        ArrayDeque<Integer> wakeups = new ArrayDeque<>();
        List<ChannelLimiter.Waiter> waiters = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            int id = i;
            waiters.add(() -> wakeups.add(id));
        }
        int[] delivered = new int[consumers];
        List<Integer> outstanding = new ArrayList<>();
        limiter.setLimit(limit, 0);
        for (int i = 0; i < consumers; i++) {
            wakeups.add(i);
        }
        for (int round = 0; round < 500; round++) {
            while (!wakeups.isEmpty()) {
                int id = wakeups.poll();
                ChannelLimiter.Waiter w = waiters.get(id);
                while (limiter.tryAcquire(w, true) != ChannelLimiter.REFUSED) {
                    delivered[id]++;
                    outstanding.add(id);
                }
                limiter.giveBack(w);
            }
            if (!outstanding.isEmpty()) {
                outstanding.remove(random.nextInt(outstanding.size()));
                limiter.release(1);
            }
        }
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int d : delivered) {
            max = Math.max(max, d);
            min = Math.min(min, d);
        }
        assertTrue(max - min <= limit + 1, "deliveries per consumer " + java.util.Arrays.toString(delivered));
    }
}
