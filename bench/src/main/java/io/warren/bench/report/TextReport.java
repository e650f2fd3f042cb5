package io.warren.bench.report;

import java.util.Locale;

/** Fixed-width lines for people reading a terminal: one header, then one row per scenario. */
public final class TextReport {
    private static final String ROW = "%-22s %11s %11s %9s %9s %9s %11s %11s";

    private TextReport() {}

    public static String header() {
        return String.format(Locale.ROOT, ROW,
                "scenario", "sent msg/s", "recv msg/s", "p50 ms", "p95 ms", "p99 ms", "sent", "received");
    }

    public static String row(ScenarioResult r) {
        LatencySummary latency = r.latency();
        return String.format(Locale.ROOT, ROW,
                r.number() + " " + r.scenario(),
                rate(r.sentPerSecond()), rate(r.receivedPerSecond()),
                millis(latency.p50Ms()), millis(latency.p95Ms()), millis(latency.p99Ms()),
                r.sent(), r.received());
    }

    /** Messages per second, whole. */
    public static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%.0f", perSecond);
    }

    /** Milliseconds to the hundredth, or "-" when there were no samples. */
    public static String millis(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.2f", ms);
    }
}
