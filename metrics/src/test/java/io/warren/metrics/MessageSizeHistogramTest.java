package io.warren.metrics;

import io.warren.broker.stats.MessageSizes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** rabbitmq_message_size_bytes: RabbitMQ's buckets, counted cumulatively, bounds written as the dashboard selects them. */
class MessageSizeHistogramTest {

    @Test
    void boundsAreWrittenAsPrometheusNormalisesThem() {
        assertEquals(List.of("100.0", "1000.0", "10000.0", "100000.0", "1e+06", "1e+07", "5e+07", "1e+08"),
                Arrays.stream(MessageSizes.BOUNDS).mapToObj(NodeMetrics::bound).toList());
    }

    @Test
    void aSizeEqualToABoundCountsInThatBucketAndEveryLargerOne() {
        MessageSizes sizes = new MessageSizes();
        for (long size : new long[] {0, 100, 101, 1_000, 100_000_000, 100_000_001}) {
            sizes.observe(size);
        }
        assertArrayEquals(new long[] {2, 4, 4, 4, 4, 4, 4, 5, 6}, sizes.cumulativeCounts());
        assertEquals(200_001_202L, sizes.sum());
    }
}
