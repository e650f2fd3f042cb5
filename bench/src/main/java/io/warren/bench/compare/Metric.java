package io.warren.bench.compare;

import io.warren.bench.report.ScenarioResult;
import io.warren.bench.report.TextReport;

import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/** A figure of a {@link ScenarioResult} that the comparison table shows, with its format. */
enum Metric {
    RECEIVED("received msg/s", ScenarioResult::receivedPerSecond, TextReport::rate),
    SENT("sent msg/s", ScenarioResult::sentPerSecond, TextReport::rate),
    P50("latency p50 ms", r -> r.latency().p50Ms(), TextReport::millis),
    P95("latency p95 ms", r -> r.latency().p95Ms(), TextReport::millis),
    P99("latency p99 ms", r -> r.latency().p99Ms(), TextReport::millis);

    final String title;
    private final ToDoubleFunction<ScenarioResult> value;
    private final DoubleFunction<String> format;

    Metric(String title, ToDoubleFunction<ScenarioResult> value, DoubleFunction<String> format) {
        this.title = title;
        this.value = value;
        this.format = format;
    }

    double of(ScenarioResult result) {
        return value.applyAsDouble(result);
    }

    String format(double value) {
        return format.apply(value);
    }
}
