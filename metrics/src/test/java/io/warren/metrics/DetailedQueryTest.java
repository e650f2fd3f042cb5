package io.warren.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetailedQueryTest {

    @Test
    void repeatedParametersAreAllKept() {
        DetailedQuery q = DetailedQuery.parse(Map.of(
                "family", List.of("queue_coarse_metrics", "queue_metrics", "queue_coarse_metrics"),
                "vhost", List.of("a", "b")));
        assertEquals(Set.of("queue_coarse_metrics", "queue_metrics"), q.families());
        assertTrue(q.wants("queue_metrics"));
        assertFalse(q.wants("channel_metrics"));
        assertTrue(q.includes("a"));
        assertTrue(q.includes("b"));
        assertFalse(q.includes("/"));
    }

    @Test
    void withoutVhostParametersEveryVhostIsIncluded() {
        DetailedQuery q = DetailedQuery.parse(Map.of("family", List.of("queue_coarse_metrics")));
        assertTrue(q.includes("/"));
        assertTrue(q.includes("anything"));
    }

    @Test
    void withoutParametersNoFamilyIsWanted() {
        DetailedQuery q = DetailedQuery.parse(Map.of());
        assertTrue(q.families().isEmpty());
        assertFalse(q.wants("queue_coarse_metrics"));
    }
}
