package io.warren.metrics;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One rabbitmq_prometheus metric family over a kind of object (queue, channel, connection):
 * written once per object with the object's labels, or once in total with none.
 */
record ObjectFamily<T>(String name, String type, String help, ToDoubleFunction<T> value) {
    private static final String RABBITMQ = "rabbitmq_";

    static <T> ObjectFamily<T> gauge(String name, String help, ToDoubleFunction<T> value) {
        return new ObjectFamily<>(name, "gauge", help, value);
    }

    static <T> ObjectFamily<T> counter(String name, String help, ToDoubleFunction<T> value) {
        return new ObjectFamily<>(name, "counter", help, value);
    }

    /** The sum over every object, as /metrics gives it. */
    void writeTotal(PrometheusText text, List<T> objects) {
        double sum = 0;
        for (T o : objects) {
            sum += value.applyAsDouble(o);
        }
        text.family(name, type, help).sample(name, sum);
    }

    /** One sample per object, as /metrics/per-object gives it; a family without objects is left out. */
    void writeEach(PrometheusText text, List<T> objects, Function<T, String[]> labels) {
        if (!objects.isEmpty()) {
            writeAll(text, objects, labels);
        }
    }

    /**
     * One sample per object after the TYPE and HELP lines, which are written even without
     * objects, as /metrics/detailed gives a family it was asked for.
     */
    void writeAll(PrometheusText text, List<T> objects, Function<T, String[]> labels) {
        text.family(name, type, help);
        for (T o : objects) {
            text.sample(name, value.applyAsDouble(o), labels.apply(o));
        }
    }

    /** The same family named with {@code prefix} in place of rabbitmq_ (rabbitmq_detailed_ at /metrics/detailed). */
    ObjectFamily<T> withPrefix(String prefix) {
        if (!name.startsWith(RABBITMQ)) {
            throw new IllegalStateException("not a rabbitmq_ family: " + name);
        }
        return new ObjectFamily<>(prefix + name.substring(RABBITMQ.length()), type, help, value);
    }
}
