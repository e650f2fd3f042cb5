package io.warren.dlx;

import io.warren.queue.DeadLetterReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.warren.amqp.BasicProperties;
import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.Timestamp;
import io.warren.dlx.fixtures.TypedValues;
import io.warren.queue.Message;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays each recorded RabbitMQ scenario (see fixtures/README.md) through {@link DeadLetterStamp}
 * and compares the result with what RabbitMQ delivered, field by field and type by type. Times are
 * not compared; the x-last-death-* headers RabbitMQ 3.10.8 lacks are checked on their own.
 */
class DeadLetterStampFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = 1_800_000_000L;

    @ParameterizedTest
    @ValueSource(strings = {"a-reject-cc-no-dlrk", "b-reject-cc-with-dlrk", "c-per-message-expiration",
            "d-queue-message-ttl", "e-max-length-drop-head", "f-same-queue-twice", "g-two-reasons"})
    void stampMatchesWhatRabbitMqDelivered(String name) throws IOException {
        JsonNode fixture = load(name);
        JsonNode published = fixture.get("published");
        Message message = new Message(published.get("exchange").asText(), published.get("routingKey").asText(),
                TypedValues.properties(published.get("properties")).toBytes(), name.getBytes(), true);
        DeadLetter deadLetter = null;
        JsonNode last = null;
        for (JsonNode step : fixture.get("deadLetterings")) {
            deadLetter = DeadLetterStamp.apply(message, DeadLetterReason.fromWireName(step.get("reason").asText()),
                    step.get("queue").asText(), step.get("deadLetterExchange").asText(),
                    step.get("deadLetterRoutingKey").isNull() ? null : step.get("deadLetterRoutingKey").asText(),
                    NOW);
            message = deadLetter.message();
            last = step;
        }

        JsonNode delivered = fixture.get("delivered");
        assertEquals(delivered.get("exchange").asText(), message.exchange());
        assertEquals(delivered.get("routingKey").asText(), message.routingKey());
        assertEquals(delivered.get("routingKey").asText(), deadLetter.routingKeys().get(0));
        assertTrue(message.persistent());
        assertEquals(name, new String(message.body()));

        BasicProperties ours = BasicProperties.decode(Unpooled.wrappedBuffer(message.properties()));
        BasicProperties theirs = TypedValues.properties(delivered.get("properties"));
        Map<String, Object> ourHeaders = new LinkedHashMap<>(ours.headers());
        assertEquals(LongStr.of(last.get("queue").asText()), ourHeaders.remove("x-last-death-queue"));
        assertEquals(LongStr.of(last.get("reason").asText()), ourHeaders.remove("x-last-death-reason"));
        assertEquals(LongStr.of(lastExchange(fixture)), ourHeaders.remove("x-last-death-exchange"));

        assertEquals(withoutTimes(TypedValues.typed(delivered.get("properties").get("headers"))),
                withoutTimes(TypedValues.typed(ourHeaders)));
        assertEquals(theirs.toBuilder().headers(null).build(), ours.toBuilder().headers(null).build());
        assertNull(ours.expiration());
        for (Object death : (List<?>) ours.headers().get("x-death")) {
            Object time = ((Map<?, ?>) death).get("time");
            assertEquals(new Timestamp(NOW), time);
        }
    }

    /** The exchange the message was published to before its last death: the DLX of the step before, if any. */
    private static String lastExchange(JsonNode fixture) {
        JsonNode steps = fixture.get("deadLetterings");
        return steps.size() == 1 ? fixture.get("published").get("exchange").asText()
                : steps.get(steps.size() - 2).get("deadLetterExchange").asText();
    }

    @SuppressWarnings("unchecked")
    private static Object withoutTimes(Object typed) {
        if (typed instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k,
                    k.equals("time") && v instanceof Map<?, ?> t && "timestamp".equals(t.get("type"))
                            ? Map.of("type", "timestamp") : withoutTimes(v)));
            return copy;
        }
        if (typed instanceof List<?> list) {
            return list.stream().map(DeadLetterStampFixtureTest::withoutTimes).toList();
        }
        return typed;
    }

    private static JsonNode load(String name) throws IOException {
        try (InputStream in = DeadLetterStampFixtureTest.class.getResourceAsStream("/fixtures/" + name + ".json")) {
            return JSON.readTree(in);
        }
    }
}
