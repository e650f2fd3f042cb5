package io.warren.tests.metrics;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every metric name that RabbitMQ's "RabbitMQ-Overview" Grafana dashboard queries (3.13's and the
 * newest, listed with their labels in {@code grafana/rabbitmq-overview-metrics.txt}) is on the
 * broker's /metrics (the aggregated page, which the dashboard is made for) and /metrics/per-object,
 * with a value and every label the queries select, join or group on; and the figures that were
 * missing move with the broker: publishers, TCP sockets, uptime, message sizes.
 *
 * <p>Against an external RabbitMQ older than a dashboard needs, what it lacks is printed and the
 * check is skipped: 3.10.8 has every name of 3.13's dashboard, but not the newest's message size
 * histogram nor the identity's {@code rabbitmq_endpoint} label (RabbitMQ 4.1).
 */
@ExtendWith(TestBroker.class)
class GrafanaOverviewMetricsTest {
    private static final String RESOURCE = "/grafana/rabbitmq-overview-metrics.txt";

    /** One version of the dashboard: its name, the RabbitMQ it needs, and what it queries. */
    record Dashboard(String name, String requires, List<Metric> metrics) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A name, the labels its series must have, and {@code le} values (a histogram's buckets) that must exist. */
    record Metric(String name, List<String> labels, List<String> buckets) {}

    static List<Dashboard> dashboards() throws IOException {
        List<Dashboard> out = new ArrayList<>();
        try (InputStream in = GrafanaOverviewMetricsTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Metric> metrics = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.trim().split("\\s+");
                if (words[0].equals("dashboard")) {
                    metrics = new ArrayList<>();
                    out.add(new Dashboard(words[1], words[words.length - 1].replace("rabbitmq>=", ""), metrics));
                    continue;
                }
                List<String> labels = new ArrayList<>();
                List<String> buckets = new ArrayList<>();
                for (int i = 1; i < words.length; i++) {
                    if (words[i].startsWith("le=")) {
                        buckets.add(words[i].substring(3));
                    } else {
                        labels.add(words[i]);
                    }
                }
                metrics.add(new Metric(words[0], labels, buckets));
            }
        }
        assertTrue(out.size() >= 2 && out.stream().allMatch(d -> d.metrics().size() > 30), "the list is read: " + out);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyNameTheDashboardQueriesIsExportedWithItsLabels(Dashboard dashboard, TestBroker broker) throws Exception {
        List<String> missing;
        // The per-object page has queue series only while there is a queue (RabbitMQ's after a statistics interval).
        try (Connection connection = broker.connect()) {
            connection.createChannel().queueDeclare();
            long deadline = System.nanoTime() + 20_000_000_000L;
            do {
                missing = new ArrayList<>();
                for (String page : List.of("/metrics", "/metrics/per-object")) {
                    Scrape scrape = Scrape.of(broker, page);
                    for (Metric m : dashboard.metrics()) {
                        missing.addAll(problems(scrape, m, page));
                    }
                }
            } while (!missing.isEmpty() && System.nanoTime() < deadline && pause());
        }
        if (!missing.isEmpty()) {
            System.out.println("The broker lacks what dashboard " + dashboard + " queries: " + missing);
            broker.assumeRabbitMqAtLeast(dashboard.requires());
        }
        assertEquals(List.of(), missing, "what dashboard " + dashboard + " queries");
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(500);
        return true;
    }

    private static List<String> problems(Scrape scrape, Metric m, String page) {
        List<Scrape.Sample> series = scrape.named(m.name());
        if (series.isEmpty()) {
            return List.of(page + " " + m.name());
        }
        List<String> problems = new ArrayList<>();
        for (Scrape.Sample s : series) {
            if (!Double.isFinite(s.value())) {
                problems.add(page + " " + m.name() + " " + s.labels() + " has no finite value: " + s.value());
            }
        }
        for (String label : m.labels()) {
            if (series.stream().noneMatch(s -> s.labels().containsKey(label))) {
                problems.add(page + " " + m.name() + " without label " + label);
            }
        }
        for (String le : m.buckets()) {
            if (series.stream().noneMatch(s -> le.equals(s.labels().get("le")))) {
                problems.add(page + " " + m.name() + "{le=\"" + le + "\"}");
            }
        }
        return problems;
    }

    @Test
    void theIdentityNamesThePageItIsOn(TestBroker broker) throws Exception {
        broker.assumeRabbitMqAtLeast("4.1");
        assertEquals(1.0, Scrape.of(broker, "/metrics").value("rabbitmq_identity_info", "rabbitmq_endpoint", "aggregated"));
        assertEquals(1.0, Scrape.of(broker, "/metrics/per-object")
                .value("rabbitmq_identity_info", "rabbitmq_endpoint", "per-object"));
        assertEquals(1.0, Scrape.of(broker, "/metrics/detailed?family=queue_coarse_metrics")
                .value("rabbitmq_identity_info", "rabbitmq_endpoint", "detailed"));
    }

    @Test
    void publishersSocketsAndUptimeFollowTheBroker(TestBroker broker) throws Exception {
        Scrape before = Scrape.of(broker, "/metrics");
        double publishersBefore = value(before, "rabbitmq_global_publishers", "protocol", "amqp091");
        try (Connection connection = broker.connect()) {
            Channel first = connection.createChannel();
            Channel second = connection.createChannel();
            connection.createChannel(); // open but idle: not a publisher
            String nowhere = Names.unique("grafana-unroutable");
            first.basicPublish("", nowhere, null, new byte[10]);
            second.basicPublish("", nowhere, null, new byte[10]);
            second.basicPublish("", nowhere, null, new byte[10]);
            first.confirmSelect();
            first.basicPublish("", nowhere, null, new byte[0]);
            first.waitForConfirmsOrDie(5_000);
            second.confirmSelect();
            second.basicPublish("", nowhere, null, new byte[0]);
            second.waitForConfirmsOrDie(5_000);

            // RabbitMQ's node figures (the sockets) trail by up to one statistics interval.
            Scrape during = Scrape.of(broker, "/metrics");
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (value(during, "rabbitmq_process_open_tcp_sockets") < 1 && System.nanoTime() < deadline && pause()) {
                during = Scrape.of(broker, "/metrics");
            }
            double publishersDuring = value(during, "rabbitmq_global_publishers", "protocol", "amqp091");
            // Channels that have published count, until they close; an idle one does not. The
            // reference broker is shared, so there it only has to grow by as much.
            if (broker.isExternal()) {
                assertTrue(publishersDuring >= publishersBefore + 2, publishersBefore + " -> " + publishersDuring);
            } else {
                assertEquals(publishersBefore + 2, publishersDuring, "publishers");
            }
            double open = value(during, "rabbitmq_process_open_tcp_sockets");
            double max = value(during, "rabbitmq_process_max_tcp_sockets");
            assertTrue(open >= 1 && max >= open, "open TCP sockets " + open + " within the limit " + max);
            assertTrue(value(during, "rabbitmq_erlang_uptime_seconds") > 0, "uptime");

            first.close();
            if (!broker.isExternal()) {
                assertEquals(publishersBefore + 1,
                        value(Scrape.of(broker, "/metrics"), "rabbitmq_global_publishers", "protocol", "amqp091"),
                        "publishers once one of them closed its channel");
            }
        }
        if (!broker.isExternal()) {
            assertEquals(publishersBefore, value(Scrape.of(broker, "/metrics"), "rabbitmq_global_publishers",
                    "protocol", "amqp091"), "publishers once the connection closed");
        }
    }

    @Test
    void messageSizesFillTheHistogramTheDashboardReads(TestBroker broker) throws Exception {
        broker.assumeRabbitMqAtLeast("4.1");
        Scrape before = Scrape.of(broker, "/metrics");
        try (Connection connection = broker.connect()) {
            Channel ch = connection.createChannel();
            ch.confirmSelect();
            String nowhere = Names.unique("grafana-sizes");
            for (int size : new int[] {0, 100, 101, 1_000, 5_000, 200_000}) {
                ch.basicPublish("", nowhere, null, new byte[size]);
            }
            ch.waitForConfirmsOrDie(5_000);
        }
        Scrape after = Scrape.of(broker, "/metrics");
        // Cumulative buckets, "le" as the dashboard writes them; RabbitMQ counts a size equal to a bound in its bucket.
        String[] bounds = {"100.0", "1000.0", "10000.0", "100000.0", "1e+06", "+Inf"};
        long[] atLeast = {2, 4, 5, 5, 6, 6};
        for (int i = 0; i < bounds.length; i++) {
            double grew = bucket(after, bounds[i]) - bucket(before, bounds[i]);
            assertTrue(grew >= atLeast[i], "le=" + bounds[i] + " grew by " + grew);
            if (!broker.isExternal()) {
                assertEquals(atLeast[i], grew, "le=" + bounds[i]);
            }
        }
        double sum = value(after, "rabbitmq_message_size_bytes_sum", "protocol", "amqp091")
                - value(before, "rabbitmq_message_size_bytes_sum", "protocol", "amqp091");
        assertTrue(sum >= 206_201, "sum grew by " + sum);
        assertEquals(bucket(after, "+Inf"), value(after, "rabbitmq_message_size_bytes_count", "protocol", "amqp091"));
    }

    private static double bucket(Scrape scrape, String le) {
        return value(scrape, "rabbitmq_message_size_bytes_bucket", "protocol", "amqp091", "le", le);
    }

    private static double value(Scrape scrape, String name, String... labels) {
        Double v = scrape.value(name, labels);
        assertNotNull(v, name + " " + List.of(labels));
        return v;
    }
}
