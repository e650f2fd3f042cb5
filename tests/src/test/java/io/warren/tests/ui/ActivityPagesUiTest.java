package io.warren.tests.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.broker.alarm.ResourceMonitors;
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
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.util.function.Predicate;

import static io.warren.tests.connection.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The connection and channel pages in a real browser, about a real connection with a publishing
 * channel and a consuming one (per-consumer prefetch 7, channel-wide 20, seven messages held
 * unacknowledged): reached from the lists, they show who the connection is, its properties and
 * channels, the channel's prefetch, consumers and counts, with charts of their rates; and the
 * connection page closes the connection with the reason typed in.
 */
class ActivityPagesUiTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static HeadlessChromium browser;
    private Console console;
    private Predicate<String> expectedErrors = m -> false;

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
    }

    @AfterEach
    void theConsoleLoggedNoErrors() {
        browser.assertNoErrors(expectedErrors);
    }

    @Test
    void theConnectionAndChannelPagesShowARealConsumer() throws Exception {
        String clientName = Names.unique("ui-client");
        String queue = Names.unique("ui-consumed");
        try (Connection connection = broker.factory().newConnection(clientName)) {
            Channel publisher = connection.createChannel();
            publisher.confirmSelect();
            Channel consumer = connection.createChannel();
            publisher.queueDeclare(queue, false, false, false, null);
            try {
                consumer.basicQos(7, false);
                consumer.basicQos(20, true);
                consumer.basicConsume(queue, false, "ui-consumer", new DefaultConsumer(consumer));
                for (int i = 0; i < 10; i++) {
                    publisher.basicPublish("", queue, null, new byte[] {1});
                }
                publisher.waitForConfirmsOrDie(5_000);
                String name = connectionNamed(clientName);

                openFromTheList(name);
                assertEquals(clientName, console.row("connection-details", "Client-provided name"));
                assertEquals("guest", console.row("connection-details", "Username"));
                assertEquals("/", console.row("connection-details", "Virtual host"));
                assertEquals("running", console.row("connection-details", "State"));
                assertEquals("AMQP 0-9-1", console.row("connection-details", "Protocol"));
                assertEquals("no", console.row("connection-details", "SSL"));
                assertEquals("PLAIN", console.row("connection-details", "SASL auth mechanism"));
                assertEquals(clientName, console.row("connection-client-properties", "connection_name"));
                assertTrue(console.row("connection-client-properties", "capabilities").contains("consumer_cancel_notify"));
                assertFalse(browser.driver().findElement(By.id("connection-tls")).isDisplayed(), "no TLS section without TLS");
                console.waitFor("the two channels listed", d -> console.all(By.cssSelector("#connection-channels a.channel-link")).size() == 2);
                console.waitFor("the client's bytes charted as a rate", d -> console.chartAboveZero("connection-data-chart", "From client"));

                String consuming = name + " (" + consumer.getChannelNumber() + ")";
                console.click(By.xpath("//div[@id='connection-channels']//a[text()='" + consuming + "']"));
                console.waitForText(By.cssSelector("#outlet h1"), consuming);
                console.waitForText(By.id("channel-messages"), "7");
                assertEquals("7", console.row("channel-messages", "Messages unacknowledged"));
                assertEquals("0", console.row("channel-messages", "Messages unconfirmed"));
                assertEquals("7", console.row("channel-details", "Prefetch count"));
                assertEquals("20", console.row("channel-details", "Global prefetch count"));
                assertEquals("running", console.row("channel-details", "State"));
                assertEquals("normal", console.row("channel-details", "Mode"));
                assertEquals("guest", console.row("channel-details", "Username"));
                WebElement consumerRow = console.visible(By.xpath("//div[@id='channel-consumers']//tr[td[text()='ui-consumer']]"));
                assertEquals(queue, consumerRow.findElement(By.cssSelector("a.queue-link")).getText());
                console.waitFor("the deliveries charted as a rate", d -> console.chartAboveZero("channel-rates-chart", "Deliver (manual ack)"));

                console.click(By.id("channel-connection"));
                console.waitForText(By.cssSelector("#outlet h1"), name);
                String publishing = name + " (" + publisher.getChannelNumber() + ")";
                console.click(By.xpath("//div[@id='connection-channels']//a[text()='" + publishing + "']"));
                console.waitForText(By.cssSelector("#outlet h1"), publishing);
                console.waitForText(By.xpath("//div[@id='channel-details']//tr[th='Mode']/td"), "confirm");
                console.waitFor("the publishes charted as a rate", d -> console.chartAboveZero("channel-rates-chart", "Publish"));
            } finally {
                publisher.queueDelete(queue);
            }
        }
    }

    @Test
    void theConnectionPageClosesItsConnectionWithTheReasonTypedIn() throws Exception {
        String clientName = Names.unique("ui-closed");
        Connection connection = broker.factory().newConnection(clientName);
        try {
            String name = connectionNamed(clientName);
            // A refresh already on its way when the connection closed may find it gone.
            expectedErrors = m -> m.contains("404") && m.contains("/api/connections/");
            openFromTheList(name);
            console.type(By.cssSelector("#close-connection-form input[name=reason]"), "closed by the UI test");
            console.click(By.cssSelector("#close-connection-form button[type=submit]"));
            console.confirm();

            console.waitFor("back on the list", d -> d.getCurrentUrl().endsWith("#/connections"));
            assertEventually("the connection is closed", () -> !connection.isOpen());
            ShutdownSignalException reason = connection.getCloseReason();
            assertTrue(reason.getMessage().contains("closed by the UI test"), reason.getMessage());
        } finally {
            if (connection.isOpen()) {
                connection.close();
            }
        }
    }

    @Test
    void aPageWhoseConnectionClosesSaysSo() throws Exception {
        String clientName = Names.unique("ui-gone");
        Connection connection = broker.factory().newConnection(clientName);
        try {
            openFromTheList(connectionNamed(clientName));
        } finally {
            connection.close();
        }
        // The next refresh finds the connection gone: the browser logs that 404.
        expectedErrors = m -> m.contains("404") && m.contains("/api/connections/");
        console.waitForText(By.id("connection-gone"), "This connection is closed");
        assertTrue(console.all(By.cssSelector("#notices .notice.error")).isEmpty(), "no error notice for a closed connection");
    }

    @Test
    void aConnectionUnderAResourceAlarmShowsItsStateWithRabbitMqsExplanation() throws Exception {
        String clientName = Names.unique("ui-alarm");
        ResourceMonitors monitors = broker.server().broker().resourceMonitors();
        long freeLimit = monitors.disk().freeLimit();
        try (Connection connection = broker.factory().newConnection(clientName)) {
            monitors.disk().setFreeLimit(Long.MAX_VALUE);
            try {
                openFromTheList(connectionNamed(clientName));
                By state = By.xpath("//div[@id='connection-details']//tr[th='State']/td/span");
                console.waitForText(state, "blocking");
                assertEquals("Resource alarm: connection will block on publish.", console.visible(state).getAttribute("title"));
            } finally {
                // Cleared before the close: a blocked connection would not read a connection.close.
                monitors.disk().setFreeLimit(freeLimit);
            }
        }
    }

    private String connectionNamed(String clientName) throws InterruptedException {
        Api api = ManagementTarget.of(broker).api();
        return StatsWait.until("connection " + clientName + " listed", () -> {
            for (JsonNode c : api.get("/api/connections").json()) {
                if (clientName.equals(c.path("user_provided_name").asText())) {
                    return c.get("name").asText();
                }
            }
            return null;
        });
    }

    /** Finds the connection in the list by its name and follows its link. */
    private void openFromTheList(String name) {
        console.go("#/connections");
        console.type(By.cssSelector("input.filter"), name);
        console.click(By.xpath("//table[contains(@class,'data')]//a[@class='connection-link' and text()='" + name + "']"));
        console.waitForText(By.cssSelector("#outlet h1"), name);
        console.waitForText(By.id("connection-details"), "Username");
    }
}
