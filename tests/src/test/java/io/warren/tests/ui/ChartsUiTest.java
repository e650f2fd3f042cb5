package io.warren.tests.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.warren.tests.connection.Names;
import io.warren.tests.management.Api;
import io.warren.tests.management.ManagementTarget;
import io.warren.tests.management.StatsWait;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The charts of the management UI in a real browser: a queue's message rates and lengths, and an
 * exchange's rates, drawn from the broker's samples after real traffic, and overview charts that, opened or reloaded,
 * show what the broker sampled before the page loaded (RabbitMQ's UI draws from the broker's
 * samples the same way), over the range the user picks.
 */
class ChartsUiTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static HeadlessChromium browser;
    private Console console;

    @BeforeAll
    static void start() {
        assumeFalse(broker.isExternal(), "the UI under test is Warren's; RabbitMQ serves its own");
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void logIn() {
        console = browser.logIn(URI.create(broker.managementUri()), "guest", "guest");
        console.script("localStorage.removeItem('warren.chart-range')");
    }

    @AfterEach
    void theConsoleLoggedNoErrors() {
        browser.assertNoErrors(m -> false);
    }

    @Test
    void theQueueAndExchangePagesChartTheirRatesAndLengthsFromTheBrokersSamples() throws Exception {
        String queue = Names.unique("ui-charted");
        String exchange = Names.unique("ui-charted-x");
        ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
        try (Connection connection = broker.connect()) {
            Channel ch = connection.createChannel();
            ch.confirmSelect();
            ch.queueDeclare(queue, false, false, false, null);
            ch.exchangeDeclare(exchange, "fanout", false, false, null);
            ch.queueBind(queue, exchange, "");
            // Every 200 ms: two publishes through the exchange, one get with a manual ack; the queue grows by one.
            traffic.scheduleAtFixedRate(() -> {
                try {
                    ch.basicPublish(exchange, "", null, new byte[] {1});
                    ch.basicPublish(exchange, "", null, new byte[] {2});
                    ch.waitForConfirmsOrDie(5_000);
                    GetResponse got = ch.basicGet(queue, false);
                    ch.basicAck(got.getEnvelope().getDeliveryTag(), false);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 200, TimeUnit.MILLISECONDS);

            console.go("#/queues/%2F/" + queue);
            console.waitFor("publishes, gets and acks charted as rates", d -> console.chartAboveZero("queue-rates-chart", "Publish")
                    && console.chartAboveZero("queue-rates-chart", "Get (manual ack)")
                    && console.chartAboveZero("queue-rates-chart", "Consumer ack"));
            console.waitFor("the ready messages charted", d -> console.chartAboveZero("queue-lengths-chart", "Ready"));

            List<List<Number>> publish = series("queue-rates-chart", "Publish");
            for (int i = 1; i < publish.size(); i++) {
                assertEquals(5000, publish.get(i).get(0).longValue() - publish.get(i - 1).get(0).longValue(),
                        "a point every 5 s: " + publish);
            }
            // Ten publishes a second at most: the chart shows rates, not running totals.
            assertTrue(publish.stream().allMatch(p -> p.get(1).doubleValue() <= 50), publish.toString());
            // The last minute, every 5 s, from the first draw: the broker's range, not points the page collected.
            assertEquals(13, series("queue-lengths-chart", "Total").size());
            assertTrue(series("queue-rates-chart", "Publish (in)").isEmpty(), "a queue has no exchange rates");
            String legend = (String) console.script("return Chart.getChart(document.getElementById('queue-rates-chart'))"
                    + ".legend.legendItems.map(i => i.text).join(',')");
            assertTrue(legend.contains("Publish") && !legend.contains("Publish (in)"), legend);

            console.go("#/exchanges/%2F/" + exchange);
            console.waitFor("the exchange's messages in and out charted as rates",
                    d -> console.chartAboveZero("exchange-rates-chart", "Publish (in)") && console.chartAboveZero("exchange-rates-chart", "Publish (out)"));
        } finally {
            traffic.shutdownNow();
            traffic.awaitTermination(5, TimeUnit.SECONDS);
            try (Connection cleanup = broker.connect()) {
                Channel ch = cleanup.createChannel();
                ch.queueDelete(queue);
                ch.exchangeDelete(exchange);
            }
        }
    }

    @Test
    void anOverviewChartOpenedOrReloadedShowsWhatTheBrokerSampledBeforeThePageLoaded() throws Exception {
        String queue = Names.unique("ui-history");
        try (Connection connection = broker.connect()) {
            Channel ch = connection.createChannel();
            ch.confirmSelect();
            ch.queueDeclare(queue, false, false, false, null);
            try {
                for (int i = 0; i < 25; i++) {
                    ch.basicPublish("", queue, null, new byte[] {1});
                }
                ch.waitForConfirmsOrDie(5_000);
                Api api = ManagementTarget.of(broker).api();
                StatsWait.until("the broker sampled 25 queued messages", () -> {
                    JsonNode samples = api.get("/api/overview?lengths_age=60&lengths_incr=5").json()
                            .path("queue_totals").path("messages_details").path("samples");
                    return samples.size() > 0 && samples.get(0).path("sample").asLong() >= 25 ? samples : null;
                });

                // Logging in showed the overview already: leave it, so that it is drawn anew.
                console.go("#/queues");
                long opened = System.currentTimeMillis();
                console.go("#/overview");
                assertHistoryBefore(opened);

                long reloaded = System.currentTimeMillis();
                browser.driver().navigate().refresh();
                console.visible(By.cssSelector("#outlet .page h1"));
                assertHistoryBefore(reloaded);

                new Select(console.visible(By.cssSelector("select.range-picker"))).selectByValue("600|5");
                console.waitFor("ten minutes every 5 s", d -> sizeOf("lengths-chart", "Total") == 121);
                assertEquals("600|5", console.script("return localStorage.getItem('warren.chart-range')"));
                List<String> offered = new Select(console.visible(By.cssSelector("select.range-picker"))).getOptions()
                        .stream().map(o -> o.getAttribute("value")).toList();
                assertEquals(List.of("60|5", "600|5", "3600|60"), offered, "what Warren keeps of the broker as a whole");
            } finally {
                ch.queueDelete(queue);
            }
        }
    }

    // At its first draw, the queued-messages chart holds the whole last minute, and the 25
    // messages at a time before the page was loaded.
    private void assertHistoryBefore(long loadedAt) {
        console.waitFor("the queued messages chart drawn", d -> sizeOf("lengths-chart", "Total") > 0);
        List<List<Number>> total = series("lengths-chart", "Total");
        assertEquals(13, total.size(), total.toString());
        assertTrue(total.stream().anyMatch(p -> p.get(0).longValue() < loadedAt && p.get(1).longValue() >= 25),
                "a point before " + loadedAt + " with the 25 messages: " + total);
    }

    private int sizeOf(String chart, String label) {
        List<List<Number>> s = series(chart, label);
        return s == null ? 0 : s.size();
    }

    private List<List<Number>> series(String chart, String label) {
        return console.chartSeries(chart, label);
    }
}
