package io.warren.bench.compare;

import java.util.Arrays;

/** The median that compare.sh reports across rounds. */
final class Median {
    private Median() {}

    /**
     * The middle value, or the mean of the two middle values for an even count. NaN values (a
     * run without latency samples) are left out; with nothing left the result is NaN.
     */
    static double of(double... values) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
