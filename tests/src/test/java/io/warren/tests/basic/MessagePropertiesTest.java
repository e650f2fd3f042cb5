package io.warren.tests.basic;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.impl.LongStringHelper;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The content header: all fourteen basic properties and every field-table value type the Java
 * client can write come back as they were sent, and user_id must name the connection's user.
 */
class MessagePropertiesTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(broker);

    private static final byte[] BODY = "props".getBytes(StandardCharsets.UTF_8);

    @Test
    void allFourteenPropertiesSurviveTheBroker() throws Exception {
        String user = broker.factory().getUsername();
        // The wire carries seconds, so only whole seconds can come back equal.
        Date timestamp = new Date(1_700_000_000_000L);
        AMQP.BasicProperties sent = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("gzip")
                .headers(Map.of("tenant", "acme"))
                .deliveryMode(2)
                .priority(7)
                .correlationId("corr-42")
                .replyTo("replies")
                .expiration("60000")
                .messageId("msg-42")
                .timestamp(timestamp)
                .type("order.created")
                .userId(user)
                .appId("warren-tests")
                .clusterId("cluster-a")
                .build();

        AMQP.BasicProperties got = roundTrip(sent).properties();

        assertEquals("application/json", got.getContentType());
        assertEquals("gzip", got.getContentEncoding());
        assertEquals(Map.of("tenant", "acme"), FieldValues.plain(got.getHeaders()));
        assertEquals(2, got.getDeliveryMode());
        assertEquals(7, got.getPriority());
        assertEquals("corr-42", got.getCorrelationId());
        assertEquals("replies", got.getReplyTo());
        assertEquals("60000", got.getExpiration());
        assertEquals("msg-42", got.getMessageId());
        assertEquals(timestamp, got.getTimestamp());
        assertEquals("order.created", got.getType());
        assertEquals(user, got.getUserId());
        assertEquals("warren-tests", got.getAppId());
        assertEquals("cluster-a", got.getClusterId());
    }

    @Test
    void absentPropertiesStayAbsent() throws Exception {
        AMQP.BasicProperties got = roundTrip(new AMQP.BasicProperties()).properties();

        assertNull(got.getContentType());
        assertNull(got.getHeaders());
        assertNull(got.getDeliveryMode());
        assertNull(got.getPriority());
        assertNull(got.getTimestamp());
        assertNull(got.getUserId());
        assertNull(got.getClusterId());
    }

    static Stream<Arguments> fieldValues() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", "value");
        nested.put("depth", Map.of("level", 2));
        return Stream.of(
                Arguments.of("String", "text é", "text é"),
                Arguments.of("LongString", LongStringHelper.asLongString("long"), "long"),
                Arguments.of("Integer", Integer.MIN_VALUE, Integer.MIN_VALUE),
                Arguments.of("Long", Long.MAX_VALUE, Long.MAX_VALUE),
                Arguments.of("Short", Short.MIN_VALUE, Short.MIN_VALUE),
                Arguments.of("Byte", Byte.MIN_VALUE, Byte.MIN_VALUE),
                Arguments.of("Float", 3.25f, 3.25f),
                Arguments.of("Double", -1.0e300, -1.0e300),
                Arguments.of("BigDecimal", new BigDecimal("-12345.678"), new BigDecimal("-12345.678")),
                Arguments.of("Boolean", true, true),
                Arguments.of("Date", new Date(1_600_000_000_000L), new Date(1_600_000_000_000L)),
                Arguments.of("byte[]", new byte[] {0, 1, -1, 127}, FieldValues.Binary.of(new byte[] {0, 1, -1, 127})),
                Arguments.of("List", List.of("a", 1, false, List.of(2L)), List.of("a", 1, false, List.of(2L))),
                Arguments.of("Map", nested, Map.of("inner", "value", "depth", Map.of("level", 2))),
                Arguments.of("null", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldValues")
    void headerValueComesBackWithItsTypeAndValue(String type, Object sent, Object expected) throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("value", sent);

        Map<String, Object> got = roundTrip(new AMQP.BasicProperties.Builder().headers(headers).build())
                .properties().getHeaders();

        assertTrue(got.containsKey("value"), type + " header missing: " + got);
        // Boxed numbers, dates and decimals are equal only to their own type, so this checks the type too.
        assertEquals(expected, FieldValues.plain(got.get("value")), type);
    }

    @Test
    void manyHeadersOfEveryTypeTogether() throws Exception {
        Map<String, Object> headers = new LinkedHashMap<>();
        fieldValues().forEach(a -> headers.put((String) a.get()[0], a.get()[1]));

        Map<String, Object> got = roundTrip(new AMQP.BasicProperties.Builder().headers(headers).build())
                .properties().getHeaders();

        Map<String, Object> expected = new HashMap<>();
        fieldValues().forEach(a -> expected.put((String) a.get()[0], a.get()[2]));
        assertEquals(expected, FieldValues.plain(got));
    }

    @Test
    void userIdOfAnotherUserIsRefused() {
        Channel channel = fixture.channel();
        String queue = fixture.queue("user-id-mismatch");
        String user = broker.factory().getUsername();
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().userId("mallory").build();

        ProtocolError error = ProtocolError.raisedBy(channel, () -> channel.basicPublish("", queue, properties, BODY));

        assertEquals(ProtocolError.channel(406, "PRECONDITION_FAILED - user_id property set to 'mallory'"
                + " but authenticated user was '" + user + "'"), error);
        assertEquals(0, fixture.ready(queue));
    }

    private ReceivedMessage roundTrip(AMQP.BasicProperties properties) throws Exception {
        Channel channel = fixture.channel();
        String queue = fixture.queue("properties");
        DeliveryRecorder consumer = new DeliveryRecorder(channel);
        channel.basicConsume(queue, true, consumer);
        channel.basicPublish("", queue, properties, BODY);
        ReceivedMessage received = consumer.next();
        assertArrayEquals(BODY, received.body());
        return received;
    }
}
