package io.warren.exchange;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteResultTest {
    private final RouteResult result = new RouteResult();

    @Test
    void keepsEachNameOnceInTheOrderFound() {
        assertTrue(result.add("b"));
        assertTrue(result.add("a"));
        assertFalse(result.add("b"));

        assertEquals(List.of("b", "a"), result.toList());
        assertEquals(2, result.size());
        assertEquals("a", result.get(1));
        assertTrue(result.contains("a"));
        assertFalse(result.contains("c"));
    }

    @Test
    void clearForgetsEverything() {
        result.add("a");
        result.add("b");

        result.clear();

        assertTrue(result.isEmpty());
        assertFalse(result.contains("a"));
        assertTrue(result.add("a"));
        assertEquals(List.of("a"), result.toList());
    }

    @Test
    void growsPastItsInitialSizeWithoutLosingNames() {
        for (int round = 0; round < 3; round++) {
            result.clear();
            for (int i = 0; i < 1000; i++) {
                result.add("q" + i);
                result.add("q" + (i / 2));
            }
            assertEquals(1000, result.size());
            for (int i = 0; i < 1000; i++) {
                assertEquals("q" + i, result.get(i));
                assertTrue(result.contains("q" + i));
            }
        }
    }

    @Test
    void iteratesInOrder() {
        result.add("x");
        result.add("y");
        List<String> iterated = new ArrayList<>();

        result.forEach(iterated::add);

        assertEquals(List.of("x", "y"), iterated);
    }

    @Test
    void rejectsIndexesOutOfRange() {
        result.add("x");

        assertThrows(IndexOutOfBoundsException.class, () -> result.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> result.get(-1));
    }
}
