package io.warren.metrics;

/** The text of each page the endpoint serves; built afresh for every scrape. */
final class MetricsPages {
    private final NodeMetrics node;
    private final CoreMetrics core;
    private final DetailedMetrics detailed;
    private final JvmMetrics jvm;

    MetricsPages(NodeMetrics node, CoreMetrics core, DetailedMetrics detailed, JvmMetrics jvm) {
        this.node = node;
        this.core = core;
        this.detailed = detailed;
        this.jvm = jvm;
    }

    /** /metrics: every rabbitmq_* family summed over its objects, then the JVM's. */
    String aggregated() {
        return rabbit(false) + jvm.scrape();
    }

    /** /metrics/per-object: one series per queue, channel and connection, then the JVM's. */
    String perObject() {
        return rabbit(true) + jvm.scrape();
    }

    /**
     * /metrics/detailed: the families asked for, per object, then the build and identity info
     * (all RabbitMQ answers when no family is asked for).
     */
    String detailed(DetailedQuery query) {
        StringBuilder out = new StringBuilder(4 * 1024);
        detailed.write(new PrometheusText(out), query);
        return out.toString();
    }

    private String rabbit(boolean perObject) {
        StringBuilder out = new StringBuilder(16 * 1024);
        PrometheusText text = new PrometheusText(out);
        node.write(text, perObject ? "per-object" : "aggregated");
        core.write(text, perObject);
        return out.toString();
    }
}
