package io.warren.bench.compare;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MedianTest {

    @Test
    void anOddCountTakesTheMiddleValue() {
        assertEquals(5.0, Median.of(9, 1, 5));
    }

    @Test
    void anEvenCountAveragesTheTwoMiddleValues() {
        assertEquals(3.5, Median.of(4, 10, 1, 3));
    }

    @Test
    void oneValueIsItsOwnMedian() {
        assertEquals(7.25, Median.of(7.25));
    }

    @Test
    void missingValuesAreLeftOut() {
        assertEquals(2.0, Median.of(Double.NaN, 2, Double.NaN));
        assertEquals(Double.NaN, Median.of(Double.NaN));
        assertEquals(Double.NaN, Median.of());
    }
}
