package io.warren.bench.compare;

import io.warren.bench.handshake.HandshakeResult;
import io.warren.bench.report.TextReport;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Renders the Markdown table handshake-compare.sh prints: per figure, the median over each
 * broker's runs and the ratio candidate/baseline. Stateless.
 */
public record HandshakeComparisonTable(BrokerSide candidate, BrokerSide baseline) {
    private enum Figure {
        RATE("handshakes/s (open + close)", HandshakeResult::handshakesPerSecond, TextReport::rate),
        OPEN_P50("open p50 ms", r -> r.open().p50Ms(), TextReport::millis),
        OPEN_P99("open p99 ms", r -> r.open().p99Ms(), TextReport::millis),
        CLOSE_P50("close p50 ms", r -> r.close().p50Ms(), TextReport::millis),
        CLOSE_P99("close p99 ms", r -> r.close().p99Ms(), TextReport::millis),
        FAILED("failed attempts", r -> r.failed(), v -> String.format(Locale.ROOT, "%.0f", v));

        final String title;
        final ToDoubleFunction<HandshakeResult> value;
        final DoubleFunction<String> format;

        Figure(String title, ToDoubleFunction<HandshakeResult> value, DoubleFunction<String> format) {
            this.title = title;
            this.value = value;
            this.format = format;
        }
    }

    /** Results with any other label are ignored. */
    public String render(List<HandshakeResult> results) {
        List<HandshakeResult> candidateRuns = candidate.runsIn(results, HandshakeResult::label);
        List<HandshakeResult> baselineRuns = baseline.runsIn(results, HandshakeResult::label);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| Metric | %s | %s | %s/%s |%n",
                candidate.title(), baseline.title(), candidate.title(), baseline.title()));
        out.append("|:---|---:|---:|---:|").append(System.lineSeparator());
        for (Figure figure : Figure.values()) {
            double c = median(figure, candidateRuns);
            double b = median(figure, baselineRuns);
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", figure.title, cell(figure, c),
                    cell(figure, b), figure == Figure.FAILED ? "" : ComparisonTable.ratio(c, b)));
        }
        out.append(System.lineSeparator())
                .append(String.format(Locale.ROOT, "Medians over runs (%s/%s): %d/%d.%n", candidate.title(),
                        baseline.title(), candidateRuns.size(), baselineRuns.size()))
                .append(String.format(Locale.ROOT, "Connections: %s %s; %s %s.%n", candidate.title(),
                        describe(candidateRuns), baseline.title(), describe(baselineRuns)));
        return out.toString();
    }

    private static double median(Figure figure, List<HandshakeResult> runs) {
        return Median.of(runs.stream().mapToDouble(figure.value).toArray());
    }

    private static String cell(Figure figure, double value) {
        return Double.isNaN(value) ? "n/a" : figure.format.apply(value);
    }

    /** The TLS sessions, resumption and client counts the runs used, each distinct one once. */
    private static String describe(List<HandshakeResult> runs) {
        if (runs.isEmpty()) {
            return "n/a";
        }
        return String.join(" / ", runs.stream().map(r -> (r.tls().isEmpty() ? "plain AMQP"
                        : r.tls() + (r.resumed() ? " (sessions resumed)" : " (full handshakes)"))
                + ", " + r.clients() + " clients").distinct().toList());
    }
}
