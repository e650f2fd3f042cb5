package io.warren.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ObjectFamilyTest {
    private static final ObjectFamily<Integer> DOUBLED =
            ObjectFamily.gauge("rabbitmq_queue_doubled", "Twice the number", n -> 2.0 * n);

    private static String written(java.util.function.Consumer<PrometheusText> write) {
        StringBuilder out = new StringBuilder();
        write.accept(new PrometheusText(out));
        return out.toString();
    }

    @Test
    void detailedFamiliesKeepTheirHeaderWithoutObjects() {
        assertEquals("# TYPE rabbitmq_queue_doubled gauge\n# HELP rabbitmq_queue_doubled Twice the number\n",
                written(t -> DOUBLED.writeAll(t, List.of(), n -> new String[0])));
        assertEquals("", written(t -> DOUBLED.writeEach(t, List.of(), n -> new String[0])));
    }

    @Test
    void eachObjectGetsItsLabelledSample() {
        assertEquals("""
                # TYPE rabbitmq_queue_doubled gauge
                # HELP rabbitmq_queue_doubled Twice the number
                rabbitmq_queue_doubled{vhost="v",queue="q1"} 2
                rabbitmq_queue_doubled{vhost="v",queue="q\\"2"} 4
                """, written(t -> DOUBLED.writeAll(t, List.of(1, 2),
                n -> new String[] {"vhost", "v", "queue", n == 1 ? "q1" : "q\"2"})));
    }

    @Test
    void prefixReplacesRabbitmq() {
        ObjectFamily<Integer> detailed = DOUBLED.withPrefix(DetailedMetrics.DETAILED);
        assertEquals("rabbitmq_detailed_queue_doubled", detailed.name());
        assertEquals(DOUBLED.help(), detailed.help());
        assertEquals("gauge", detailed.type());
        assertThrows(IllegalStateException.class,
                () -> ObjectFamily.gauge("jvm_x", "x", (Integer n) -> n).withPrefix(DetailedMetrics.DETAILED));
    }

    @Test
    void totalsSumOverObjects() {
        assertEquals("# TYPE rabbitmq_queue_doubled gauge\n# HELP rabbitmq_queue_doubled Twice the number\n"
                + "rabbitmq_queue_doubled 12\n", written(t -> DOUBLED.writeTotal(t, List.of(1, 2, 3))));
    }
}
