package io.warren.tests.docker;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds the image from the repository's Dockerfile, as a user would, starts it, and drives the
 * broker in it with the RabbitMQ Java client from the host: through the published port, so as
 * guest from a non-loopback address, which only the image's configuration allows.
 *
 * <p>Skipped where no Docker engine runs or {@link ProjectImage} cannot be built (no local base
 * images; outside CI, no packaged server jar).
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ProjectImage.Resolver.class)
class DockerImageTest {
    private static final String DATA_DIR = "/var/lib/warren";
    private static final int AMQP_PORT = 5672;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final long DELIVERY_TIMEOUT_SECONDS = 10;

    private static GenericContainer<?> container;
    private static String imageName;

    @BeforeAll
    static void startImage(ProjectImage image) {
        imageName = image.name();
        container = new GenericContainer<>(DockerImageName.parse(imageName))
                .withExposedPorts(AMQP_PORT)
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("warren-container")))
                .waitingFor(Wait.forListeningPorts(AMQP_PORT).withStartupTimeout(STARTUP_TIMEOUT));
        container.start();
    }

    @AfterAll
    static void stopContainer() {
        if (container != null) {
            container.stop();
        }
    }

    @Test
    void guestRoundTripsAMessageFromOutsideTheContainer() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(container.getHost());
        factory.setPort(container.getMappedPort(AMQP_PORT));
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setAutomaticRecoveryEnabled(false);
        byte[] body = "through the image".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> headers = Map.of("x-from", "docker-image-test");

        try (Connection connection = factory.newConnection()) {
            Channel channel = connection.createChannel();
            // Exclusive but not auto-delete: the queue must outlive its consumer for the check below.
            String queue = channel.queueDeclare("", false, true, false, null).getQueue();
            channel.confirmSelect();
            channel.basicPublish("", queue, true,
                    new AMQP.BasicProperties.Builder().contentType("text/plain").headers(headers).build(), body);
            channel.waitForConfirmsOrDie(TimeUnit.SECONDS.toMillis(DELIVERY_TIMEOUT_SECONDS));

            BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
            channel.basicConsume(queue, false, (tag, delivery) -> deliveries.add(delivery), tag -> {});
            Delivery delivery = deliveries.poll(DELIVERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);

            assertNotNull(delivery, "no delivery within " + DELIVERY_TIMEOUT_SECONDS + " s");
            assertArrayEquals(body, delivery.getBody());
            assertEquals("text/plain", delivery.getProperties().getContentType());
            assertEquals("docker-image-test", String.valueOf(delivery.getProperties().getHeaders().get("x-from")));
            assertFalse(delivery.getEnvelope().isRedeliver());
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            // Closing the channel requeues whatever it left unacked, so an empty queue afterwards
            // shows the ack was applied.
            channel.close();

            assertNull(connection.createChannel().basicGet(queue, true), "message still queued after its ack");
        }
    }

    @Test
    void imageRunsTheBrokerAsAnUnprivilegedUserWithItsDataInAVolume() throws Exception {
        ContainerConfig config = inspect(imageName).getConfig();

        assertEquals("warren:warren", config.getUser());
        assertTrue(config.getVolumes().containsKey(DATA_DIR), () -> "volumes " + config.getVolumes());
        Set<Integer> exposed = Arrays.stream(config.getExposedPorts()).map(ExposedPort::getPort).collect(Collectors.toSet());
        // The plain ports, and RabbitMQ's TLS ones for a configuration that turns TLS on.
        assertEquals(Set.of(5672, 15672, 15692, 5671, 15671, 15691), exposed);
        // The broker is the container's first process; what it runs as is what matters.
        assertEquals("warren", exec("stat", "-c", "%U", "/proc/1"));
        assertEquals("warren", exec("stat", "-c", "%U", DATA_DIR));
    }

    private static String exec(String... command) throws Exception {
        ExecResult result = container.execInContainer(command);
        assertEquals(0, result.getExitCode(), () -> String.join(" ", command) + ": " + result.getStderr());
        return result.getStdout().strip();
    }

    private static InspectImageResponse inspect(String name) {
        return DockerClientFactory.instance().client().inspectImageCmd(name).exec();
    }
}
