package io.warren.bench.management;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ManagementQueryTest {
    @Test
    void theCatalogueAsksWhatTheWebUiAndPeopleAsk() {
        List<ManagementQuery> queries = ManagementQuery.catalogue("run.q", 10_000, "/", "run.q00000");

        assertEquals(List.of(
                new ManagementQuery("ui-queues",
                        "/api/queues?page=1&page_size=50&use_regex=false&sort=name&sort_reverse=false&pagination=true"),
                new ManagementQuery("queues-page1", "/api/queues?page=1&page_size=100"),
                new ManagementQuery("queues-by-messages", "/api/queues?page=1&page_size=100&sort=messages&sort_reverse=true"),
                new ManagementQuery("queues-name-filter", "/api/queues?page=1&page_size=100&name=run.q0004&use_regex=false"),
                new ManagementQuery("queues-page50", "/api/queues?page=50&page_size=100"),
                new ManagementQuery("queue", "/api/queues/%2F/run.q00000"),
                new ManagementQuery("overview", "/api/overview"),
                new ManagementQuery("connections-page1", "/api/connections?page=1&page_size=100")), queries);
    }

    @Test
    void aShortListAsksForItsLastPageAndFiltersOnTheWholePrefix() {
        List<ManagementQuery> queries = ManagementQuery.catalogue("run.q", 30, "my vhost", "run.q00000");

        assertEquals("/api/queues?page=1&page_size=100&name=run.q&use_regex=false", queries.get(3).path());
        assertEquals(new ManagementQuery("queues-page1", "/api/queues?page=1&page_size=100"), queries.get(4));
        assertEquals("/api/queues/my%20vhost/run.q00000", queries.get(5).path());
        assertEquals("queues-page3",
                ManagementQuery.catalogue("q", 201, "/", "q00000").get(4).name());
    }
}
