package io.warren.tests.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.warren.tests.connection.Eventually.assertEventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The management web UI in a real browser (headless Chromium): log in, find one queue among
 * many, publish to it, peek, get and purge, create a policy, and watch the overview chart draw.
 * What the UI claims is checked again through AMQP.
 */
class ManagementUiTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static final int QUEUE_COUNT = 200;
    private static final String PREFIX = Names.unique("ui");

    private static HeadlessChromium browser;
    private static Connection connection;
    private static Channel channel;
    private Console console;

    @BeforeAll
    static void start() throws Exception {
        assumeFalse(broker.isExternal(), "the UI under test is Warren's; RabbitMQ serves its own");
        browser = HeadlessChromium.start();
        connection = broker.connect();
        channel = connection.createChannel();
        channel.confirmSelect();
        for (int i = 0; i < QUEUE_COUNT; i++) {
            channel.queueDeclare(queue(i), false, false, false, null);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (connection != null) {
            for (int i = 0; i < QUEUE_COUNT; i++) {
                channel.queueDelete(queue(i));
            }
            connection.close();
        }
    }

    @BeforeEach
    void logIn() {
        console = browser.logIn(URI.create(broker.managementUri()), "guest", "guest");
    }

    /** The console works under the server's Content-Security-Policy: the browser refused nothing. */
    @AfterEach
    void nothingWasRefusedByTheContentSecurityPolicy() {
        List<String> refused = browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        assertTrue(refused.isEmpty(), String.join("\n", refused));
    }

    // The channel is in confirm mode: once confirmed, a message is in every queue it was routed to.
    private static void publish(String exchange, String routingKey, String body) throws Exception {
        channel.basicPublish(exchange, routingKey, null, body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);
    }

    private static long messageCount(String queue) {
        try {
            return channel.messageCount(queue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String queue(int i) {
        return String.format("%s.%03d", PREFIX, i);
    }

    @Test
    void aWrongPasswordIsRefusedAtTheLoginForm() {
        console.logIn("guest", "not-the-password");

        console.waitForText(By.id("login-error"), "Login failed");
        assertTrue(console.all(By.id("signed-in-user")).stream().noneMatch(WebElement::isDisplayed));
    }

    @Test
    void findsOneQueueAmongManyBySearchAndSortsByName() {
        console.go("#/queues");
        String rows = "#outlet table.data tbody a.queue-link";

        console.type(By.cssSelector("input.filter"), queue(137));
        console.waitFor("only " + queue(137) + " is listed",
                d -> linkTexts(rows).equals(List.of(queue(137))));

        console.type(By.cssSelector("input.filter"), PREFIX);
        console.waitFor("the first page of the prefix in name order", d -> linkTexts(rows).size() == 50
                && linkTexts(rows).get(0).equals(queue(0)));
        console.waitForText(By.cssSelector(".summary"), "200 queues");
        console.click(By.cssSelector("button.sort[data-sort=name]"));
        console.waitFor("the prefix in reverse name order", d -> linkTexts(rows).get(0).equals(queue(199)));
    }

    @Test
    void publishesPeeksGetsAndPurgesFromTheQueuePage() throws Exception {
        String queue = queue(42);
        console.go("#/queues/%2F/" + queue);
        console.waitForText(By.cssSelector("#messages-ready .value"), "0");

        By publish = By.id("publish-form");
        console.fill(publish, "payload", "hello from the browser");
        console.click(By.cssSelector("#publish-form button[type=submit]"));
        console.waitForText(By.cssSelector("#messages-ready .value"), "1");
        assertEquals(1, channel.queueDeclarePassive(queue).getMessageCount());

        console.click(By.id("peek-button"));
        console.waitForText(By.cssSelector("#message-results .payload"), "hello from the browser");
        assertTrue(console.text(By.id("message-results")).contains("still in the queue"));
        assertEquals(1, channel.queueDeclarePassive(queue).getMessageCount(), "a peek leaves the message in the queue");

        console.choose(By.id("get-form"), "ackmode", "ack_requeue_false");
        console.click(By.id("get-button"));
        console.waitForText(By.cssSelector("#message-results"), "Got 1.");
        assertEquals("no", console.row("message-results", "Redelivered"),
                "the peek did not mark the message as delivered");
        console.waitForText(By.cssSelector("#messages-ready .value"), "0");
        assertEquals(0, channel.queueDeclarePassive(queue).getMessageCount());

        for (int i = 0; i < 3; i++) {
            publish("", queue, "m" + i);
        }
        console.waitForText(By.cssSelector("#messages-ready .value"), "3");
        console.click(By.id("purge-button"));
        console.confirm();
        console.waitForText(By.cssSelector("#messages-ready .value"), "0");
        assertEquals(0, channel.queueDeclarePassive(queue).getMessageCount());
    }

    @Test
    void bindsAndUnbindsFromTheQueuePage() throws Exception {
        String queue = queue(99);
        String key = "ui.key";
        console.go("#/queues/%2F/" + queue);

        By bind = By.cssSelector("form.bind-form");
        console.fill(bind, "source", "amq.direct");
        console.fill(bind, "routing_key", key);
        console.click(By.cssSelector("form.bind-form button[type=submit]"));
        console.waitForText(By.id("queue-bindings"), "amq.direct");
        publish("amq.direct", key, "bound");
        assertEquals(1, messageCount(queue), "the binding routes");
        channel.queuePurge(queue);

        console.click(By.cssSelector("#queue-bindings button[data-unbind='" + key + "']"));
        console.confirm();
        console.waitFor("the binding is gone", d -> !console.text(By.id("queue-bindings")).contains("amq.direct"));
        publish("amq.direct", key, "unbound");
        assertEquals(0, messageCount(queue), "nothing routes through the removed binding");
    }

    @Test
    void redrivesDeadLettersBackToTheQueueTheyDiedIn() throws Exception {
        String deadLetters = queue(150);
        String source = Names.unique("ui-source");
        channel.queueDeclare(source, false, false, false,
                Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", deadLetters));
        try {
            publish("", source, "doomed");
            channel.basicReject(channel.basicGet(source, false).getEnvelope().getDeliveryTag(), false);
            assertEventually("the message is dead-lettered", () -> messageCount(deadLetters) == 1);

            console.go("#/queues/%2F/" + deadLetters);
            console.click(By.cssSelector("#redrive-form button[type=submit]"));
            console.waitForText(By.id("redrive-outcome"), "Moved 1, skipped 0.");

            assertEquals(1, messageCount(source));
            assertEquals(0, messageCount(deadLetters));
        } finally {
            channel.queueDelete(source);
        }
    }

    @Test
    void createsAPolicyThatAppliesToTheQueues() {
        String policy = Names.unique("ui-policy");
        console.go("#/policies");

        By form = By.id("policy-form");
        console.fill(form, "name", policy);
        console.fill(form, "pattern", "^" + PREFIX.replace(".", "\\.") + "\\.");
        console.choose(form, "apply-to", "queues");
        console.fill(form, "definition", "{\"max-length\": 1000}");
        console.click(By.cssSelector("#policy-form button[type=submit]"));
        console.waitForText(By.id("policy-list"), policy);

        console.go("#/queues/%2F/" + queue(7));
        console.waitForText(By.id("queue-policy"), policy);
        console.waitForText(By.id("queue-policy"), "max-length");

        console.go("#/policies");
        WebElement row = console.visible(By.xpath("//div[@id='policy-list']//tr[td[text()='" + policy + "']]"));
        row.findElement(By.xpath(".//button[text()='Delete']")).click();
        console.confirm();
        console.waitFor("the policy is gone", d -> !console.text(By.id("policy-list")).contains(policy));
    }

    @Test
    void exportsAndImportsDefinitions() throws Exception {
        console.go("#/definitions");

        console.click(By.id("export-definitions"));
        Path exported = console.waitFor("the definitions file is downloaded", d -> downloaded("warren-definitions-"));
        JsonNode definitions = new ObjectMapper().readTree(exported.toFile());
        assertTrue(definitions.path("users").findValuesAsText("name").contains("guest"), "the export lists the users");

        String imported = Names.unique("ui-imported");
        Path file = Files.writeString(browser.downloads().resolve("import.json"), "{\"queues\": [{\"name\": \"" + imported
                + "\", \"vhost\": \"/\", \"durable\": false, \"auto_delete\": false, \"arguments\": {}}]}");
        try {
            console.visible(By.id("definitions-file"));
            browser.driver().findElement(By.id("definitions-file")).sendKeys(file.toString());
            console.click(By.cssSelector("#import-definitions button[type=submit]"));
            console.waitForText(By.id("notices"), "Definitions imported.");
            assertEquals(0, channel.queueDeclarePassive(imported).getMessageCount());
        } finally {
            channel.queueDelete(imported);
        }
    }

    // A finished download: Chromium writes to a .crdownload file and renames it when done.
    private static Path downloaded(String prefix) {
        try (var files = Files.list(browser.downloads())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".json"))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theOverviewChartsDrawMessageRatesAndQueuedMessages() {
        console.go("#/overview");
        WebElement canvas = console.visible(By.id("rates-chart"));
        assertTrue(canvas.getSize().getWidth() > 0 && canvas.getSize().getHeight() > 0);

        String points = "const c = Chart.getChart(document.getElementById(arguments[0]));"
                + " return c ? c.data.datasets[0].data.length : 0;";
        console.waitFor("two polls drawn on the rates chart", d -> ((Number) console.script(points, "rates-chart")).intValue() >= 2);
        assertTrue(((Number) console.script(points, "lengths-chart")).intValue() >= 2);
        console.waitFor("the queue total is shown", d -> !console.text(By.id("total-queues")).startsWith("0"));
    }

    // Read in one script call: the list re-renders every few seconds, which would make elements
    // found one call earlier stale.
    @SuppressWarnings("unchecked")
    private List<String> linkTexts(String selector) {
        return (List<String>) console.script(
                "return [...document.querySelectorAll(arguments[0])].map(a => a.textContent)", selector);
    }
}
