package io.warren.bench.compare;

import io.warren.bench.management.ManagementResult;
import io.warren.bench.management.QueryResult;
import io.warren.bench.report.LatencySummary;
import io.warren.bench.report.TextReport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Renders the Markdown table management-compare.sh prints: per query, the median over each
 * broker's runs of the p50, p95 and p99 latencies with the ratio candidate/baseline, and the
 * response sizes; then the brokers' memory. Stateless.
 */
public record ManagementComparisonTable(BrokerSide candidate, BrokerSide baseline) {
    private static final double MEBIBYTE = 1024 * 1024;

    /** Results with any other label are ignored; queries are listed in the order the runs asked them. */
    public String render(List<ManagementResult> results) {
        List<ManagementResult> c = candidate.runsIn(results, ManagementResult::label);
        List<ManagementResult> b = baseline.runsIn(results, ManagementResult::label);
        Set<String> queries = new LinkedHashSet<>();
        for (ManagementResult r : results) {
            r.queries().forEach(q -> queries.add(q.query()));
        }
        String cn = candidate.title();
        String bn = baseline.title();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| Query | %1$s p50 ms | %2$s p50 ms | p50 %1$s/%2$s "
                        + "| %1$s p95 ms | %2$s p95 ms | p95 %1$s/%2$s | %1$s p99 ms | %2$s p99 ms | p99 %1$s/%2$s "
                        + "| %1$s KiB | %2$s KiB |%n", cn, bn))
                .append("|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|").append(System.lineSeparator());
        for (String query : queries) {
            out.append("| ").append(query);
            for (ToDoubleFunction<LatencySummary> percentile : List.<ToDoubleFunction<LatencySummary>>of(
                    LatencySummary::p50Ms, LatencySummary::p95Ms, LatencySummary::p99Ms)) {
                double cm = median(c, query, q -> percentile.applyAsDouble(q.latency()));
                double bm = median(b, query, q -> percentile.applyAsDouble(q.latency()));
                out.append(" | ").append(TextReport.millis(cm)).append(" | ").append(TextReport.millis(bm))
                        .append(" | ").append(ratio(cm, bm));
            }
            out.append(" | ").append(kibibytes(median(c, query, q -> q.bytes())))
                    .append(" | ").append(kibibytes(median(b, query, q -> q.bytes()))).append(" |")
                    .append(System.lineSeparator());
        }
        out.append(System.lineSeparator());
        out.append(memory("Broker RSS with the fixture", c, b, ManagementResult::rssBytes));
        out.append(memory("Broker RSS before the run", c, b, ManagementResult::rssBeforeBytes));
        double heap = Median.of(known(c, ManagementResult::heapAfterGcBytes));
        if (!Double.isNaN(heap)) {
            out.append(String.format(Locale.ROOT, "%s heap in use after a full GC, with the fixture: %s MiB.%n",
                    cn, mebibytes(heap)));
        }
        out.append(String.format(Locale.ROOT, "Medians over %d %s and %d %s run(s). A ratio below 1 means %s "
                + "answered faster.%n", c.size(), cn, b.size(), bn, cn));
        return out.toString();
    }

    private String memory(String title, List<ManagementResult> c, List<ManagementResult> b,
                          ToDoubleFunction<ManagementResult> figure) {
        double cm = Median.of(known(c, figure));
        double bm = Median.of(known(b, figure));
        if (Double.isNaN(cm) && Double.isNaN(bm)) {
            return "";
        }
        return String.format(Locale.ROOT, "%s: %s %s MiB, %s %s MiB (%s/%s %s).%n", title, candidate.title(),
                mebibytes(cm), baseline.title(), mebibytes(bm), candidate.title(), baseline.title(),
                ComparisonTable.ratio(cm, bm));
    }

    /** Like {@link ComparisonTable#ratio}, with a third decimal below 0.1 so that 0.004 does not show as 0.00. */
    static String ratio(double candidate, double baseline) {
        String twoDecimals = ComparisonTable.ratio(candidate, baseline);
        if (twoDecimals.equals("n/a") || candidate / baseline >= 0.1) {
            return twoDecimals;
        }
        return String.format(Locale.ROOT, "%.3f", candidate / baseline);
    }

    private static double median(List<ManagementResult> runs, String query, ToDoubleFunction<QueryResult> figure) {
        List<Double> values = new ArrayList<>();
        for (ManagementResult r : runs) {
            r.queries().stream().filter(q -> q.query().equals(query)).forEach(q -> values.add(figure.applyAsDouble(q)));
        }
        return Median.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The figure of every run that has it; a negative figure means the run could not tell. */
    private static double[] known(List<ManagementResult> runs, ToDoubleFunction<ManagementResult> figure) {
        return runs.stream().mapToDouble(figure).filter(v -> v >= 0).toArray();
    }

    private static String kibibytes(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.1f", bytes / 1024);
    }

    private static String mebibytes(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.0f", bytes / MEBIBYTE);
    }
}
