package io.warren.broker.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * RabbitMQ's rate arithmetic (rabbit_mgmt_stats) over one field's samples, oldest first. Pure
 * functions, so that the numbers can be checked without a broker.
 */
public final class RateMath {
    private RateMath() {
    }

    /**
     * The rate per second between the last two samples, or 0 when there are fewer than two or
     * the newest is older than one interval before the current interval began: a rate is shown
     * only while it is live.
     */
    public static double instantRate(long[] times, long[] values, int count, long now, long intervalMs) {
        if (count < 2) {
            return 0.0;
        }
        long rangePoint = (now / intervalMs) * intervalMs - intervalMs;
        long last = times[count - 1];
        if (last < rangePoint) {
            return 0.0;
        }
        return rate(values[count - 1], values[count - 2], last - times[count - 2]);
    }

    /**
     * The details for a range ending now: one point every {@code incrMs} back from the current
     * increment boundary over {@code ageMs}, each the value of the latest sample at or before it,
     * newest first; the rate between the two newest points, {@code avg} the mean of the points
     * and {@code avg_rate} the rate from the oldest to the newest. Points before the first sample
     * are 0 when {@code zeroBefore} (nothing was there: the object did not exist yet, as RabbitMQ
     * pads a range with zeros when it knows there is nothing in the past) and left out otherwise
     * (older samples were dropped, so their values are unknown).
     */
    public static RateDetails range(long[] times, long[] values, int count, long now, long ageMs, long incrMs,
                                    long intervalMs, boolean zeroBefore) {
        long lastPoint = (now / incrMs) * incrMs;
        long firstPoint = lastPoint - ageMs;
        List<RateDetails.Sample> points = new ArrayList<>();
        int i = count - 1;
        for (long t = lastPoint; t >= firstPoint; t -= incrMs) {
            while (i >= 0 && times[i] > t) {
                i--;
            }
            if (i < 0 && !zeroBefore) {
                break;
            }
            points.add(new RateDetails.Sample(i < 0 ? 0 : values[i], t));
        }
        if (points.isEmpty()) {
            return new RateDetails(0.0, List.of(), Double.NaN, Double.NaN);
        }
        double rate = 0.0;
        if (points.size() >= 2 && count > 0 && times[count - 1] >= lastPoint - intervalMs) {
            RateDetails.Sample newest = points.get(0);
            RateDetails.Sample previous = points.get(1);
            rate = rate(newest.sample(), previous.sample(), newest.timestamp() - previous.timestamp());
        }
        if (points.size() < 2) {
            return new RateDetails(rate, List.copyOf(points), Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (RateDetails.Sample p : points) {
            sum += p.sample();
        }
        RateDetails.Sample newest = points.get(0);
        RateDetails.Sample oldest = points.get(points.size() - 1);
        double avgRate = rate(newest.sample(), oldest.sample(), newest.timestamp() - oldest.timestamp());
        return new RateDetails(rate, List.copyOf(points), sum / points.size(), avgRate);
    }

    private static double rate(long newer, long older, long millis) {
        return millis <= 0 ? 0.0 : (newer - older) * 1000.0 / millis;
    }
}
