package io.warren.broker.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateMathTest {
    private static final long INTERVAL = 5000;

    @Test
    void instantRateIsTheSlopeOfTheLastTwoSamples() {
        long[] t = {100_000, 105_000, 110_000};
        long[] v = {0, 10, 60};
        assertEquals(10.0, RateMath.instantRate(t, v, 3, 112_000, INTERVAL));
    }

    @Test
    void instantRateIsZeroWhenTheLastSampleIsStale() {
        long[] t = {100_000, 105_000};
        long[] v = {0, 50};
        // The current interval began at 120 s; a sample older than 115 s is no longer live.
        assertEquals(0.0, RateMath.instantRate(t, v, 2, 121_000, INTERVAL));
        assertEquals(10.0, RateMath.instantRate(t, v, 2, 109_000, INTERVAL));
    }

    @Test
    void instantRateNeedsTwoSamples() {
        assertEquals(0.0, RateMath.instantRate(new long[] {100_000}, new long[] {7}, 1, 101_000, INTERVAL));
    }

    @Test
    void rangeGivesOnePointPerIncrementNewestFirstWithAverages() {
        long[] t = {95_000, 100_000, 105_000, 110_000};
        long[] v = {0, 10, 30, 60};
        RateDetails d = RateMath.range(t, v, 4, 112_000, 10_000, 5000, INTERVAL, true);
        assertEquals(List.of(new RateDetails.Sample(60, 110_000), new RateDetails.Sample(30, 105_000),
                new RateDetails.Sample(10, 100_000)), d.samples());
        assertEquals(6.0, d.rate());
        assertEquals(100.0 / 3, d.avg(), 1e-9);
        assertEquals(5.0, d.avgRate());
    }

    @Test
    void rangePointsTakeTheLatestSampleAtOrBeforeThemAndStopAtTheFirstSampleWhenEarlierOnesWereDropped() {
        long[] t = {101_000, 109_000};
        long[] v = {4, 8};
        RateDetails d = RateMath.range(t, v, 2, 111_000, 60_000, 5000, INTERVAL, false);
        // Points at 110 s (-> 8 from 109 s) and 105 s (-> 4 from 101 s); none before 101 s.
        assertEquals(List.of(new RateDetails.Sample(8, 110_000), new RateDetails.Sample(4, 105_000)), d.samples());
        assertEquals(0.8, d.rate(), 1e-9);
    }

    @Test
    void aRangeOverAYoungObjectIsPaddedWithZerosToItsFullLengthAsRabbitMqPadsIt() {
        long[] t = {101_000, 109_000};
        long[] v = {4, 8};
        RateDetails d = RateMath.range(t, v, 2, 111_000, 60_000, 5000, INTERVAL, true);
        // 60 s every 5 s: 13 points, from 110 s back to 50 s; the 11 before 101 s are zeros.
        assertEquals(13, d.samples().size());
        assertEquals(new RateDetails.Sample(8, 110_000), d.samples().get(0));
        assertEquals(new RateDetails.Sample(4, 105_000), d.samples().get(1));
        assertEquals(new RateDetails.Sample(0, 50_000), d.samples().get(12));
        assertTrue(d.samples().subList(2, 13).stream().allMatch(s -> s.sample() == 0));
        assertEquals(12.0 / 13, d.avg(), 1e-9);
        assertEquals(8 / 60.0, d.avgRate(), 1e-9);
        assertEquals(0.8, d.rate(), 1e-9);
    }

    @Test
    void aSinglePointHasNoAverages() {
        RateDetails d = RateMath.range(new long[] {110_000}, new long[] {3}, 1, 111_000, 60_000, 5000, INTERVAL, false);
        assertEquals(1, d.samples().size());
        assertFalse(d.hasAverages());
    }

    @Test
    void historyKeepsOnlyItsCapacityAndStartsFromTheLastZeroAndDoesNotPadWhatItDropped() {
        SampleHistory h = new SampleHistory(List.of("a", "b"), 3, INTERVAL);
        h.record(90_000, new long[] {0, 0});
        h.record(95_000, new long[] {0, 0});
        h.record(100_000, new long[] {5, 1});
        h.record(105_000, new long[] {10, 2});
        h.record(110_000, new long[] {20, 3});
        RateDetails d = h.details("a", 111_000, 60, 5);
        assertEquals(List.of(new RateDetails.Sample(20, 110_000), new RateDetails.Sample(10, 105_000),
                new RateDetails.Sample(5, 100_000)), d.samples());
        assertEquals(0.2, h.details("b", 111_000, 0, 0).rate(), 1e-9);
        assertNull(h.details("b", 111_000, 0, 0).samples());
    }

    @Test
    void anIdleHistoryReportsZeros() {
        SampleHistory h = new SampleHistory(List.of("a"), 13, INTERVAL);
        h.record(100_000, new long[] {0});
        h.record(105_000, new long[] {0});
        RateDetails d = h.details("a", 106_000, 10, 5);
        assertEquals(0.0, d.rate());
        // Before its first sample the object did not exist: zeros, as RabbitMQ pads.
        assertEquals(List.of(new RateDetails.Sample(0, 105_000), new RateDetails.Sample(0, 100_000),
                new RateDetails.Sample(0, 95_000)), d.samples());
    }

    @Test
    void aSecondSampleInOneIntervalReplacesTheFirst() {
        SampleHistory h = new SampleHistory(List.of("a"), 13, INTERVAL);
        h.record(100_000, new long[] {1});
        h.record(105_000, new long[] {2});
        h.record(105_000, new long[] {7});
        RateDetails d = h.details("a", 106_000, 10, 5);
        assertEquals(List.of(new RateDetails.Sample(7, 105_000), new RateDetails.Sample(1, 100_000),
                new RateDetails.Sample(0, 95_000)), d.samples());
        assertEquals(1.2, h.details("a", 106_000, 0, 0).rate(), 1e-9);
    }
}
