package io.warren.metrics;

/** The text of each page the endpoint serves; built afresh for every scrape. */
final class MetricsPages {
    private final NodeMetrics node;
    private final CoreMetrics core;
    private final JvmMetrics jvm;

    MetricsPages(NodeMetrics node, CoreMetrics core, JvmMetrics jvm) {
        this.node = node;
        this.core = core;
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

    /** /metrics/detailed without a family: the identity and build info only, as RabbitMQ answers. */
    String detailed() {
        StringBuilder out = new StringBuilder();
        node.writeInfo(new PrometheusText(out));
        return out.toString();
    }

    private String rabbit(boolean perObject) {
        StringBuilder out = new StringBuilder(16 * 1024);
        PrometheusText text = new PrometheusText(out);
        node.write(text);
        core.write(text, perObject);
        return out.toString();
    }
}
