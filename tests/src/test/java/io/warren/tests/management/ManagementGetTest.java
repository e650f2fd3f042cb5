package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.warren.junit5.EmbeddedWarren;
import io.warren.junit5.WarrenExtension;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import static io.warren.tests.management.Json.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * "Get messages" (POST /api/queues/{vhost}/{queue}/get) with bodies of any size, as RabbitMQ
 * answers them, and never deleting a message it could not return. The size cases run against a
 * real RabbitMQ too ({@code -Dwarren.test.uri}); the failure case is Warren's own.
 */
@Tag("management")
class ManagementGetTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static Api api() {
        return new Api(URI.create(broker.managementUri()), "guest", "guest");
    }

    @ParameterizedTest
    @ValueSource(ints = {4088, 4089, 4096, 65536, 1048576})
    void returnsATextMessageOfAnySizeAndAcksItOnlyWhenAsked(int size) throws Exception {
        String queue = "mgmt.get.text." + size;
        byte[] body = text(size);
        try (Connection c = broker.connect()) {
            Channel ch = c.createChannel();
            // Confirmed before the HTTP get, so the get cannot overtake the publish.
            ch.confirmSelect();
            ch.queueDeclare(queue, false, false, false, null);
            ch.basicPublish("", queue, null, body);
            ch.basicPublish("", queue, null, body);
            ch.waitForConfirmsOrDie(5_000);
            try {
                JsonNode kept = get(queue, "ack_requeue_true", "auto", null);
                assertEquals(1, kept.size());
                assertEquals(size, kept.get(0).get("payload_bytes").asInt());
                assertEquals("string", kept.get(0).get("payload_encoding").asText());
                assertEquals(new String(body, StandardCharsets.US_ASCII), kept.get(0).get("payload").asText());
                assertEquals(2, ch.queueDeclarePassive(queue).getMessageCount(), "ack_requeue_true keeps it");

                JsonNode taken = get(queue, "ack_requeue_false", "auto", null);
                assertEquals(size, taken.get(0).get("payload_bytes").asInt());
                assertTrue(taken.get(0).get("redelivered").asBoolean(), "the requeued one comes first, redelivered");
                assertEquals(new String(body, StandardCharsets.US_ASCII), taken.get(0).get("payload").asText());
                assertEquals(1, ch.queueDeclarePassive(queue).getMessageCount(), "ack_requeue_false took one");
            } finally {
                ch.queueDelete(queue);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4096, 65536, 1048576})
    void returnsBinaryAsBase64AndTruncatesAsRabbitMqDoes(int size) throws Exception {
        String queue = "mgmt.get.binary." + size;
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        body[0] = (byte) 0xff; // never valid UTF-8
        try (Connection c = broker.connect()) {
            Channel ch = c.createChannel();
            // Confirmed before the HTTP get, so the get cannot overtake the publish.
            ch.confirmSelect();
            ch.queueDeclare(queue, false, false, false, null);
            ch.basicPublish("", queue, null, body);
            ch.waitForConfirmsOrDie(5_000);
            try {
                JsonNode auto = get(queue, "reject_requeue_true", "auto", null).get(0);
                assertEquals("base64", auto.get("payload_encoding").asText());
                assertArrayEquals(body, Base64.getDecoder().decode(auto.get("payload").asText()));

                JsonNode cut = get(queue, "ack_requeue_true", "base64", 1000).get(0);
                assertEquals(size, cut.get("payload_bytes").asInt(), "payload_bytes is the whole body's size");
                assertArrayEquals(Arrays.copyOf(body, 1000), Base64.getDecoder().decode(cut.get("payload").asText()));

                JsonNode whole = get(queue, "ack_requeue_false", "base64", size + 1).get(0);
                assertArrayEquals(body, Base64.getDecoder().decode(whole.get("payload").asText()));
                assertEquals(0, ch.queueDeclarePassive(queue).getMessageCount());
            } finally {
                ch.queueDelete(queue);
            }
        }
    }

    @Test
    void aGetOfSeveralMessagesReturnsThemAllWhateverTheirSizes() throws Exception {
        String queue = "mgmt.get.mixed";
        int[] sizes = {10, 200_000, 10, 5000};
        try (Connection c = broker.connect()) {
            Channel ch = c.createChannel();
            // Confirmed before the HTTP get, so the get cannot overtake the publish.
            ch.confirmSelect();
            ch.queueDeclare(queue, false, false, false, null);
            for (int size : sizes) {
                ch.basicPublish("", queue, null, text(size));
            }
            ch.waitForConfirmsOrDie(5_000);
            try {
                JsonNode got = api().post(Api.path("queues", "/", queue, "get"),
                        object("count", 10, "ackmode", "ack_requeue_false", "encoding", "auto")).json();
                assertEquals(sizes.length, got.size());
                for (int i = 0; i < sizes.length; i++) {
                    assertEquals(sizes[i], got.get(i).get("payload_bytes").asInt());
                }
                assertEquals(0, ch.queueDeclarePassive(queue).getMessageCount());
            } finally {
                ch.queueDelete(queue);
            }
        }
    }

    /**
     * A message stored while max_message_size was larger cannot come through the management API
     * once it is lowered: the get fails, and with ack_requeue_false nothing is deleted, neither
     * that message nor the one got before it in the same request.
     */
    @Test
    void aGetWhoseAnswerCannotBeBuiltDeletesNothing() throws Exception {
        assumeFalse(broker.isExternal());
        String queue = "mgmt.get.unbuildable";
        byte[] big = text(1_500_000);
        try (EmbeddedWarren warren = WarrenExtension.builder().configure(b -> b.maxMessageSize(2_000_000)).start()) {
            try (Connection c = factory(warren).newConnection()) {
                Channel ch = c.createChannel();
                ch.queueDeclare(queue, true, false, false, null);
                ch.confirmSelect();
                ch.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, text(10));
                ch.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, big);
                ch.waitForConfirmsOrDie(10_000);
            }

            warren.restart(b -> b.maxMessageSize(1_000_000));

            try (Connection c = factory(warren).newConnection()) {
                Api api = new Api(URI.create(warren.managementUrl()), "guest", "guest");
                ApiResponse failed = api.post(Api.path("queues", "/", queue, "get"),
                        object("count", 2, "ackmode", "ack_requeue_false", "encoding", "auto"));
                assertEquals(500, failed.status(), failed::toString);
                assertTrue(failed.reason().contains("larger than configured max size"), failed::toString);

                Channel ch = c.createChannel();
                assertEquals(2, ch.queueDeclarePassive(queue).getMessageCount(), "both messages are still there");
                assertEquals(10, ch.basicGet(queue, true).getBody().length);
                assertArrayEquals(big, ch.basicGet(queue, true).getBody(), "the big one reaches an AMQP client");
                assertFalse(ch.queueDeclarePassive(queue).getMessageCount() > 0);
            }
        }
    }

    private static JsonNode get(String queue, String ackmode, String encoding, Integer truncate) {
        var body = truncate == null ? object("count", 1, "ackmode", ackmode, "encoding", encoding)
                : object("count", 1, "ackmode", ackmode, "encoding", encoding, "truncate", truncate);
        ApiResponse r = api().post(Api.path("queues", "/", queue, "get"), body);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    private static ConnectionFactory factory(EmbeddedWarren warren) {
        ConnectionFactory f = warren.connectionFactory();
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }

    /** ASCII text of {@code size} bytes, different at every position so that a cut shows. */
    private static byte[] text(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }
}
