package io.warren.bench.compare;

import io.warren.bench.report.ScenarioResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the Markdown table compare.sh prints: per scenario and metric, the median over each
 * broker's runs and the ratio candidate/baseline. Stateless.
 */
public record ComparisonTable(BrokerSide candidate, BrokerSide baseline) {
    /** Results with any other label are ignored; scenarios are listed by number. */
    public String render(List<ScenarioResult> results) {
        Map<String, List<ScenarioResult>> byScenario = results.stream()
                .filter(r -> r.label().equals(candidate.label()) || r.label().equals(baseline.label()))
                .sorted(Comparator.comparingInt(ScenarioResult::number).thenComparing(ScenarioResult::scenario))
                .collect(Collectors.groupingBy(r -> r.number() + " " + r.scenario(), LinkedHashMap::new,
                        Collectors.toList()));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| Scenario | Metric | %s | %s | %s/%s |%n",
                candidate.title(), baseline.title(), candidate.title(), baseline.title()));
        out.append("|:---|:---|---:|---:|---:|").append(System.lineSeparator());
        List<String> runCounts = new ArrayList<>();
        byScenario.forEach((scenario, runs) -> {
            List<ScenarioResult> candidateRuns = candidate.runsIn(runs, ScenarioResult::label);
            List<ScenarioResult> baselineRuns = baseline.runsIn(runs, ScenarioResult::label);
            runCounts.add(String.format(Locale.ROOT, "%s %d/%d", scenario, candidateRuns.size(), baselineRuns.size()));
            String firstCell = scenario;
            for (Metric metric : Metric.values()) {
                double c = median(metric, candidateRuns);
                double b = median(metric, baselineRuns);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n",
                        firstCell, metric.title, cell(metric, c), cell(metric, b), ratio(c, b)));
                firstCell = "";
            }
        });
        out.append(System.lineSeparator())
                .append(String.format(Locale.ROOT, "Medians over runs (%s/%s): %s.%n",
                        candidate.title(), baseline.title(), String.join(", ", runCounts)))
                .append(String.format(Locale.ROOT,
                        "A ratio above 1 means %s delivered more msg/s, or took longer per message.%n",
                        candidate.title()));
        List<ScenarioResult> shown = byScenario.values().stream().flatMap(List::stream).toList();
        if (shown.stream().anyMatch(r -> !r.tls().isEmpty())) {
            out.append(String.format(Locale.ROOT, "TLS: %s %s; %s %s.%n", candidate.title(), sessions(candidate, shown),
                    baseline.title(), sessions(baseline, shown)));
        }
        return out.toString();
    }

    /** What a side's connections negotiated, each distinct value once, "plain AMQP" for none. */
    private static String sessions(BrokerSide side, List<ScenarioResult> results) {
        List<String> seen = side.runsIn(results, ScenarioResult::label).stream()
                .map(r -> r.tls().isEmpty() ? "plain AMQP" : r.tls()).distinct().toList();
        return seen.isEmpty() ? "n/a" : String.join(" / ", seen);
    }

    private static double median(Metric metric, List<ScenarioResult> runs) {
        return Median.of(runs.stream().mapToDouble(metric::of).toArray());
    }

    private static String cell(Metric metric, double value) {
        return Double.isNaN(value) ? "n/a" : metric.format(value);
    }

    static String ratio(double candidate, double baseline) {
        if (Double.isNaN(candidate) || Double.isNaN(baseline) || baseline == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", candidate / baseline);
    }
}
