package io.warren.broker;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class UnackedMapTest {
    private static Unacked u(long tag) {
        return new Unacked(tag, null, null, null);
    }

    private static List<Long> tags(List<Unacked> us) {
        return us.stream().map(x -> x.tag).toList();
    }

    @Test
    void singleAcksInAnyOrderThenMultipleTakesTheRestUpToTheTag() {
        UnackedMap m = new UnackedMap();
        for (long t = 1; t <= 6; t++) {
            m.add(u(t));
        }
        assertEquals(3, m.remove(3).tag);
        assertNull(m.remove(3), "a tag can be settled once");
        assertEquals(1, m.remove(1).tag);
        assertEquals(List.of(2L, 4L, 5L), tags(m.removeUpTo(5)));
        assertEquals(1, m.size());
        assertEquals(List.of(6L), tags(m.removeAll()));
        assertEquals(0, m.size());
    }

    @Test
    void restoreKeepsTagOrderForLaterMultipleAcks() {
        UnackedMap m = new UnackedMap();
        for (long t = 1; t <= 4; t++) {
            m.add(u(t));
        }
        List<Unacked> taken = m.removeUpTo(2);
        m.restore(taken);
        assertEquals(4, m.size());
        assertEquals(List.of(1L, 2L, 3L), tags(m.removeUpTo(3)));
        Unacked four = m.remove(4);
        assertSame(four, four);
        assertEquals(0, m.size());
    }
}
