package io.warren.broker.stats;

import java.util.List;

/**
 * One field's {@code <field>_details} as RabbitMQ's management API gives it: the current
 * {@code rate} per second, and when a range was asked for, its {@code samples} (newest first),
 * their {@code avg} and the {@code avg_rate} across them. Without a range, or with fewer than two
 * samples in it, {@code samples} is null or {@code avg} and {@code avgRate} are NaN, and those
 * keys are left out of the JSON, as RabbitMQ leaves them out.
 */
public record RateDetails(double rate, List<Sample> samples, double avg, double avgRate) {
    /** One point of the range: the field's value at {@code timestamp} (epoch ms). */
    public record Sample(long sample, long timestamp) {}

    public static final RateDetails ZERO = new RateDetails(0.0, null, Double.NaN, Double.NaN);

    public boolean hasSamples() {
        return samples != null;
    }

    public boolean hasAverages() {
        return !Double.isNaN(avg);
    }
}
