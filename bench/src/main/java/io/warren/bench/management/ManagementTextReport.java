package io.warren.bench.management;

import io.warren.bench.report.TextReport;

import java.util.Locale;

/** The management-scale result as fixed-width lines for a terminal. */
public final class ManagementTextReport {
    private static final String ROW = "%-22s %9s %9s %9s %9s %11s  %s";

    private ManagementTextReport() {}

    public static String render(ManagementResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %,d queues, %,d idle connections, %d request(s) in flight%n",
                r.broker(), r.queues(), r.connections(), r.concurrency()));
        out.append(String.format(Locale.ROOT, ROW, "query", "p50 ms", "p95 ms", "p99 ms", "max ms", "bytes", "path"))
                .append(System.lineSeparator());
        for (QueryResult q : r.queries()) {
            out.append(String.format(Locale.ROOT, ROW, q.query(), TextReport.millis(q.latency().p50Ms()),
                    TextReport.millis(q.latency().p95Ms()), TextReport.millis(q.latency().p99Ms()),
                    TextReport.millis(q.latency().maxMs()), String.format(Locale.ROOT, "%,d", q.bytes()), q.path()))
                    .append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "broker RSS before %s MiB, with the fixture %s MiB; heap after GC %s MiB%n",
                mebibytes(r.rssBeforeBytes()), mebibytes(r.rssBytes()), mebibytes(r.heapAfterGcBytes())));
        return out.toString();
    }

    /** Whole mebibytes, or "n/a" for a figure that is not known (negative). */
    static String mebibytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f", bytes / 1048576.0);
    }
}
