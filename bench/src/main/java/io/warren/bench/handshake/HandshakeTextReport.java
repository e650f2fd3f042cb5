package io.warren.bench.handshake;

import io.warren.bench.report.LatencySummary;
import io.warren.bench.report.TextReport;

import java.util.Locale;

/** A handshake result for people reading a terminal. */
public final class HandshakeTextReport {
    private HandshakeTextReport() {}

    public static String render(HandshakeResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "broker %s, %s, %d clients, %.1fs measured%n", r.broker(),
                r.tls().isEmpty() ? "plain AMQP" : r.tls() + (r.resumed() ? ", sessions resumed" : ", full handshakes"),
                r.clients(), r.seconds()));
        out.append(String.format(Locale.ROOT, "%-10s %12s %9s %9s %9s %9s%n",
                "", "per second", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        out.append(String.format(Locale.ROOT, "%-10s %12s %s%n", "open", TextReport.rate(r.handshakesPerSecond()),
                percentiles(r.open())));
        out.append(String.format(Locale.ROOT, "%-10s %12s %s%n", "close", "", percentiles(r.close())));
        out.append(String.format(Locale.ROOT, "%d connections opened and closed, %d attempts failed%s%n",
                r.handshakes(), r.failed(), r.firstFailure().isEmpty() ? "" : " (first: " + r.firstFailure() + ")"));
        return out.toString();
    }

    private static String percentiles(LatencySummary l) {
        return String.format(Locale.ROOT, "%9s %9s %9s %9s", TextReport.millis(l.p50Ms()), TextReport.millis(l.p95Ms()),
                TextReport.millis(l.p99Ms()), TextReport.millis(l.maxMs()));
    }
}
