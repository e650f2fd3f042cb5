package io.warren.tests.docker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.warren.testcontainers.WarrenContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WarrenContainer} over the image the repository's Dockerfile builds: started with
 * definitions and a rabbitmq.conf, reached with the Java client and over HTTP through the URLs
 * and credentials it hands out, as a user's test would. Skipped where no Docker engine runs or
 * {@link ProjectImage} cannot be built.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ProjectImage.Resolver.class)
class WarrenContainerTest {
    private static final long TIMEOUT_MS = 10_000;

    private static String imageName;

    @BeforeAll
    static void useProjectImage(ProjectImage image) {
        imageName = image.name();
    }

    private static WarrenContainer container() {
        return new WarrenContainer(DockerImageName.parse(imageName).asCompatibleSubstituteFor("warren"))
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("warren-container")));
    }

    @Test
    void definitionsAndConfigurationAreLoadedAndTheUrlsReachTheBroker() throws Exception {
        try (WarrenContainer warren = container()
                .withDefinitions(MountableFile.forClasspathResource("testcontainers/definitions.json"))
                .withRabbitMQConfig(MountableFile.forClasspathResource("testcontainers/rabbitmq.conf"))) {
            warren.start();

            assertEquals("amqp://" + warren.getHost() + ":" + warren.getAmqpPort(), warren.getAmqpUrl());
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(warren.getAmqpUrl());
            factory.setUsername("app");
            factory.setPassword("app-secret");
            factory.setAutomaticRecoveryEnabled(false);
            factory.setRequestedHeartbeat(0);
            try (Connection c = factory.newConnection()) {
                assertEquals(17, c.getHeartbeat(), "heartbeat from the rabbitmq.conf");
                Channel ch = c.createChannel();
                ch.confirmSelect();
                ch.basicPublish("orders", "eu.fr.paris", null, "order 1".getBytes(StandardCharsets.UTF_8));
                ch.waitForConfirmsOrDie(TIMEOUT_MS);
                GetResponse got = ch.basicGet("orders.eu", true);
                assertNotNull(got, "the definitions' binding did not route");
                assertEquals("order 1", new String(got.getBody(), StandardCharsets.UTF_8));
            }

            HttpResponse<String> queue = get(warren.getHttpUrl() + "/api/queues/%2F/orders.eu", "app", "app-secret");
            assertEquals(200, queue.statusCode(), queue::body);
            assertTrue(queue.body().contains("\"durable\":true"), queue.body());

            // The definitions name the users: guest was never created.
            factory.setUsername("guest");
            factory.setPassword("guest");
            assertThrows(IOException.class, factory::newConnection);
        }
    }

    @Test
    void theAdminCredentialsAreTheDefaultUsers() throws Exception {
        try (WarrenContainer warren = container().withAdminUser("admin").withAdminPassword("s3cret")) {
            warren.start();

            assertEquals("admin", warren.getAdminUsername());
            assertEquals("s3cret", warren.getAdminPassword());
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(warren.getAmqpUrl());
            factory.setUsername(warren.getAdminUsername());
            factory.setPassword(warren.getAdminPassword());
            factory.setAutomaticRecoveryEnabled(false);
            try (Connection c = factory.newConnection()) {
                assertTrue(c.createChannel().isOpen());
            }
            HttpResponse<String> whoami = get(warren.getHttpUrl() + "/api/whoami", "admin", "s3cret");
            assertEquals(200, whoami.statusCode(), whoami::body);
            assertTrue(whoami.body().contains("administrator"), whoami.body());
        }
    }

    private static HttpResponse<String> get(String url, String user, String password) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Basic " + auth).timeout(Duration.ofMillis(TIMEOUT_MS)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
