package io.warren.tests.clients;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spring AMQP's {@code RabbitTemplate} doing request/reply, as Spring Boot applications do. The
 * template probes direct reply-to once with a passive declare of {@code amq.rabbitmq.reply-to};
 * only when that succeeds does it consume replies from the pseudo-queue, otherwise it declares a
 * temporary reply queue for every call. The server side here records the reply_to of each
 * request, which tells which of the two the template chose.
 */
class SpringRabbitTemplateTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static final String DIRECT_REPLY_TO = "amq.rabbitmq.reply-to.";

    private final List<String> replyAddresses = new CopyOnWriteArrayList<>();
    private Connection serverConnection;
    private String requests;
    private CachingConnectionFactory connectionFactory;

    @BeforeEach
    void startServer() throws Exception {
        serverConnection = broker.connect();
        Channel server = serverConnection.createChannel();
        requests = "warren.spring.requests." + UUID.randomUUID();
        server.queueDeclare(requests, false, true, true, null);
        server.basicConsume(requests, true, (tag, delivery) -> {
            AMQP.BasicProperties request = delivery.getProperties();
            replyAddresses.add(request.getReplyTo());
            AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                    .contentType("text/plain").correlationId(request.getCorrelationId()).build();
            String answer = "re: " + new String(delivery.getBody(), StandardCharsets.UTF_8);
            server.basicPublish("", request.getReplyTo(), reply, answer.getBytes(StandardCharsets.UTF_8));
        }, tag -> { });
        connectionFactory = new CachingConnectionFactory(broker.factory());
    }

    @AfterEach
    void stop() {
        connectionFactory.destroy();
        serverConnection.abort();
    }

    @Test
    void sendAndReceiveUsesDirectReplyTo() {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setReplyTimeout(10_000);

        assertEquals("re: first", template.convertSendAndReceive("", requests, "first"));
        assertEquals("re: second", template.convertSendAndReceive("", requests, "second"));

        assertEquals(2, replyAddresses.size(), () -> "requests seen: " + replyAddresses);
        for (String address : replyAddresses) {
            assertTrue(address.startsWith(DIRECT_REPLY_TO),
                    () -> "the template fell back to a temporary reply queue: reply_to " + address);
        }
    }
}
